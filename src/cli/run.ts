/**
 * `cdktf-mlops <command>`: plan review and policy commands over cdktf output directories.
 *
 *   diff <base> <head> [--json] [--prices file.json] [--fail-on-danger] [--plans dir]
 *   cost <dir> [--json] [--prices file.json]
 *   graph <dir> [--depth n] [--raw]
 *   check [<dir>] [--pack full|aws|k8s]
 *   --version, help
 *
 * Exit codes, the same for every command: 0 ok; 1 usage or I/O error (one line on stderr, then the
 * usage for usage errors); 2 findings: danger items with `diff --fail-on-danger`, error findings of
 * `check`. Reports go to stdout, errors to stderr.
 *
 * These commands only read JSON: this module and what it loads import neither cdktf nor the
 * providers (test/review/cli-imports.test.ts checks it), so they start fast.
 */
import { parseArgs } from 'node:util';
import { findPackageRoot } from '../core/package-root';

/** Where the CLI writes: one call per line. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Exit codes. `danger`: danger items with `diff --fail-on-danger`, or error findings of `check`. */
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
  '  check [<cdktf.out>, default cdktf.out] [--pack full|aws|k8s]',
  '      Runs a policy pack over the synthesized stacks; exits with 2 when there are error findings.',
  '  --version',
  '      Prints the version of cdktf-mlops.',
  '',
  'Exit codes: 0 ok, 1 usage or I/O error, 2 danger items (diff --fail-on-danger) or error findings (check).',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  prices: { type: 'string' },
  plans: { type: 'string' },
  'fail-on-danger': { type: 'boolean' },
  depth: { type: 'string' },
  raw: { type: 'boolean' },
  pack: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

class UsageError extends Error {}

function positionals(list: string[], min: number, max: number, command: string): string[] {
  if (list.length < min || list.length > max) {
    const want = min === max ? `${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
    throw new UsageError(`${command} takes ${want} director${max === 1 ? 'y' : 'ies'}, got ${list.length}`);
  }
  return list;
}

function allowed(command: string, given: Record<string, unknown>, ok: readonly string[]): void {
  const bad = Object.keys(given).filter((k) => given[k] !== undefined && !ok.includes(k) && k !== 'help');
  if (bad.length > 0) throw new UsageError(`${command} does not take --${bad[0]}`);
}

/** The version of the installed package (from its package.json; see findPackageRoot). */
export function packageVersion(): string {
  return findPackageRoot()?.version ?? 'unknown';
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

async function runCommand(command: string, values: Values, pos: string[], io: CliIo): Promise<number> {
  switch (command) {
    case 'diff': {
      allowed(command, values, ['json', 'prices', 'fail-on-danger', 'plans']);
      const [baseDir, headDir] = positionals(pos, 2, 2, command);
      const { diffCommand } = await import('./review-commands');
      const { text, danger } = await diffCommand(baseDir, headDir, { json: values.json, prices: values.prices, plans: values.plans });
      io.out(text);
      return values['fail-on-danger'] && danger > 0 ? EXIT.danger : EXIT.ok;
    }
    case 'cost': {
      allowed(command, values, ['json', 'prices']);
      const [dir] = positionals(pos, 1, 1, command);
      const { costCommand } = await import('./review-commands');
      io.out(await costCommand(dir, { json: values.json, prices: values.prices }));
      return EXIT.ok;
    }
    case 'graph': {
      allowed(command, values, ['depth', 'raw']);
      const [dir] = positionals(pos, 1, 1, command);
      const depth = values.depth === undefined ? 1 : Number(values.depth);
      if (!Number.isInteger(depth) || depth < 1) throw new UsageError(`--depth ${values.depth} is not a positive integer`);
      const { graphCommand } = await import('./review-commands');
      io.out(graphCommand(dir, { depth, raw: values.raw }));
      return EXIT.ok;
    }
    case 'check': {
      allowed(command, values, ['pack']);
      const [dir = 'cdktf.out'] = positionals(pos, 0, 1, command);
      const { checkCommand, PACK_NAMES } = await import('./check-command');
      const pack = values.pack ?? 'full';
      if (!PACK_NAMES.includes(pack)) throw new UsageError(`unknown pack "${pack}"; use one of ${PACK_NAMES.join(', ')}`);
      const { lines, errors } = checkCommand(dir, pack);
      for (const line of lines) io.out(line);
      return errors > 0 ? EXIT.danger : EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * Runs one CLI invocation.
 * @param argv arguments after the program name
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(USAGE);
    return EXIT.error;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(packageVersion());
    return EXIT.ok;
  }
  try {
    const { values, positionals: pos } = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    return await runCommand(command, values, pos, io);
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`cdktf-mlops ${command}: ${(e as Error).message}`);
    if (usage) io.err(USAGE);
    return EXIT.error;
  }
}
