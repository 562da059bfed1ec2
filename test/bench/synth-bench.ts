/**
 * `npm run bench`: synthesizes each reference stack set (and all of them together) from compiled
 * JavaScript several times (BENCH_RUNS, default 5), each run in a fresh Node process, and prints per
 * row the stacks, the resources, the process wall time and the peak memory (max RSS) as median with
 * min–max, and the median build + synth time.
 *
 * `npm run bench -- --tests` also times `npm test` and `npm run test:contract` once each (jest's own
 * test counts); `npm run bench -- --readme` does both and writes the result into README.md's bench
 * block (report.ts), which is where the README's performance numbers come from.
 *
 * Targets (2-core machine): each stack set synthesizes in ≤ 1.5 s wall and ≤ 300 MiB.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildReferenceStacks, REFERENCE_STACK_SETS } from '../../stacks/app';
import { BenchReport, renderReadmeBlock, renderTable, replaceReadmeBlock, SetResult, spread, TestResult } from './report';

interface RunResult {
  wallMs: number;
  maxRssMiB: number;
  resources: number;
  stacks: number;
  processMs: number;
}

/** The repository root (this file runs from dist/test/bench/). */
const ROOT = path.resolve(__dirname, '..', '..', '..');

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
  // processMs: from process start, module loading included (what `cdktf synth` waits for).
  return { wallMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, resources, stacks, processMs: performance.now() };
}

function benchSet(label: string, names: string[], runs: number): SetResult {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    try {
      results.push(JSON.parse(execFileSync(process.execPath, [__filename, '--child', JSON.stringify(names), outdir], { encoding: 'utf8' })));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return {
    label,
    stacks: results[0].stacks,
    resources: results[0].resources,
    wallS: spread(results.map((r) => r.processMs / 1000)),
    synthS: spread(results.map((r) => r.wallMs / 1000)),
    rssMiB: spread(results.map((r) => r.maxRssMiB)),
  };
}

/** Runs jest once with `args` and returns its wall time and its own suite and test counts. */
function timeJest(command: string, args: string[]): TestResult {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jest-')), 'result.json');
  const start = Date.now();
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest', { paths: [ROOT] }), ...args, '--json', `--outputFile=${out}`], { cwd: ROOT, encoding: 'utf8' });
  const wallS = (Date.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${command} failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { command, suites: result.numTotalTestSuites, tests: result.numTotalTests, wallS };
}

function main(): void {
  if (process.argv[2] === '--child') {
    process.stdout.write(JSON.stringify(runOnce(JSON.parse(process.argv[3]) as string[], process.argv[4])));
    return;
  }
  const writeReadme = process.argv.includes('--readme');
  const withTests = writeReadme || process.argv.includes('--tests');
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  console.log(`synth benchmark: ${runs} runs per row, a fresh Node process per run, ${os.cpus().length} cores, node ${process.version}`);
  const rows: Array<[string, string[]]> = [...Object.keys(REFERENCE_STACK_SETS).map((n): [string, string[]] => [n, [n]]), ['all reference stack sets', Object.keys(REFERENCE_STACK_SETS)]];
  const sets = rows.map(([label, names]) => {
    const result = benchSet(label, names, runs);
    console.log(`${label}: ${result.stacks} stacks, ${result.resources} resources, ${result.wallS.median.toFixed(2)} s, ${result.rssMiB.median.toFixed(0)} MiB (median)`);
    return result;
  });
  const report = (tests: TestResult[]): BenchReport => ({ date: new Date().toISOString().slice(0, 10), cores: os.cpus().length, node: process.version, runs, sets, tests });
  const readme = path.join(ROOT, 'README.md');
  const write = (r: BenchReport) => fs.writeFileSync(readme, replaceReadmeBlock(fs.readFileSync(readme, 'utf8'), renderReadmeBlock(r)));
  // The tests read the README's block (its rows must match the reference sets), so the new rows go in
  // before the tests are timed; the test times follow once measured.
  if (writeReadme) write(report([]));
  const tests = withTests ? [timeJest('npm test', ['--ci']), timeJest('npm run test:contract', ['--config', 'jest.contract.config.js'])] : [];
  console.log(['', ...renderTable(report(tests)), ...tests.map((t) => `${t.command}: ${t.tests} tests in ${t.suites} suites, ${t.wallS.toFixed(0)} s wall`)].join('\n'));
  if (writeReadme) {
    write(report(tests));
    console.log('README.md: bench block written');
  }
}

main();
