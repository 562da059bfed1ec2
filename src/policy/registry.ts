/** The rule ids that suppressions may name: every built-in rule and the rules of every PolicyPack created. */
import { ALL_RULES } from './rules';
import { PolicyRule } from './types';

const KNOWN = new Set<string>(ALL_RULES.map((r) => r.id));

/** Registers the ids of `rules` (done by the PolicyPack constructor). */
export function registerRules(rules: readonly PolicyRule[]): void {
  for (const r of rules) KNOWN.add(r.id);
}

/** True when some pack has a rule with this id. */
export function isKnownRuleId(id: string): boolean {
  return KNOWN.has(id);
}
