/**
 * The policy pack over synthesized output read by src/synth: a cdktf output directory
 * (`cdktf-mlops check`) or one stack's resolved Terraform JSON (the synth-time aspect), and the
 * suppressions recorded in it. No cdktf import: the CLI loads this.
 */
import { SynthOutput, SynthResource, SynthStack } from '../synth/types';
import { isObject } from '../synth/values';
import { runRules } from './engine';
import { PolicyPackDefinition, PolicyResult, PolicySuppression } from './types';

/** Key under a resource's `//` metadata where suppressions are recorded. */
export const SUPPRESSIONS_METADATA_KEY = 'policy_suppressions';

/** The resources and data sources of a stack, in the order the rules see them. */
export function resourcesOf(stack: SynthStack): SynthResource[] {
  return [...stack.resources.values(), ...stack.data.values()];
}

/** The suppressions recorded under `//.policy_suppressions` of `resources`, without duplicates. */
export function recordedSuppressions(resources: readonly SynthResource[]): PolicySuppression[] {
  const found = new Map<string, PolicySuppression>();
  for (const r of resources) {
    const records = r.metadata?.[SUPPRESSIONS_METADATA_KEY];
    if (!Array.isArray(records)) continue;
    for (const s of records) {
      if (!isObject(s) || typeof s.ruleId !== 'string' || typeof s.reason !== 'string' || typeof s.path !== 'string') continue;
      found.set(`${s.ruleId}\u0000${s.path}`, { ruleId: s.ruleId, reason: s.reason, path: s.path });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId));
}

/** Runs `pack` over every stack of `output`, honouring the suppressions recorded in it. */
export function checkOutput(output: SynthOutput, pack: PolicyPackDefinition): PolicyResult {
  const resources = [...output.stacks.values()].flatMap(resourcesOf);
  return runRules(resources, pack, recordedSuppressions(resources));
}
