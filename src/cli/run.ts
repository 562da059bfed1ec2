/**
 * `cdktf-mlops <command>`: plan review commands over cdktf output directories.
 *
 *   diff <base> <head> [--json] [--prices file.json] [--fail-on-danger] [--plans dir]
 *   cost <dir> [--json] [--prices file.json]
 *   graph <dir> [--depth n] [--raw]
 *   check [<dir>] [--pack full|aws|k8s]        (the policy pack, src/policy/cli.ts)
 *
 * Exit codes: 0 ok; 1 usage or I/O error; 2 `diff --fail-on-danger` found danger items (`check`
 * keeps its own codes: 1 error findings, 2 unusable input).
 */
import { parseArgs } from 'node:util';
import { estimateCost } from '../review/cost';
import { mermaidGraph } from '../review/graph';
import { loadSynthOutput } from '../review/load';
import { loadPlans } from '../review/plan';
import { PriceTable } from '../review/prices/types';
import { US_EAST_1_PRICES } from '../review/prices/us-east-1';
import { renderCostMarkdown } from '../review/render-cost';
import { renderReviewMarkdown } from '../review/render-markdown';
import { reviewPlan, toStableJson } from '../review/review';

/** Where the CLI writes: one call per line. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Exit codes. */
export const EXIT = { ok: 0, error: 1, danger: 2 } as const;

/** Usage text. */
export const USAGE = [
  'usage: cdktf-mlops <command> [options]',
  '',
  '  diff <base cdktf.out> <head cdktf.out> [--json] [--prices file.json] [--fail-on-danger] [--plans dir]',
  '      Markdown (or JSON) for a pull-request comment: danger items, cost before/after, changes per stack.',
  '      --fail-on-danger exits with 2 when there are danger items.',
  '      --plans dir: `terraform show -json` output per stack (<dir>/<stack>.json); those stacks take',
  '      actions and replacements from the plan, the others are compared statically.',
  '  cost <cdktf.out> [--json] [--prices file.json]',
  '      Idle $/month and max GPU burn $/hour with the price table, its date and sources.',
  '  graph <cdktf.out> [--depth n] [--raw]',
  '      Mermaid diagram of stacks, components and dependencies (fenced for Markdown unless --raw).',
  '  check [<cdktf.out>] [--pack full|aws|k8s]',
  '      Runs the policy pack over the synthesized stacks.',
  '',
  'Exit codes: 0 ok, 1 usage or I/O error, 2 danger items with --fail-on-danger.',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  prices: { type: 'string' },
  plans: { type: 'string' },
  'fail-on-danger': { type: 'boolean' },
  depth: { type: 'string' },
  raw: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function positionals(list: string[], count: number, command: string): string[] {
  if (list.length !== count) throw new UsageError(`${command} takes ${count} director${count === 1 ? 'y' : 'ies'}, got ${list.length}`);
  return list;
}

/** The built-in table, or the `--prices` file (its loader, and the zod schema it validates with, are loaded only then). */
async function priceTable(file: string | undefined): Promise<PriceTable> {
  if (!file) return US_EAST_1_PRICES;
  const { loadPriceTable } = await import('../review/prices/load');
  return loadPriceTable(file);
}

function allowed(command: string, given: Record<string, unknown>, ok: readonly string[]): void {
  const bad = Object.keys(given).filter((k) => given[k] !== undefined && !ok.includes(k) && k !== 'help');
  if (bad.length > 0) throw new UsageError(`${command} does not take --${bad[0]}`);
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { runCheckCommand } = await import('../policy/cli');
  return runCheckCommand(args, io.out);
}

/**
 * Runs one CLI invocation.
 * @param argv arguments after the program name
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? EXIT.error : EXIT.ok;
  }
  if (command === 'check') return check(rest, io);
  try {
    const { values, positionals: pos } = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    switch (command) {
      case 'diff': {
        allowed(command, values, ['json', 'prices', 'fail-on-danger', 'plans']);
        const [baseDir, headDir] = positionals(pos, 2, command);
        const plans = values.plans === undefined ? undefined : loadPlans(values.plans);
        const review = reviewPlan(loadSynthOutput(baseDir), loadSynthOutput(headDir), { prices: await priceTable(values.prices), plans });
        io.out(values.json ? toStableJson(review) : renderReviewMarkdown(review));
        return values['fail-on-danger'] && review.danger.length > 0 ? EXIT.danger : EXIT.ok;
      }
      case 'cost': {
        allowed(command, values, ['json', 'prices']);
        const [dir] = positionals(pos, 1, command);
        const estimate = estimateCost(loadSynthOutput(dir), await priceTable(values.prices));
        io.out(values.json ? toStableJson(estimate) : renderCostMarkdown(dir, estimate));
        return EXIT.ok;
      }
      case 'graph': {
        allowed(command, values, ['depth', 'raw']);
        const [dir] = positionals(pos, 1, command);
        const depth = values.depth === undefined ? 1 : Number(values.depth);
        if (!Number.isInteger(depth) || depth < 1) throw new UsageError(`--depth ${values.depth} is not a positive integer`);
        const graph = mermaidGraph(loadSynthOutput(dir), { depth });
        io.out(values.raw ? graph : ['```mermaid', graph, '```'].join('\n'));
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`cdktf-mlops ${command}: ${(e as Error).message}`);
    if (usage) io.err(USAGE);
    return EXIT.error;
  }
}
