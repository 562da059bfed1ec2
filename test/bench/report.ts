/**
 * The numbers `npm run bench` measures and the README block it writes from them (between
 * BENCH_BEGIN and BENCH_END). Pure functions: the bench (synth-bench.ts) measures, this renders; a
 * test checks that the README's block is one this renders.
 */

/** One measured quantity over several runs. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The synth runs of one stack set (or of all of them together). */
export interface SetResult {
  readonly label: string;
  readonly stacks: number;
  readonly resources: number;
  /** Whole process, module loading included (what `cdktf synth` waits for), seconds. */
  readonly wallS: Spread;
  /** Building the constructs and synthesizing, seconds. */
  readonly synthS: Spread;
  /** Peak memory of the process (max RSS), MiB. */
  readonly rssMiB: Spread;
}

/** One timed test command. */
export interface TestResult {
  readonly command: string;
  readonly suites: number;
  readonly tests: number;
  readonly wallS: number;
}

/** A bench run: when, where, and what it measured. */
export interface BenchReport {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly cores: number;
  readonly node: string;
  readonly runs: number;
  readonly sets: readonly SetResult[];
  /** Empty unless the bench ran with `--tests`. */
  readonly tests: readonly TestResult[];
}

export const BENCH_BEGIN = '<!-- bench:begin (written by `npm run bench -- --readme`; do not edit) -->';
export const BENCH_END = '<!-- bench:end -->';

/** Median, minimum and maximum of non-empty `values`. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spread of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] };
}

const fmt = (v: number, digits: number) => v.toFixed(digits);
const withSpread = (s: Spread, digits: number) => `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
const thousands = (n: number) => n.toLocaleString('en-US');

/** The Markdown table of a report (also what the bench prints). */
export function renderTable(report: BenchReport): string[] {
  return [
    '| stack set | stacks | resources | process wall s, median (min–max) | build + synth s, median | max RSS MiB, median (min–max) |',
    '|---|---:|---:|---:|---:|---:|',
    ...report.sets.map((r) => `| ${r.label} | ${r.stacks} | ${thousands(r.resources)} | ${withSpread(r.wallS, 2)} | ${fmt(r.synthS.median, 2)} | ${withSpread(r.rssMiB, 0)} |`),
  ];
}

/** The README block, markers included. */
export function renderReadmeBlock(report: BenchReport): string {
  return [
    BENCH_BEGIN,
    `Measured by \`npm run bench -- --readme\` on ${report.date} (${report.cores} cores, node ${report.node}, ${report.runs} runs per row, a fresh Node process per run):`,
    '',
    ...renderTable(report),
    ...(report.tests.length > 0 ? ['', ...report.tests.map((t) => `- \`${t.command}\`: ${thousands(t.tests)} tests in ${t.suites} suites, ${fmt(t.wallS, 0)} s wall.`)] : []),
    BENCH_END,
  ].join('\n');
}

/** `readme` with its bench block replaced by `block`; throws when the markers are missing or repeated. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const begin = readme.indexOf(BENCH_BEGIN);
  const end = readme.indexOf(BENCH_END);
  if (begin < 0 || end < begin || readme.indexOf(BENCH_BEGIN, begin + 1) >= 0) {
    throw new Error(`README.md needs exactly one "${BENCH_BEGIN}" … "${BENCH_END}" block`);
  }
  return readme.slice(0, begin) + block + readme.slice(end + BENCH_END.length);
}

const num = (s: string) => Number(s.replace(/,/g, ''));
const parseSpread = (s: string): Spread => {
  const m = /^([\d.]+) \(([\d.]+)–([\d.]+)\)$/.exec(s.trim());
  if (!m) throw new Error(`not "median (min–max)": ${s}`);
  return { median: num(m[1]), min: num(m[2]), max: num(m[3]) };
};

/** The report a README bench block was rendered from (throws on anything the bench does not write). */
export function parseReadmeBlock(readme: string): BenchReport {
  const begin = readme.indexOf(BENCH_BEGIN);
  const end = readme.indexOf(BENCH_END);
  if (begin < 0 || end < begin) throw new Error('README.md has no bench block');
  const lines = readme.slice(begin, end).split('\n');
  const head = /^Measured by `npm run bench -- --readme` on (\d{4}-\d{2}-\d{2}) \((\d+) cores, node (\S+), (\d+) runs per row/.exec(lines[1] ?? '');
  if (!head) throw new Error(`unexpected bench block header: ${lines[1]}`);
  const sets = lines
    .filter((l) => l.startsWith('| ') && !l.startsWith('| stack set'))
    .map((l): SetResult => {
      const c = l.split('|').slice(1, -1).map((x) => x.trim());
      return { label: c[0], stacks: num(c[1]), resources: num(c[2]), wallS: parseSpread(c[3]), synthS: { median: num(c[4]), min: num(c[4]), max: num(c[4]) }, rssMiB: parseSpread(c[5]) };
    });
  const tests = lines.flatMap((l): TestResult[] => {
    const m = /^- `([^`]+)`: ([\d,]+) tests in (\d+) suites, (\d+) s wall\.$/.exec(l);
    return m ? [{ command: m[1], tests: num(m[2]), suites: num(m[3]), wallS: num(m[4]) }] : [];
  });
  return { date: head[1], cores: num(head[2]), node: head[3], runs: num(head[4]), sets, tests };
}
