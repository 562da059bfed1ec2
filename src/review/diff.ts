/**
 * Resource diff of two cdktf outputs, stack by stack. Resources are matched by address; a
 * resource whose address disappeared and reappeared elsewhere (a changed logical ID, or a move to
 * another stack) is recognised by its construct path (without the stack prefix) or, for stateful
 * types, by its literal name/identifier — Terraform will destroy the old and create the new one
 * unless a `moved` block says otherwise. Same-address changes to force-new attributes are
 * replacements.
 */
import { diffAttributes, valueAt } from './attributes';
import { isPureExpression } from './expressions';
import { forceNewAttribute } from './force-new';
import { compareText } from './format';
import { statefulType } from './stateful';
import { ResourceChange, StackDiff, SynthOutput, SynthResource, SynthStack } from './types';

const EMPTY: SynthStack = { name: '', dependencies: [], resources: new Map(), data: new Map(), outputs: {}, moved: [], providers: {} };

/** Construct path without the stack's own name, e.g. `cluster/kms-key`. */
export function pathInStack(r: SynthResource): string | undefined {
  if (!r.path) return undefined;
  return r.path.startsWith(`${r.stack}/`) ? r.path.slice(r.stack.length + 1) : r.path;
}

/** Literal identity of a stateful resource (`identifier=db-1`), or undefined when unknown/computed. */
export function identityOf(r: SynthResource): string | undefined {
  const keys = statefulType(r.type)?.identity ?? [];
  if (keys.length === 0) return undefined;
  const parts: string[] = [];
  for (const key of keys) {
    const v = valueAt(r.attributes, key);
    if (typeof v !== 'string' || v === '' || isPureExpression(v)) return undefined;
    parts.push(`${key}=${v}`);
  }
  return parts.join(', ');
}

function compareChanges(a: ResourceChange, b: ResourceChange): number {
  return compareText(a.stack, b.stack) || compareText(a.address, b.address) || compareText(a.kind, b.kind);
}

interface Side {
  readonly resource: SynthResource;
  taken: boolean;
}

/** True when Terraform ignores changes at `path` (`lifecycle.ignore_changes` of the head resource). */
export function ignoredByLifecycle(r: SynthResource, path: string): boolean {
  const ignore = valueAt(r.attributes, 'lifecycle.ignore_changes');
  if (ignore === 'all') return true;
  if (!Array.isArray(ignore)) return false;
  const plain = path.replace(/\[\d+\]/g, '');
  return ignore.some((i) => {
    const p = String(i).replace(/\[\d+\]/g, '');
    return plain === p || plain.startsWith(`${p}.`);
  });
}

function updateOrReplace(before: SynthResource, after: SynthResource, kind: 'updated' | 'moved'): ResourceChange | undefined {
  const changes = diffAttributes(after.type, before.attributes, after.attributes).filter((c) => !ignoredByLifecycle(after, c.path));
  const forceNew = [...new Set(changes.map((c) => forceNewAttribute(after.type, c.path)).filter((a): a is string => a !== undefined))].sort();
  if (changes.length === 0 && kind === 'updated') return undefined;
  return {
    kind: forceNew.length > 0 ? 'replaced' : kind,
    stack: after.stack,
    address: after.address,
    type: after.type,
    path: after.path,
    ...(kind === 'moved' ? { from: { stack: before.stack, address: before.address } } : {}),
    changes,
    forceNew,
  };
}

function sideMap(out: SynthOutput): Map<string, Side> {
  const m = new Map<string, Side>();
  for (const stack of out.stacks.values()) for (const r of stack.resources.values()) m.set(`${stack.name}\u0000${r.address}`, { resource: r, taken: false });
  return m;
}

/** Pairs removed with added resources of the same type by construct path, then by identity. */
function pairReaddressed(removed: Side[], added: Side[], out: ResourceChange[]): void {
  const keys: Array<[string, (r: SynthResource) => string | undefined]> = [
    ['same construct path', (r) => pathInStack(r)],
    ['same identifier', (r) => identityOf(r)],
  ];
  for (const [reason, keyOf] of keys) {
    const byKey = new Map<string, Side>();
    for (const a of added) {
      const k = a.taken ? undefined : keyOf(a.resource);
      if (k !== undefined) byKey.set(`${a.resource.type}\u0000${k}`, a);
    }
    for (const r of removed) {
      if (r.taken) continue;
      const k = keyOf(r.resource);
      const a = k === undefined ? undefined : byKey.get(`${r.resource.type}\u0000${k}`);
      if (!a || a.taken) continue;
      r.taken = true;
      a.taken = true;
      const to = a.resource;
      out.push({
        kind: 'readdressed',
        stack: to.stack,
        address: to.address,
        type: to.type,
        path: to.path,
        from: { stack: r.resource.stack, address: r.resource.address },
        matchedBy: `${reason}: ${k}`,
        changes: diffAttributes(to.type, r.resource.attributes, to.attributes),
        forceNew: [],
      });
    }
  }
}

/** Every resource change between `base` and `head`, sorted by stack and address. */
export function diffResources(base: SynthOutput, head: SynthOutput): ResourceChange[] {
  const before = sideMap(base);
  const after = sideMap(head);
  const out: ResourceChange[] = [];
  // moved blocks of the head turn remove+add into an in-place move
  for (const stack of head.stacks.values()) {
    for (const m of stack.moved) {
      const b = before.get(`${stack.name}\u0000${m.from}`);
      const a = after.get(`${stack.name}\u0000${m.to}`);
      if (!b || !a || after.has(`${stack.name}\u0000${m.from}`)) continue;
      b.taken = true;
      a.taken = true;
      const c = updateOrReplace(b.resource, a.resource, 'moved');
      if (c) out.push(c);
    }
  }
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a || b.taken || a.taken) continue;
    b.taken = true;
    a.taken = true;
    const c = updateOrReplace(b.resource, a.resource, 'updated');
    if (c) out.push(c);
  }
  const removed = [...before.values()].filter((s) => !s.taken);
  const added = [...after.values()].filter((s) => !s.taken);
  pairReaddressed(removed, added, out);
  for (const s of removed.filter((x) => !x.taken)) {
    const r = s.resource;
    out.push({ kind: 'removed', stack: r.stack, address: r.address, type: r.type, path: r.path, changes: [], forceNew: [] });
  }
  for (const s of added.filter((x) => !x.taken)) {
    const r = s.resource;
    out.push({ kind: 'added', stack: r.stack, address: r.address, type: r.type, path: r.path, changes: [], forceNew: [] });
  }
  return out.sort(compareChanges);
}

/** Groups changes by stack; every stack of either side appears, sorted by name. */
export function stackDiffs(base: SynthOutput, head: SynthOutput, changes: readonly ResourceChange[]): StackDiff[] {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  return names.map((name) => {
    const inBase = base.stacks.has(name);
    const inHead = head.stacks.has(name);
    const mine = changes.filter((c) => c.stack === name);
    const touched = mine.length > 0 || changes.some((c) => c.from?.stack === name);
    const status = !inBase ? 'added' : !inHead ? 'removed' : touched ? 'changed' : 'unchanged';
    const stack = (inHead ? head.stacks.get(name) : base.stacks.get(name)) ?? EMPTY;
    return { stack: name, status, resourceCount: stack.resources.size, changes: mine };
  });
}
