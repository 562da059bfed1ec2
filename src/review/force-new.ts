/**
 * Does a change of an attribute make Terraform replace (destroy and re-create) the resource? Answered
 * from the generated table {@link REPLACEMENT_FACTS} (scripts/force-new: the real AWS provider's own
 * plans, and the kubernetes/helm providers' source at the pinned tags), conservatively:
 * - a path at or under a replacing attribute → `replace`;
 * - a path at or under an attribute known to change in place → `inPlace`;
 * - anything else (a type or attribute the table does not know, a whole block that contains a
 *   replacing attribute) → `may`: reported as "may force replacement", never as an update.
 * Meta-arguments that never replace anything (`depends_on`, `lifecycle`, `timeouts`) are in place.
 */
import { REPLACEMENT_FACTS, REPLACEMENT_FACTS_VERSIONS, ReplacementFacts } from './replacement-table';

export { REPLACEMENT_FACTS, REPLACEMENT_FACTS_VERSIONS, ReplacementFacts };

/** What a change of one attribute path does to its resource. */
export type ReplacementVerdict = 'replace' | 'inPlace' | 'may';

/** The verdict for one changed path and the table entry that decided it. */
export interface PathVerdict {
  readonly verdict: ReplacementVerdict;
  /** The table's attribute (for `replace`/`inPlace`), else the changed path without indices. */
  readonly attribute: string;
}

/** Meta-arguments: changing them never replaces the resource. */
const META_ARGUMENTS = ['depends_on', 'lifecycle', 'timeouts', 'count', 'for_each'];

const under = (plain: string, entry: string): boolean => plain === entry || plain.startsWith(`${entry}.`);

/** The verdict for a change at `changedPath` (indices like `[0]` ignored) of a resource of `type`. */
export function replacementVerdict(type: string, changedPath: string): PathVerdict {
  const plain = changedPath.replace(/\[\d+\]/g, '');
  if (META_ARGUMENTS.some((m) => under(plain, m))) return { verdict: 'inPlace', attribute: plain.split('.')[0] };
  const facts = REPLACEMENT_FACTS[type];
  if (!facts) return { verdict: 'may', attribute: plain };
  const replace = facts.replace.find((a) => under(plain, a));
  if (replace) return { verdict: 'replace', attribute: replace };
  // a whole block changed that holds a replacing attribute: cannot tell which part changed
  if (facts.replace.some((a) => a.startsWith(`${plain}.`))) return { verdict: 'may', attribute: plain };
  const inPlace = facts.inPlace.find((a) => under(plain, a));
  return inPlace ? { verdict: 'inPlace', attribute: inPlace } : { verdict: 'may', attribute: plain };
}

/** The replacing attribute (from the table) that a changed path falls under, or undefined. */
export function forceNewAttribute(type: string, changedPath: string): string | undefined {
  const v = replacementVerdict(type, changedPath);
  return v.verdict === 'replace' ? v.attribute : undefined;
}

/** The attribute a changed path may force replacement through, or undefined when the table knows it. */
export function mayForceNewAttribute(type: string, changedPath: string): string | undefined {
  const v = replacementVerdict(type, changedPath);
  return v.verdict === 'may' ? v.attribute : undefined;
}
