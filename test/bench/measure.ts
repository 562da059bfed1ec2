/**
 * Running one measured process for `npm run bench`: wall time from spawn to exit, and the peak
 * memory, CPU and GC time its `usage-reporter` preload writes. Statistics over runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcessUsage } from './usage-reporter';

/** One measured process. */
export interface Sample {
  /** Spawn to exit, ms (node start-up and module loading included: what `cdktf synth` waits for). */
  readonly wallMs: number;
  /** Peak RSS of the largest node process it ran, MiB (undefined when none reported). */
  readonly maxRssMiB?: number;
  /** CPU time of its node processes, ms. */
  readonly cpuMs?: number;
  /** GC pause time of its node processes, ms. */
  readonly gcMs?: number;
  /** Largest V8 heap of its node processes, MiB. */
  readonly heapMiB?: number;
  /** Terraform/CloudFormation resources it wrote, when known. */
  readonly resources?: number;
  /** Standard output. */
  readonly stdout: string;
}

/** What to run. */
export interface Command {
  /** Executable and arguments, or one shell command line. */
  readonly argv: readonly string[] | string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

const REPORTER = path.join(__dirname, 'usage-reporter.js');

/**
 * Runs `command` once with the usage reporter preloaded into its node processes (through
 * `NODE_OPTIONS`, so a `node …` command line and the processes it starts are all measured). Throws
 * when it fails.
 */
export function measure(command: Command): Sample {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-')), 'usage.jsonl');
  const env = {
    ...process.env,
    ...command.env,
    BENCH_USAGE_FILE: usageFile,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(REPORTER)}`].filter(Boolean).join(' '),
  };
  const start = process.hrtime.bigint();
  const result =
    typeof command.argv === 'string'
      ? spawnSync(command.argv, { shell: true, env, cwd: command.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      : spawnSync(command.argv[0], command.argv.slice(1), { env, cwd: command.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${JSON.stringify(command.argv)} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const usages: ProcessUsage[] = fs.existsSync(usageFile)
    ? fs.readFileSync(usageFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : [];
  fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
  const sum = (f: (u: ProcessUsage) => number) => (usages.length > 0 ? usages.reduce((s, u) => s + f(u), 0) : undefined);
  const max = (f: (u: ProcessUsage) => number) => (usages.length > 0 ? Math.max(...usages.map(f)) : undefined);
  return {
    wallMs,
    maxRssMiB: max((u) => u.maxRssMiB),
    cpuMs: sum((u) => u.cpuMs),
    gcMs: sum((u) => u.gcMs),
    heapMiB: max((u) => u.heapMiB),
    resources: reportedResources(result.stdout),
    stdout: result.stdout,
  };
}

/** `resources` of the last JSON line of `stdout` (the comparison app prints one with `BENCH_REPORT=1`). */
function reportedResources(stdout: string): number | undefined {
  for (const line of stdout.trim().split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      const value = JSON.parse(line).resources;
      if (typeof value === 'number') return value;
    } catch {
      // not JSON: keep looking
    }
  }
  return undefined;
}

/** Median of `values`. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `median (min–max)` with `digits` decimals. */
export function spread(values: readonly number[], digits = 0): string {
  if (values.length === 0) return '—';
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

/** Resources in a cdktf output directory (every `stacks/*\/cdk.tf.json`). */
export function countTerraformResources(outdir: string): { stacks: number; resources: number } {
  const stacksDir = path.join(outdir, 'stacks');
  let resources = 0;
  let stacks = 0;
  for (const stack of fs.readdirSync(stacksDir)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    stacks++;
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  return { stacks, resources };
}
