/**
 * What `check` does, apart from argument parsing (run.ts): read a cdktf output directory with the
 * one loader (src/synth), run a built-in pack over it (src/policy/check.ts) and render the report.
 * Loaded on demand by run.ts.
 */
import { checkOutput } from '../policy/check';
import { formatPolicyReport } from '../policy/report';
import { PACK_DEFINITIONS } from '../policy/pack-rules';
import { PolicyPackDefinition } from '../policy/types';
import { loadSynthOutput } from '../synth/load';

/** Names of the packs `check --pack` takes. */
export const PACK_NAMES: readonly string[] = Object.keys(PACK_DEFINITIONS);

/** `check`: the policy report and the number of error findings. */
export function checkCommand(dir: string, pack: string): { lines: string[]; errors: number } {
  const output = loadSynthOutput(dir);
  const definition: PolicyPackDefinition = PACK_DEFINITIONS[pack as keyof typeof PACK_DEFINITIONS];
  const result = checkOutput(output, definition);
  const lines = formatPolicyReport({ source: dir, stacks: [...output.stacks.keys()], pack: { name: pack, ruleCount: definition.rules.length } }, result);
  return { lines, errors: result.findings.filter((f) => f.severity === 'error').length };
}
