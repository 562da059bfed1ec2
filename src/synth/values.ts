/**
 * Reading attribute values of synthesized Terraform JSON. A value is one of: absent, concrete, or
 * UNKNOWN (an unresolved `${...}` reference, or a leaked cdktf token, known only at apply). The
 * readers say which; what to do with UNKNOWN is the caller's decision (the policy pack reports it,
 * the plan review cannot tell a change from it).
 */

/** Marker of a value that is not known at synth. */
export const UNKNOWN = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** True for a string holding a Terraform expression (`${...}`) or a leaked cdktf token. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('${') || value.includes('TfToken'));
}

/** `true`/`"true"` → true, `false`/`"false"` → false, absent → undefined, anything else → UNKNOWN. */
export function bool(value: unknown): boolean | undefined | Unknown {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return UNKNOWN;
}

/** A number or numeric string → number, absent → undefined, anything else → UNKNOWN. */
export function num(value: unknown): number | undefined | Unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return UNKNOWN;
}

/** A literal string, absent → undefined, unresolved or non-string → UNKNOWN. */
export function str(value: unknown): string | undefined | Unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || isUnresolved(value)) return UNKNOWN;
  return value;
}

/** True for a plain object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested block: cdktf writes single blocks as objects, Terraform JSON also allows a one-element list. */
export function block(value: unknown): Json | undefined {
  if (Array.isArray(value)) return isObject(value[0]) ? value[0] : undefined;
  return isObject(value) ? value : undefined;
}

/** A repeated block or list of objects (a single object counts as one). */
export function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** A string or list of strings as a list (non-strings are kept for UNKNOWN checks). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a dotted path of blocks, unwrapping one-element lists on the way. */
export function at(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    const b = block(current);
    if (!b) return undefined;
    current = b[key];
  }
  return current;
}
