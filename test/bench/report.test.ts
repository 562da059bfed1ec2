import * as fs from 'fs';
import * as path from 'path';
import { BENCH_BEGIN, BENCH_END, BenchReport, parseReadmeBlock, renderReadmeBlock, replaceReadmeBlock, spread } from './report';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

const sample: BenchReport = {
  date: '2026-12-05',
  cores: 2,
  node: 'v20.19.0',
  runs: 5,
  sets: [
    { label: 'a', stacks: 4, resources: 1234, wallS: { median: 1.5, min: 1.25, max: 2 }, synthS: { median: 0.5, min: 0.5, max: 0.5 }, rssMiB: { median: 180, min: 175, max: 201 } },
    { label: 'all reference stack sets', stacks: 24, resources: 7, wallS: { median: 3, min: 2.5, max: 4 }, synthS: { median: 2.25, min: 2.25, max: 2.25 }, rssMiB: { median: 220, min: 210, max: 230 } },
  ],
  tests: [{ command: 'npm test', suites: 18, tests: 1345, wallS: 56 }],
};

describe('bench report', () => {
  test('spread: median of an odd and an even count, min and max, whatever the order', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([10, 1, 4, 2])).toEqual({ median: 3, min: 1, max: 10 });
    expect(() => spread([])).toThrow('no values');
  });

  test('the README block reads back as the report it was rendered from', () => {
    const block = renderReadmeBlock(sample);
    expect(block).toContain('| a | 4 | 1,234 | 1.50 (1.25–2.00) | 0.50 | 180 (175–201) |');
    expect(block).toContain('- `npm test`: 1,345 tests in 18 suites, 56 s wall.');
    expect(parseReadmeBlock(`intro\n${block}\noutro`)).toEqual(sample);
  });

  test('replacing the block keeps the text around it; no or two blocks are an error', () => {
    const readme = `# x\n\n${BENCH_BEGIN}\nold\n${BENCH_END}\n\nafter\n`;
    expect(replaceReadmeBlock(readme, renderReadmeBlock(sample))).toBe(`# x\n\n${renderReadmeBlock(sample)}\n\nafter\n`);
    expect(() => replaceReadmeBlock('# x\n', 'b')).toThrow('exactly one');
    expect(() => replaceReadmeBlock(readme + readme, 'b')).toThrow('exactly one');
  });

  test("README.md's performance numbers are a block the bench wrote", () => {
    const report = parseReadmeBlock(README);
    expect(README).toContain(renderReadmeBlock(report));
    for (const set of report.sets) expect(set.rssMiB.min <= set.rssMiB.median && set.rssMiB.median <= set.rssMiB.max).toBe(true);
  });
});
