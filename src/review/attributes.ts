/**
 * Attribute-level diff of two versions of a resource. Embedded documents are expanded first so
 * that a change shows where it is: JSON strings (IAM policies, `jsonencode` output) and Helm
 * `values` YAML become nested objects, and paths run into them
 * (`policy.Statement[0].Action`, `values[0].controller.image.tag`). Lists of scalars (actions,
 * CIDRs, instance types) change as a whole; lists of blocks are compared element by element.
 */
import { parseJsonWithInterpolations } from '../synth/expressions';
import { valuesDocument } from '../synth/helm-values';
import { isObject } from '../synth/values';
import { isSecretChild, redactValue } from './redact';
import { AttributeChange } from './types';

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object';
}

/** Stable JSON (sorted keys) for equality and display. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

function expandString(value: string): unknown {
  const parsed = parseJsonWithInterpolations(value);
  return parsed === undefined ? value : expand(parsed);
}

function expand(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 1 && /^\s*[[{]/.test(value) ? expandString(value) : value;
  if (Array.isArray(value)) return value.map(expand);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  return value;
}

/**
 * Attributes with embedded JSON and Helm values YAML expanded into objects (except the keys `keep`
 * says to leave as they are).
 */
export function normalizeAttributes(type: string, attributes: Readonly<Record<string, unknown>>, keep: (key: string) => boolean = () => false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (keep(key)) out[key] = value;
    else if (type === 'helm_release' && key === 'values' && Array.isArray(value)) out[key] = value.map(valuesDocument);
    else out[key] = expand(value);
  }
  return out;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${safe}` : safe;
}

/** A change with its secrets replaced by the marker (see redact.ts); `secret` when the path itself is secret. */
function change(type: string, path: string, before: unknown, after: unknown, secret: boolean): AttributeChange {
  const b = redactValue(type, before, secret, path === '');
  const a = redactValue(type, after, secret, path === '');
  return b !== before || a !== after ? { path, before: b, after: a, redacted: true } : { path, before, after };
}

function diffInto(type: string, before: unknown, after: unknown, path: string, secret: boolean, out: AttributeChange[]): void {
  if (canonical(before) === canonical(after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffInto(type, before[key], after[key], join(path, key), secret || isSecretChild(type, path === '', key, [before, after]), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffInto(type, before[i], after[i], join(path, i), secret, out);
    return;
  }
  out.push(change(type, path, before, after, secret));
}

/**
 * Changed attribute paths between two attribute sets of a resource of `type`, sorted by path.
 * Both sides are normalized with {@link normalizeAttributes} first; secret values are replaced by
 * the `REDACTED` marker here, before anything can print them.
 */
export function diffAttributes(type: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): AttributeChange[] {
  const out: AttributeChange[] = [];
  // Synthesized JSON is written with sorted keys, so equal values have equal JSON text: an attribute
  // synthesized identically on both sides has no change inside and is not expanded (JSON and YAML
  // expansion is most of a review's work); it stays, as it is, for the secret checks of its siblings.
  const same = (b: unknown, a: unknown): boolean => b === a || (typeof b === 'object' && typeof a === 'object' && JSON.stringify(b) === JSON.stringify(a));
  if (same(before, after)) return out;
  const unchanged = (key: string): boolean => same(before[key], after[key]);
  diffInto(type, normalizeAttributes(type, before, unchanged), normalizeAttributes(type, after, unchanged), '', false, out);
  return out;
}

/** Reads `a.b[0].c` from a value; undefined when absent. Blocks rendered as one-element lists are looked through. */
export function valueAt(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split('.').filter(Boolean)) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (Array.isArray(cur) && cur.length === 1) cur = cur[0];
    cur = isObject(cur) ? cur[m[1]] : undefined;
    for (const idx of m[2].match(/\d+/g) ?? []) cur = Array.isArray(cur) ? cur[Number(idx)] : undefined;
  }
  return cur;
}
