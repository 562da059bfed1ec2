/**
 * Resource diff of two cdktf outputs, stack by stack. Resources are matched by address; a
 * resource whose address disappeared and reappeared elsewhere (a changed logical ID, or a move to
 * another stack) is recognised by its construct path (without the stack prefix), for stateful
 * types by its literal name/identifier, and last by a construct path that differs in exactly one
 * segment (a renamed construct id, when that pairing is unambiguous) — Terraform will destroy the
 * old and create the new one unless a `moved` block says otherwise. Same-address changes to
 * force-new attributes are replacements.
 *
 * Data sources, locals and ephemeral resources have no state, but their changes change what the
 * resources that read them get (a policy document, a rendered config file): {@link diffBlocks}
 * diffs them the same way, for display and for the IAM check.
 */
import { diffAttributes, valueAt } from './attributes';
import { isPureExpression } from '../synth/expressions';
import { replacementVerdict } from './force-new';
import { compareText } from './format';
import { statefulType } from './stateful';
import { BlockKind, ResourceChange, StackDiff, SynthOutput, SynthResource, SynthStack } from './types';

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

/** Orders changes by stack, address and kind. */
export function compareChanges(a: ResourceChange, b: ResourceChange): number {
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
  const verdicts = changes.map((c) => replacementVerdict(after.type, c.path));
  const attrs = (v: string): string[] => [...new Set(verdicts.filter((x) => x.verdict === v).map((x) => x.attribute))].sort();
  const forceNew = attrs('replace');
  const mayForceNew = forceNew.length > 0 ? [] : attrs('may');
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
    ...(mayForceNew.length > 0 ? { mayForceNew } : {}),
  };
}

function sideMap(out: SynthOutput): Map<string, Side> {
  const m = new Map<string, Side>();
  for (const stack of out.stacks.values()) for (const r of stack.resources.values()) m.set(`${stack.name}\u0000${r.address}`, { resource: r, taken: false });
  return m;
}

function readdressed(r: Side, a: Side, matchedBy: string): ResourceChange {
  r.taken = true;
  a.taken = true;
  const to = a.resource;
  return {
    kind: 'readdressed',
    stack: to.stack,
    address: to.address,
    type: to.type,
    path: to.path,
    from: { stack: r.resource.stack, address: r.resource.address },
    matchedBy,
    changes: diffAttributes(to.type, r.resource.attributes, to.attributes),
    forceNew: [],
  };
}

/** True when two construct paths have the same length and differ in exactly one segment. */
function oneSegmentApart(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  return x.length === y.length && x.filter((s, i) => s !== y[i]).length === 1;
}

/**
 * Pairs removed with added resources of the same type and stack whose construct paths differ in
 * one segment (a renamed construct id, at the resource or any parent) — only when each has
 * exactly one such counterpart, so two unrelated renames are never guessed.
 */
function pairRenamed(removed: Side[], added: Side[], out: ResourceChange[]): void {
  const group = (s: Side): string | undefined => {
    const p = pathInStack(s.resource);
    return p === undefined ? undefined : `${s.resource.stack}\u0000${s.resource.type}\u0000${p.split('/').length}`;
  };
  const addedByGroup = new Map<string, Side[]>();
  for (const a of added) {
    const g = a.taken ? undefined : group(a);
    if (g === undefined) continue;
    const list = addedByGroup.get(g) ?? [];
    list.push(a);
    addedByGroup.set(g, list);
  }
  const candidates = new Map<Side, Side[]>();
  const reverse = new Map<Side, number>();
  for (const r of removed) {
    const g = r.taken ? undefined : group(r);
    if (g === undefined) continue;
    const from = pathInStack(r.resource)!;
    const found = (addedByGroup.get(g) ?? []).filter((a) => oneSegmentApart(from, pathInStack(a.resource)!));
    candidates.set(r, found);
    for (const a of found) reverse.set(a, (reverse.get(a) ?? 0) + 1);
  }
  for (const [r, found] of candidates) {
    if (found.length !== 1 || reverse.get(found[0]) !== 1) continue;
    out.push(readdressed(r, found[0], `construct path differs in one segment: ${pathInStack(r.resource)} → ${pathInStack(found[0].resource)}`));
  }
}

/** Pairs removed with added resources of the same type by construct path, then by identity, then by a renamed path segment. */
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
      out.push(readdressed(r, a, `${reason}: ${k}`));
    }
  }
  pairRenamed(removed, added, out);
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

function blockChange(kind: 'added' | 'removed', block: BlockKind, r: SynthResource): ResourceChange {
  return { kind, block, stack: r.stack, address: r.address, type: r.type, path: r.path, changes: [], forceNew: [] };
}

function diffBlockMaps(block: BlockKind, before: ReadonlyMap<string, SynthResource>, after: ReadonlyMap<string, SynthResource>, out: ResourceChange[]): void {
  for (const [address, b] of before) {
    const a = after.get(address);
    if (!a) {
      out.push(blockChange('removed', block, b));
      continue;
    }
    const changes = diffAttributes(a.type, b.attributes, a.attributes);
    if (changes.length > 0) out.push({ kind: 'updated', block, stack: a.stack, address, type: a.type, path: a.path, changes, forceNew: [] });
  }
  for (const [address, a] of after) if (!before.has(address)) out.push(blockChange('added', block, a));
}

function diffLocals(stack: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, out: ResourceChange[]): void {
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const base = { stack, address: `local.${name}`, type: 'local', changes: [], forceNew: [] };
    if (!(name in after)) out.push({ ...base, kind: 'removed', block: 'local' });
    else if (!(name in before)) out.push({ ...base, kind: 'added', block: 'local' });
    else {
      const changes = diffAttributes('local', { [name]: before[name] }, { [name]: after[name] });
      if (changes.length > 0) out.push({ ...base, kind: 'updated', block: 'local', changes });
    }
  }
}

/**
 * Changes of data sources, locals and ephemeral resources of the stacks present on both sides
 * (a new or removed stack's blocks come and go with it), sorted by stack and address. Matched by
 * address only: they have no state, so a changed address is just a remove and an add.
 */
export function diffBlocks(base: SynthOutput, head: SynthOutput): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const [name, b] of base.stacks) {
    const a = head.stacks.get(name);
    if (!a) continue;
    diffBlockMaps('data', b.data, a.data, out);
    diffBlockMaps('ephemeral', b.ephemeral ?? new Map(), a.ephemeral ?? new Map(), out);
    diffLocals(name, b.locals ?? {}, a.locals ?? {}, out);
  }
  return out.sort(compareChanges);
}

/**
 * Groups changes by stack; every stack of either side appears, sorted by name (`unselected`: base
 * stacks missing from a head synthesized for a selection of stack sets). Managed-resource
 * changes come first, then data/local/ephemeral changes (`block` set).
 */
export function stackDiffs(base: SynthOutput, head: SynthOutput, changes: readonly ResourceChange[], unselected: readonly string[] = []): StackDiff[] {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  return names.map((name) => {
    const inBase = base.stacks.has(name);
    const inHead = head.stacks.has(name);
    const mine = changes.filter((c) => c.stack === name);
    const ordered = [...mine.filter((c) => !c.block), ...mine.filter((c) => c.block)];
    const touched = mine.length > 0 || changes.some((c) => c.from?.stack === name);
    const status = !inBase ? 'added' : !inHead ? (unselected.includes(name) ? 'unselected' : 'removed') : touched ? 'changed' : 'unchanged';
    const stack = (inHead ? head.stacks.get(name) : base.stacks.get(name)) ?? EMPTY;
    return { stack: name, status, resourceCount: stack.resources.size, changes: ordered };
  });
}
