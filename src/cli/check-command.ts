/**
 * What `check` does, apart from argument parsing (run.ts): read a cdktf output directory with the
 * one loader (src/synth), run a built-in pack over it (src/policy/check.ts) and render the report.
 * Loaded on demand by run.ts.
 */
import { checkOutput } from '../policy/check';
import { formatPolicyReport } from '../policy/report';
import { PACK_RULES } from '../policy/rules';
import { loadSynthOutput } from '../synth/load';

/** Names of the packs `check --pack` takes. */
export const PACK_NAMES: readonly string[] = Object.keys(PACK_RULES);

/** `check`: the policy report and the number of error findings. */
export function checkCommand(dir: string, pack: string): { lines: string[]; errors: number } {
  const output = loadSynthOutput(dir);
  const rules = PACK_RULES[pack];
  const result = checkOutput(output, { name: pack, rules });
  const lines = formatPolicyReport({ source: dir, stacks: [...output.stacks.keys()], pack: { name: pack, ruleCount: rules.length } }, result);
  return { lines, errors: result.findings.filter((f) => f.severity === 'error').length };
}
