/**
 * Namespace ordering: every namespaced Kubernetes object of a stack is created after the namespace
 * it lives in, when that namespace is created in the same stack.
 *
 * Terraform only orders what references or `depends_on` connect. An object that names its
 * namespace as a plain string (`metadata.namespace: 'mlops-drift'`) next to the
 * `kubernetes_namespace_v1` that creates it is created in parallel with it on the first apply, and
 * the API server rejects it ("namespaces not found"); a second apply passes. Rather than every
 * construct remembering a `dependsOn`, the layer stacks run {@link orderAfterNamespaces} as an
 * aspect at synth: each namespaced object — a typed `kubernetes_*` resource (`metadata.namespace`), a
 * `kubernetes_manifest` (`manifest.metadata.namespace`) or a `helm_release` (`namespace`) — whose
 * namespace is a literal created in the same stack by a `kubernetes_namespace_v1` or a
 * `helm_release` with `create_namespace`, and which does not already reach that namespace through
 * its `depends_on` chain, gets it added to `depends_on`.
 *
 * A namespace created in an earlier stack of the set needs nothing (stacks deploy in order); one
 * created in a later stack cannot be fixed by ordering and is left to the wiring test.
 */
import { Aspects, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { resolveIn } from './deployability-check';
import { PreparedAspect, terraformElementsOf } from './prepared-synth';

/** What a resource's inputs say about namespaces (read through the provider classes' `*Input` getters). */
interface NamespaceInputs {
  readonly metadataInput?: { readonly namespace?: unknown; readonly name?: unknown };
  readonly manifestInput?: { readonly metadata?: { readonly namespace?: unknown } };
  readonly namespaceInput?: unknown;
  readonly createNamespaceInput?: unknown;
}

const NAMESPACE_TYPE = 'kubernetes_namespace_v1';
const HELM_RELEASE_TYPE = 'helm_release';

/** `type.logicalId` of a resource, as `depends_on` names it. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** The namespace a resource creates: a `kubernetes_namespace_v1`, or a `helm_release` with `create_namespace`. */
export function namespaceCreatedBy(resource: TerraformResource): string | undefined {
  const inputs = resource as unknown as NamespaceInputs;
  if (resource.terraformResourceType === NAMESPACE_TYPE) return literal(inputs.metadataInput?.name);
  if (resource.terraformResourceType === HELM_RELEASE_TYPE && inputs.createNamespaceInput === true) return literal(inputs.namespaceInput);
  return undefined;
}

/** The namespace a resource lives in, when it is a literal (a token already references its source). */
export function namespaceOfResource(resource: TerraformResource): string | undefined {
  if (resource.terraformResourceType === NAMESPACE_TYPE) return undefined;
  const inputs = resource as unknown as NamespaceInputs;
  if (resource.terraformResourceType === HELM_RELEASE_TYPE) return literal(inputs.namespaceInput);
  if (resource.terraformResourceType === 'kubernetes_manifest') return literal(inputs.manifestInput?.metadata?.namespace);
  if (!resource.terraformResourceType.startsWith('kubernetes_')) return undefined;
  return literal(inputs.metadataInput?.namespace);
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * Adds the namespace to `depends_on` of every namespaced object of `stack` that lives in a namespace
 * the same stack creates and does not already depend on it. Returns the addresses it changed.
 */
export function orderAfterNamespaces(stack: TerraformStack): string[] {
  const resources = terraformElementsOf(stack).filter((c): c is TerraformResource => c instanceof TerraformResource);
  const creators = new Map<string, TerraformResource>();
  for (const r of resources) {
    const created = namespaceCreatedBy(r);
    if (created !== undefined && !creators.has(created)) creators.set(created, r);
  }
  if (creators.size === 0) return [];
  const byAddress = new Map(resources.map((r) => [resourceAddress(r), r]));
  const dependencies = new Map<TerraformResource, string[]>();
  const dependenciesOf = (r: TerraformResource): string[] => {
    if (!dependencies.has(r)) dependencies.set(r, (r.dependsOn ?? []).map((d) => String(resolveIn(stack, d))));
    return dependencies.get(r)!;
  };
  const changed: string[] = [];
  for (const r of resources) {
    const namespace = namespaceOfResource(r);
    const creator = namespace === undefined ? undefined : creators.get(namespace);
    if (creator === undefined || creator === r) continue;
    const address = resourceAddress(creator);
    if (dependsTransitively(r, address, byAddress, dependenciesOf)) continue;
    r.dependsOn = [...(r.dependsOn ?? []), address];
    dependencies.delete(r);
    changed.push(resourceAddress(r));
  }
  return changed;
}

/** Whether `address` is reachable from `r` through `depends_on` (references are not followed). */
function dependsTransitively(
  r: TerraformResource,
  address: string,
  byAddress: ReadonlyMap<string, TerraformResource>,
  dependenciesOf: (r: TerraformResource) => string[],
): boolean {
  const seen = new Set<string>();
  const todo = [...dependenciesOf(r)];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (next === address) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    const dependency = byAddress.get(next);
    if (dependency) todo.push(...dependenciesOf(dependency));
  }
  return false;
}

class NamespaceOrdering extends PreparedAspect {
  constructor(private readonly stack: TerraformStack) {
    super();
  }
  protected apply(node: IConstruct): void {
    if (node === this.stack) orderAfterNamespaces(this.stack);
  }
}

const ENABLED = Symbol.for('cdktf-mlops.namespace-ordering');

/**
 * Runs {@link orderAfterNamespaces} on `stack` at synth (once). The platform and workloads layer
 * stacks do this themselves; call it for Kubernetes stacks of your own.
 */
export function enableNamespaceOrdering(stack: TerraformStack): void {
  const marked = stack as unknown as Record<symbol, boolean>;
  if (marked[ENABLED]) return;
  marked[ENABLED] = true;
  Aspects.of(stack).add(new NamespaceOrdering(stack));
}
