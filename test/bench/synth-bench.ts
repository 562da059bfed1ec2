/**
 * `npm run bench`: synthesizes each reference stack set, and all of them together, in fresh Node
 * processes (`node dist/stacks/main.js`, as `cdktf synth` runs it) and prints, per row, the wall time
 * (median and min–max), CPU and GC time, peak memory (median and min–max of the max RSS) and the
 * resource count; then what importing the library costs, the review CLI (`check`, `diff`) on the
 * output of all sets, and the scaling table (N GPU pools + N InferenceServices in one stack, time per
 * item). The output is Markdown; the README's performance section is a copy of it.
 *
 *   npm run bench -- --runs 7                  # 7 fresh processes per row (default 5)
 *   npm run bench -- --sets llm-rag-dev        # only these rows (and "all")
 *   npm run bench -- --compare "node bench/blueprints-gpu/app.js"
 *   npm run bench -- --scaling 1,100,400,800   # N of the scaling table; --scaling none to skip
 *   npm run bench -- --tests                   # also time npm test and npm run test:contract
 *
 * With `--compare <command>`, every iteration runs the command once next to one run of each row,
 * in rotating order, so both see the same machine load; the ratio is reported per row as the ratio
 * of the medians and as the median (min–max) of the per-iteration ratios. The command's resource
 * count is read from a JSON line `{"resources": n}` it prints when `BENCH_REPORT=1` (the apps under
 * `bench/` do).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REFERENCE_STACK_SETS } from '../../stacks/app';
import { Command, countTerraformResources, measure, median, Sample, spread } from './measure';
import { ImportCost } from './import-cost';
import { runScaling, ScalingResult } from './scaling';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'stacks', 'main.js');

interface Options {
  readonly runs: number;
  readonly sets: readonly string[];
  readonly compare?: string;
  readonly scaling: readonly number[];
  readonly scalingRuns: number;
  /** Also time `npm test` and `npm run test:contract` (once each; a few minutes). */
  readonly tests: boolean;
}

/** A row of the table: what it synthesizes and how. */
interface Row {
  readonly label: string;
  readonly command: (outdir: string) => Command;
  readonly reference?: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = Object.keys(REFERENCE_STACK_SETS);
  const sets = (value('--sets') ?? known.join(',')).split(',').filter(Boolean);
  const unknown = sets.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`unknown stack set ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const scaling = value('--scaling') ?? '1,100,400';
  const runs = Number(value('--runs') ?? process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${value('--runs')}: give a whole number of runs`);
  return {
    runs,
    sets,
    compare: value('--compare'),
    scaling: scaling === 'none' ? [] : scaling.split(',').map(Number),
    scalingRuns: Number(value('--scaling-runs') ?? 3),
    tests: argv.includes('--tests'),
  };
}

function rows(options: Options): Row[] {
  const synth = (label: string, names: readonly string[]): Row => ({
    label,
    command: (outdir) => ({ argv: [process.execPath, MAIN], cwd: ROOT, env: { STACK_SETS: names.join(','), CDKTF_OUTDIR: outdir } }),
  });
  const all = Object.keys(REFERENCE_STACK_SETS);
  const out = [...options.sets.map((s) => synth(s, [s])), synth(`all ${all.length} sets`, all)];
  if (options.compare) out.push({ label: `reference: \`${options.compare}\``, reference: true, command: () => ({ argv: options.compare!, cwd: ROOT, env: { BENCH_REPORT: '1' } }) });
  return out;
}

/** Runs every row `runs` times, one of each per iteration, in an order that rotates per iteration. */
function runInterleaved(all: readonly Row[], runs: number): Map<Row, Sample[]> {
  const samples = new Map<Row, Sample[]>(all.map((r) => [r, []]));
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < all.length; k++) {
      const row = all[(i + k) % all.length];
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
      try {
        const sample = measure(row.command(outdir));
        const counted = row.reference ? undefined : countTerraformResources(outdir).resources;
        samples.get(row)!.push({ ...sample, resources: counted ?? sample.resources });
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    process.stderr.write(`iteration ${i + 1}/${runs} done\n`);
  }
  return samples;
}

function synthTable(samples: Map<Row, Sample[]>): string[] {
  const lines = [
    '| stack set | resources | wall ms, median (min–max) | CPU ms, median | GC ms, median | peak RSS MiB, median (min–max) |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const [row, s] of samples) {
    const defined = (f: (x: Sample) => number | undefined) => s.map(f).filter((v): v is number => v !== undefined);
    const resources = defined((x) => x.resources);
    lines.push(
      `| ${row.label} | ${resources.length > 0 ? median(resources) : '—'} | ${spread(s.map((x) => x.wallMs))} | ` +
        `${defined((x) => x.cpuMs).length > 0 ? median(defined((x) => x.cpuMs)).toFixed(0) : '—'} | ` +
        `${defined((x) => x.gcMs).length > 0 ? median(defined((x) => x.gcMs)).toFixed(0) : '—'} | ${spread(defined((x) => x.maxRssMiB))} |`,
    );
  }
  return lines;
}

function ratioTable(samples: Map<Row, Sample[]>): string[] {
  const reference = [...samples].find(([row]) => row.reference);
  if (!reference) return [];
  const [refRow, ref] = reference;
  const lines = [
    '',
    `Paired with the reference (${refRow.label.replace(/^reference: /, '')}), wall time:`,
    '',
    '| stack set | wall: ratio of medians | wall: per-iteration ratio, median (min–max) | CPU: ratio of medians |',
    '|---|--:|--:|--:|',
  ];
  const cpu = (xs: readonly Sample[]) => median(xs.map((x) => x.cpuMs ?? NaN));
  for (const [row, s] of samples) {
    if (row.reference) continue;
    const ratios = s.map((x, i) => x.wallMs / ref[i].wallMs);
    const cpuRatio = cpu(s) / cpu(ref);
    lines.push(
      `| ${row.label} | ${(median(s.map((x) => x.wallMs)) / median(ref.map((x) => x.wallMs))).toFixed(2)} | ${spread(ratios, 2)} | ` +
        `${Number.isNaN(cpuRatio) ? '—' : cpuRatio.toFixed(2)} |`,
    );
  }
  return lines;
}

function scalingTable(options: Options): string[] {
  if (options.scaling.length === 0) return [];
  const lines = [
    '',
    `Scaling: N GPU node pools + N InferenceServices (one GPU each, on its own pool) in one workloads stack, full policy pack; ` +
      `build + synth inside the process (module loading excluded), median of ${options.scalingRuns} fresh processes:`,
    '',
    '| N | resources | build ms | synth ms | ms per item (pool + service) | peak RSS MiB |',
    '|--:|--:|--:|--:|--:|--:|',
  ];
  for (const n of options.scaling) {
    const results: Array<ScalingResult & { maxRssMiB?: number }> = [];
    for (let i = 0; i < options.scalingRuns; i++) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scaling-'));
      try {
        const sample = measure({ argv: [process.execPath, __filename, '--child-scaling', String(n), outdir], cwd: ROOT });
        results.push({ ...(JSON.parse(sample.stdout) as ScalingResult), maxRssMiB: sample.maxRssMiB });
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    const total = median(results.map((r) => r.buildMs + r.synthMs));
    lines.push(
      `| ${n} | ${results[0].resources} | ${median(results.map((r) => r.buildMs)).toFixed(0)} | ${median(results.map((r) => r.synthMs)).toFixed(0)} | ` +
        `${(total / n).toFixed(2)} | ${median(results.map((r) => r.maxRssMiB ?? 0)).toFixed(0)} |`,
    );
  }
  return lines;
}

function importTable(runs: number): string[] {
  const results: Array<ImportCost & { maxRssMiB?: number }> = [];
  for (let i = 0; i < runs; i++) {
    const sample = measure({ argv: [process.execPath, path.join(__dirname, 'import-cost.js')], cwd: ROOT });
    results.push({ ...(JSON.parse(sample.stdout) as ImportCost), maxRssMiB: sample.maxRssMiB });
  }
  return [
    '',
    `Importing the library (\`require('cdktf-mlops')\`, before any construct exists), median of ${runs} fresh processes: ` +
      `${results[0].modules} modules, ${results[0].mib.toFixed(1)} MiB of JavaScript, ${spread(results.map((r) => r.ms))} ms, ` +
      `peak RSS ${median(results.map((r) => r.maxRssMiB ?? 0)).toFixed(0)} MiB.`,
  ];
}

/** The review CLI (`check`, `diff`) on the output of all sets, in fresh processes. */
function cliTable(runs: number): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  try {
    measure({ argv: [process.execPath, MAIN], cwd: ROOT, env: { CDKTF_OUTDIR: outdir } });
    const cli = path.join(ROOT, 'bin', 'cdktf-mlops.js');
    const commands: Array<[string, string[]]> = [
      ['`cdktf-mlops check cdktf.out`', ['check', outdir]],
      ['`cdktf-mlops diff cdktf.out cdktf.out`', ['diff', outdir, outdir]],
    ];
    const lines = ['', 'The review CLI on the output of all sets:', '', '| command | wall ms, median (min–max) | peak RSS MiB, median |', '|---|--:|--:|'];
    for (const [label, args] of commands) {
      const samples = Array.from({ length: runs }, () => measure({ argv: [process.execPath, cli, ...args], cwd: ROOT }));
      lines.push(`| ${label} | ${spread(samples.map((x) => x.wallMs))} | ${median(samples.map((x) => x.maxRssMiB ?? 0)).toFixed(0)} |`);
    }
    return lines;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `npm test` and `npm run test:contract`, once each, with their test counts (jest's summary line). */
function testsTable(): string[] {
  const lines = ['', 'Tests (one run each):', '', '| command | tests | wall s |', '|---|--:|--:|'];
  for (const [label, script] of [['`npm test`', 'test'], ['`npm run test:contract`', 'test:contract']]) {
    const sample = measure({ argv: `npm run --silent ${script} 2>&1`, cwd: ROOT });
    const tests = /Tests:\s+(\d+) passed, (\d+) total/.exec(sample.stdout);
    lines.push(`| ${label} | ${tests ? tests[2] : '?'} | ${(sample.wallMs / 1000).toFixed(0)} |`);
  }
  return lines;
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child-scaling') {
    process.stdout.write(JSON.stringify(runScaling(Number(argv[1]), argv[2])));
    return;
  }
  const options = parseArgs(argv);
  const [load1] = os.loadavg();
  const samples = runInterleaved(rows(options), options.runs);
  const out = [
    `Synth benchmark (\`npm run bench\`), ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${os.cpus().length} CPUs ` +
      `(load average ${load1.toFixed(1)} at start), ${options.runs} fresh processes per row${options.compare ? ', interleaved with the reference' : ''}.`,
    '',
    ...synthTable(samples),
    ...ratioTable(samples),
    ...importTable(options.runs),
    ...cliTable(options.runs),
    ...scalingTable(options),
    ...(options.tests ? testsTable() : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
