/**
 * Reading Terraform JSON attribute values in rules. A value is one of: absent, concrete, or
 * UNKNOWN (an unresolved `${...}` reference, known only at apply). Rules whose verdict depends on a
 * value that must be concrete return non-compliant on UNKNOWN ({@link mustBeConcrete}); values that
 * are legitimately references (ARNs, ids, names) are accepted as they are.
 */
import { renderValue } from '../core/render-value';
import { PolicyVerdict } from './types';

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

export const COMPLIANT: PolicyVerdict = { status: 'compliant' };
export const NOT_APPLICABLE: PolicyVerdict = { status: 'not-applicable' };

/** A non-compliant verdict. */
export function fail(message: string, fix: string): PolicyVerdict {
  return { status: 'non-compliant', message, fix };
}

/** The message for a value that must be concrete but is a reference. */
export function unknownMessage(attribute: string, value: unknown): string {
  return `${attribute} = ${renderValue(value)} is not known at synth; this check needs a concrete value`;
}

/** Non-compliant because `attribute` must be concrete. */
export function mustBeConcrete(attribute: string, value: unknown, fix: string): PolicyVerdict {
  return fail(unknownMessage(attribute, value), fix);
}

/** Joins problems into one verdict: compliant when there are none. */
export function verdictOf(problems: readonly string[], fix: string): PolicyVerdict {
  return problems.length === 0 ? COMPLIANT : fail(problems.join('; '), fix);
}

/** `render` for messages (deterministic, short). */
export const render = renderValue;

/** Addresses (`type.name`, `data.type.name`) referenced from `${...}` expressions in a string. */
export function referencedAddresses(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const found = new Set<string>();
  for (const expr of value.matchAll(/\$\{([^}]*)\}/g)) {
    for (const ref of expr[1].matchAll(/(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      if (!ref[1] && ['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform', 'data'].includes(ref[2])) continue;
      found.add(`${ref[1] ?? ''}${ref[2]}.${ref[3]}`);
    }
  }
  return [...found];
}
