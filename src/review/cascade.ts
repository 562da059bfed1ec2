/**
 * Replacement cascades: a replaced resource gets new computed attributes (id, arn, …), so every
 * resource that reads one of them through a replacement-forcing attribute (`vpc_id`, `subnet_id`,
 * `kms_key_id`, `role_arn`, a name…) is replaced too — transitively, and across stacks through
 * cdktf's cross-stack references (an output of one stack read by a `terraform_remote_state` data
 * source of another). A reference to a replaced resource's attribute that head configures as the
 * same literal as base (a fixed `name`, `bucket`) is known at plan time and does not cascade.
 * Data sources and locals that read a replaced resource become unknown and pass it on.
 *
 * A resource reached through an attribute that changes in place is not replaced but is part of the
 * blast radius (it is updated to point at the new resource), and so is every resource of a stack whose
 * kubernetes/helm provider is configured from a replaced cluster: the new cluster starts empty.
 */
import { valueAt } from './attributes';
import { Reference, referencesInValue } from '../synth/expressions';
import { replacementVerdict } from './force-new';
import { CROSS_STACK_INPUT_PREFIX } from './graph';
import { CascadeCause, ResourceChange, SynthOutput, SynthResource, SynthStack } from './types';

/** A node of the cascade: a resource (or data source/local) of a stack. */
const key = (stack: string, address: string): string => `${stack}\u0000${address}`;

/** What the cascade found. */
export interface CascadeResult {
  /** The input changes with cascaded replacements folded in, plus new `replaced` changes. */
  readonly changes: ResourceChange[];
  /** For each replaced (or maybe replaced) resource: resources updated in place to point at its replacement. */
  readonly updatedBy: ReadonlyMap<string, readonly { stack: string; address: string; attribute: string }[]>;
  /** Stacks whose providers are configured from a replaced resource, by that resource's key. */
  readonly providersFrom: ReadonlyMap<string, readonly string[]>;
}

/** `stack\0address` of a replaced node. */
export const cascadeKey = key;

interface Root {
  readonly certain: boolean;
}

function firstAttribute(ref: Reference): string {
  return /^\.?([A-Za-z_][\w-]*)/.exec(ref.attribute)?.[1] ?? '';
}

/** True when `ref` reads an attribute that head configures as the same literal as base. */
function stable(base: SynthOutput, head: SynthOutput, stack: string, ref: Reference): boolean {
  const attr = firstAttribute(ref);
  if (!attr || attr === 'id' || attr === 'arn') return false;
  const now = head.stacks.get(stack)?.resources.get(ref.address)?.attributes[attr];
  const was = base.stacks.get(stack)?.resources.get(ref.address)?.attributes[attr];
  return typeof now === 'string' && now === was && !now.includes('${');
}

/** The nodes a reference stands for: itself, or through a cross-stack output the resources it reads. */
function targets(head: SynthOutput, stack: string, ref: Reference): Array<{ stack: string; ref: Reference }> {
  const prefix = `data.terraform_remote_state.${CROSS_STACK_INPUT_PREFIX}`;
  if (!ref.address.startsWith(prefix)) return [{ stack, ref }];
  const other = ref.address.slice(prefix.length);
  const output = /^\.outputs\.([A-Za-z0-9_-]+)/.exec(ref.attribute)?.[1];
  const value = output ? head.stacks.get(other)?.outputs[output] : undefined;
  return referencesInValue(value).map((r) => ({ stack: other, ref: r }));
}

/** Leaf attribute paths of a resource's attributes that contain references, with those references. */
function referencingPaths(attributes: Readonly<Record<string, unknown>>): Array<{ path: string; refs: Reference[] }> {
  const out: Array<{ path: string; refs: Reference[] }> = [];
  const walk = (v: unknown, p: string): void => {
    if (typeof v === 'string') {
      const refs = referencesInValue(v);
      if (refs.length > 0) out.push({ path: p, refs });
    } else if (Array.isArray(v)) {
      if (v.every((x) => typeof x === 'string')) {
        const refs = referencesInValue(v);
        if (refs.length > 0) out.push({ path: p, refs });
      } else v.forEach((x, i) => walk(x, `${p}[${i}]`));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) if (k !== 'depends_on' && k !== 'lifecycle') walk(x, p ? `${p}.${k}` : k);
    }
  };
  walk(attributes, '');
  return out;
}

/**
 * Folds cascaded replacements into `changes`. Roots are the `replaced` and `readdressed` changes
 * (certain) and changes with `mayForceNew` (possible); the result marks every resource they reach.
 * Within a stack that has a Terraform plan (`planStacks`) the plan already holds the cascade; only
 * causes from other stacks (which that plan cannot know about) are added there.
 */
export function cascadeReplacements(base: SynthOutput, head: SynthOutput, changes: readonly ResourceChange[], planStacks: ReadonlySet<string> = new Set()): CascadeResult {
  const replaced = new Map<string, Root>();
  for (const c of changes) {
    if (c.block) continue;
    if (c.kind === 'replaced' || c.kind === 'readdressed') replaced.set(key(c.stack, c.address), { certain: true });
    else if ((c.mayForceNew?.length ?? 0) > 0) replaced.set(key(c.stack, c.address), { certain: false });
  }
  const causes = new Map<string, CascadeCause[]>();
  const updatedBy = new Map<string, Array<{ stack: string; address: string; attribute: string }>>();
  const resources: SynthResource[] = [...head.stacks.values()].flatMap((s) => [...s.resources.values()]);

  // data sources and locals: unknown when anything they read is replaced (memoized per pass)
  const unknownBlock = (stack: SynthStack, address: string, seen: Set<string>): Root | undefined => {
    const k = key(stack.name, address);
    if (seen.has(k)) return undefined;
    seen.add(k);
    const value = address.startsWith('data.') ? stack.data.get(address)?.attributes : address.startsWith('local.') ? stack.locals?.[address.slice(6)] : undefined;
    if (value === undefined) return undefined;
    return changedBy(stack.name, referencesInValue(value), seen)?.root;
  };
  const changedBy = (stack: string, refs: Reference[], seen = new Set<string>()): { root: Root; stack: string; address: string } | undefined => {
    let best: { root: Root; stack: string; address: string } | undefined;
    for (const r of refs) {
      for (const t of targets(head, stack, r)) {
        const s = head.stacks.get(t.stack);
        if (!s) continue;
        const direct = replaced.get(key(t.stack, t.ref.address));
        const root = direct && !stable(base, head, t.stack, t.ref) ? direct : t.ref.address.startsWith('data.') ? unknownBlock(s, t.ref.address, seen) : undefined;
        if (root && (!best || (root.certain && !best.root.certain))) best = { root, stack: t.stack, address: t.ref.address };
      }
    }
    return best;
  };
  // locals are referenced as local.x, which referencesInValue skips: resolve them here
  const localRefs = (stack: SynthStack, value: string): Reference[] => {
    const names = [...value.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]);
    return names.flatMap((n) => referencesInValue(stack.locals?.[n]));
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const r of resources) {
      const self = key(r.stack, r.address);
      const stack = head.stacks.get(r.stack)!;
      for (const { path, refs } of referencingPaths(r.attributes)) {
        const raw = valueAt(r.attributes, path);
        const all = [...refs, ...(typeof raw === 'string' ? localRefs(stack, raw) : [])];
        const hit = changedBy(r.stack, all);
        if (!hit || key(hit.stack, hit.address) === self || (planStacks.has(r.stack) && hit.stack === r.stack)) continue;
        const verdict = replacementVerdict(r.type, path).verdict;
        const rootKey = key(hit.stack, hit.address);
        if (verdict === 'inPlace') {
          const list = updatedBy.get(rootKey) ?? [];
          if (!list.some((x) => x.stack === r.stack && x.address === r.address && x.attribute === path)) list.push({ stack: r.stack, address: r.address, attribute: path });
          updatedBy.set(rootKey, list);
          continue;
        }
        const certain = verdict === 'replace' && hit.root.certain;
        const list = causes.get(self) ?? [];
        if (!list.some((c) => c.stack === hit.stack && c.address === hit.address && c.attribute === path)) list.push({ stack: hit.stack, address: hit.address, attribute: path, certain });
        causes.set(self, list);
        const prev = replaced.get(self);
        if (!prev || (certain && !prev.certain)) {
          replaced.set(self, { certain });
          changed = true;
        }
      }
    }
  }

  const providersFrom = new Map<string, string[]>();
  for (const stack of head.stacks.values()) {
    for (const ref of referencesInValue(stack.providers)) {
      for (const t of targets(head, stack.name, ref)) {
        const k = key(t.stack, t.ref.address);
        if (!replaced.has(k) || t.stack === stack.name) continue;
        const list = providersFrom.get(k) ?? [];
        if (!list.includes(stack.name)) list.push(stack.name);
        providersFrom.set(k, list.sort());
      }
    }
  }
  return { changes: fold(head, changes, causes), updatedBy, providersFrom };
}

function fold(head: SynthOutput, changes: readonly ResourceChange[], causes: ReadonlyMap<string, CascadeCause[]>): ResourceChange[] {
  const out: ResourceChange[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    const k = key(c.stack, c.address);
    const cause = c.block ? undefined : causes.get(k);
    if (!cause || c.kind === 'added' || c.kind === 'removed') {
      out.push(c);
      continue;
    }
    seen.add(k);
    out.push(withCascade(c, cause));
  }
  for (const [k, cause] of causes) {
    if (seen.has(k)) continue;
    const [stack, address] = k.split('\u0000');
    const r = head.stacks.get(stack)?.resources.get(address);
    if (!r || changes.some((c) => !c.block && c.stack === stack && c.address === address)) continue;
    out.push(withCascade({ kind: 'updated', stack, address, type: r.type, path: r.path, changes: [], forceNew: [] }, cause));
  }
  return out;
}

function withCascade(c: ResourceChange, cause: CascadeCause[]): ResourceChange {
  const sorted = [...cause].sort((a, b) => (a.stack + a.address + a.attribute < b.stack + b.address + b.attribute ? -1 : 1));
  const certain = sorted.filter((x) => x.certain).map((x) => x.attribute.replace(/\[\d+\]/g, ''));
  const maybe = sorted.filter((x) => !x.certain).map((x) => x.attribute.replace(/\[\d+\]/g, ''));
  if (c.kind === 'replaced' || c.kind === 'readdressed') return { ...c, cascade: sorted };
  if (certain.length > 0) return { ...c, kind: 'replaced', forceNew: [...new Set([...c.forceNew, ...certain])].sort(), mayForceNew: undefined, cascade: sorted };
  return { ...c, mayForceNew: [...new Set([...(c.mayForceNew ?? []), ...maybe])].sort(), cascade: sorted };
}
