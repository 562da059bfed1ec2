/**
 * Resolving a stack once per synth. cdktf 0.21's `App.synth()` first runs `prepareStack()` on every
 * stack — a full resolve of every element, only so that cross-stack references register their
 * outputs and remote-state data sources — and then, per stack, invokes the aspects, runs the
 * validations and writes `toTerraform()`, which resolves every element again. `MlopsStack` keeps
 * the fragments of the prepare pass and builds the written JSON from them (see
 * {@link MlopsStack.prepareStack}); this module holds the pieces it needs:
 *
 * - {@link PreparedAspect}: the library's own aspects (namespace ordering, policy suppressions, the
 *   deletion switches). A stack whose aspects are all of this kind runs them at prepare, before it
 *   resolves, with the traversal cdktf's aspect invocation uses; the invocation cdktf makes next
 *   finds each node done and skips it, so every aspect still changes each node once.
 * - {@link terraformElementsOf}, {@link mergeFragment}, {@link recordOverride}: the element order,
 *   merge and override semantics of cdktf 0.21's `TerraformStack.toTerraform()` / `addOverride()`,
 *   which are not exported. `test/stacks/prepared-synth.checks.ts` compares the result with
 *   cdktf's own for every reference stack, so a cdktf release that changes them fails it.
 */
import { Aspects, DefaultTokenResolver, IAspect, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/** cdktf's resolver (`DefaultTokenResolver` over `StringConcat`, as cdktf's own resolve uses). */
export const PREPARE_RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * Base of the library's aspects that may run at prepare (see the module comment). Subclasses
 * implement {@link PreparedAspect.apply}; it must change only the constructs of the stack it runs
 * on, and must not add aspects or cross-stack references.
 */
export abstract class PreparedAspect implements IAspect {
  /** Nodes this aspect visited at prepare whose next `visit` (cdktf's invocation) is already done. */
  private readonly doneAtPrepare = new WeakSet<IConstruct>();

  /** What the aspect does to one node. */
  protected abstract apply(node: IConstruct): void;

  /** cdktf's invocation: skips a node once when it was visited at prepare. */
  public visit(node: IConstruct): void {
    if (this.doneAtPrepare.delete(node)) return;
    this.apply(node);
  }

  /** The invocation at prepare (by `MlopsStack.prepareStack`, before it resolves the stack). */
  public visitAtPrepare(node: IConstruct): void {
    this.apply(node);
    this.doneAtPrepare.add(node);
  }
}

/**
 * The aspects that apply to `stack`: those registered on it, its ancestors (cdktf 0.21 does not
 * invoke those, but a later version may) and every construct below it.
 */
export function aspectsAffecting(stack: TerraformStack): IAspect[] {
  const found: IAspect[] = [];
  for (const scope of [...stack.node.scopes, ...stack.node.findAll().slice(1)]) {
    for (const aspect of Aspects.of(scope).all) if (!found.includes(aspect)) found.push(aspect);
  }
  return found;
}

/**
 * Invokes the {@link PreparedAspect}s under `stack` in the order cdktf's `invokeAspects` would:
 * depth first from the stack, at each node the inherited aspects then the node's own, each aspect
 * once per node.
 */
export function invokePreparedAspects(stack: TerraformStack): void {
  // `inherited` holds each aspect once, in first-seen order: the order in which cdktf visits them.
  const visit = (node: IConstruct, inherited: readonly IAspect[]): void => {
    const own = Aspects.of(node).all;
    const here = own.length === 0 ? inherited : [...new Set([...inherited, ...own])];
    for (const aspect of here) (aspect as PreparedAspect).visitAtPrepare(node);
    for (const child of node.node.children) visit(child, here);
  };
  visit(stack, []);
}

/** The Terraform elements of `stack` in cdktf's order: depth first, not into nested stacks. */
export function terraformElementsOf(stack: TerraformStack): TerraformElement[] {
  const elements: TerraformElement[] = [];
  const visit = (node: IConstruct): void => {
    if (TerraformElement.isTerraformElement(node)) elements.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return elements;
}

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges `source` into `target` as cdktf 0.21 merges fragments: objects recursively (a resolvable
 * replaces), arrays appended to arrays, `undefined` deletes, anything else replaces.
 */
export function mergeFragment(target: Json, source: Json): Json {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value)) {
      if (typeof target[key] !== 'object') target[key] = {};
      if (Tokenization.isResolvable(value)) target[key] = value;
      else mergeFragment(target[key] as Json, value);
    } else if (Array.isArray(value)) {
      const current = target[key];
      target[key] = Array.isArray(current) ? [...current, ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * {@link mergeFragment} for a `source` that is a result of cdktf's resolve (no `undefined`, no
 * resolvables) and is not used afterwards: an object `target` does not have yet is taken as it is
 * instead of copied key by key (the result is the same tree).
 */
function mergeResolved(target: Json, source: Json): Json {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(value) && !Tokenization.isResolvable(value)) {
      if (typeof current !== 'object') {
        target[key] = value;
        continue;
      }
      if (isPlainObject(current)) {
        mergeResolved(current, value);
        continue;
      }
    }
    mergeFragment(target, { [key]: value });
  }
  return target;
}

/** Sets `value` at the dotted `path` of `overrides`, replacing what is not an object on the way (as `addOverride`). */
export function recordOverride(overrides: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop()!;
  let current = overrides;
  for (const part of parts) {
    if (!isPlainObject(current[part])) current[part] = {};
    current = current[part] as Json;
  }
  current[last] = value;
}

/** The `//.outputs` map of cdktf's JSON: each output's friendly unique id under its construct path. */
export function outputsMap(elements: readonly TerraformElement[]): Json {
  const outputs: Json = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    const nested = element.node.path
      .split('/')
      .reduceRight<unknown>((inner, part) => ({ [part]: inner }), element.friendlyUniqueId);
    mergeFragment(outputs, nested as Json);
  }
  return outputs;
}

/**
 * `stack`'s Terraform JSON as cdktf 0.21's `TerraformStack.toTerraform()` builds it — metadata,
 * outputs map, the elements' fragments merged in order, the stack overrides, a final resolve —
 * taking each element's fragment from `fragments` and resolving only the elements missing there.
 *
 * The final resolve is done only where something unresolved can be: the `//` block (metadata and
 * outputs map) and what the stack overrides wrote. The fragments are results of cdktf's resolve,
 * which have no tokens left, so resolving them again would only copy them (it was most of the cost
 * of this function). An override whose path holds a token key is resolved with the whole tree.
 */
export function terraformJson(stack: TerraformStack, fragments: ReadonlyMap<TerraformElement, Json>, stackOverrides: Json): Json {
  const resolve = <T>(value: T): T => Tokenization.resolve(value, { scope: stack, resolver: PREPARE_RESOLVER });
  const overrideKeys = Object.keys(stackOverrides);
  const metadata: Json = {
    version: stack.node.tryGetContext('cdktfVersion'),
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(overrideKeys.length > 0 ? { overrides: { stack: overrideKeys } } : {}),
  };
  const elements = terraformElementsOf(stack);
  for (const element of elements) {
    const elementMetadata: Json = element.toMetadata();
    // mostly `{ overrides: undefined, … }`, which resolves to `{}`
    if (Object.values(elementMetadata).some((v) => v !== undefined)) mergeFragment(metadata, resolve(elementMetadata));
  }
  const tf: Json = resolve({ '//': { metadata, outputs: outputsMap(elements) } });
  for (const element of elements) mergeResolved(tf, fragments.get(element) ?? resolve(element.toTerraform()));
  mergeFragment(tf, stackOverrides);
  if (hasTokenKey(stackOverrides)) return resolve(tf);
  resolveOverridden(tf, stackOverrides, resolve);
  return tf;
}

/** Whether a key of `overrides` (at any depth) is a token: the final resolve then resolves the whole tree, as cdktf does. */
function hasTokenKey(overrides: Json): boolean {
  return Object.entries(overrides).some(([key, value]) => Token.isUnresolved(key) || (isPlainObject(value) && hasTokenKey(value)));
}

/**
 * Resolves, in `target` (a tree into which `overrides` was merged and whose other parts are
 * resolved), each value that `overrides` wrote: the value at an override's leaf, or at a resolvable
 * or map-token object, replaced by its resolution, as the final resolve of the whole tree would.
 */
function resolveOverridden(target: Json, overrides: Json, resolve: <T>(value: T) => T): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current) && !Token.isUnresolved(value) && !Token.isUnresolved(current)) {
      resolveOverridden(current, value, resolve);
      continue;
    }
    const resolved = resolve(current);
    if (resolved === undefined) delete target[key];
    else target[key] = resolved;
  }
}
