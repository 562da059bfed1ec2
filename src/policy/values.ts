/**
 * What rules need to give verdicts: the value readers of src/synth/values.ts (absent, concrete or
 * UNKNOWN), and the verdicts. Rules whose verdict depends on a value that must be concrete return
 * non-compliant on UNKNOWN ({@link mustBeConcrete}); values that are legitimately references (ARNs,
 * ids, names) are accepted as they are.
 */
import { renderValue } from '../core/render-value';
import { referencesIn } from '../synth/expressions';
import { PolicyVerdict } from './types';

export { at, block, blocks, bool, isObject, isUnresolved, Json, list, num, str, UNKNOWN, Unknown } from '../synth/values';

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
  return typeof value === 'string' ? [...new Set(referencesIn(value).map((r) => r.address))] : [];
}
