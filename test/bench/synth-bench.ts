/**
 * `npm run bench`: synthesizes each reference stack set (and all of them together) from compiled
 * JavaScript several times, each run in a fresh Node process, and prints the median wall time, the
 * peak memory (max RSS) and the number of resources per stack set.
 *
 * Targets (2-core machine): each stack set synthesizes in ≤ 1.5 s wall and ≤ 300 MiB.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildReferenceStacks, REFERENCE_STACK_SETS } from '../../stacks/app';

interface RunResult {
  wallMs: number;
  maxRssMiB: number;
  resources: number;
  stacks: number;
}

/** One synth in this process (called in the child). */
function runOnce(names: string[], outdir: string): RunResult {
  const start = process.hrtime.bigint();
  const app = new App({ outdir, skipBackendValidation: true });
  buildReferenceStacks(app, names);
  app.synth();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let resources = 0;
  let stacks = 0;
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacksDir)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    stacks++;
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  return { wallMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, resources, stacks };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function main(): void {
  if (process.argv[2] === '--child') {
    const result = runOnce(JSON.parse(process.argv[3]) as string[], process.argv[4]);
    // processMs: from process start, module loading included (what `cdktf synth` waits for).
    process.stdout.write(JSON.stringify({ ...result, processMs: performance.now() }));
    return;
  }
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const sets: Array<[string, string[]]> = [...Object.keys(REFERENCE_STACK_SETS).map((n): [string, string[]] => [n, [n]]), ['all reference stack sets', Object.keys(REFERENCE_STACK_SETS)]];
  console.log(`synth benchmark: ${runs} runs each, fresh node process per run, ${os.cpus().length} cores, node ${process.version}`);
  console.log('stack set | stacks | resources | median wall ms (whole process) | median synth ms (build + synth) | max RSS MiB');
  for (const [label, names] of sets) {
    const results: Array<RunResult & { processMs: number }> = [];
    for (let i = 0; i < runs; i++) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
      const out = execFileSync(process.execPath, [__filename, '--child', JSON.stringify(names), outdir], { encoding: 'utf8' });
      results.push(JSON.parse(out));
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    const r = results[0];
    console.log(
      `${label} | ${r.stacks} | ${r.resources} | ${median(results.map((x) => x.processMs)).toFixed(0)} | ` +
        `${median(results.map((x) => x.wallMs)).toFixed(0)} | ${Math.max(...results.map((x) => x.maxRssMiB)).toFixed(0)}`,
    );
  }
}

main();
