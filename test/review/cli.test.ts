/** The CLI: commands, exit codes, JSON output and determinism. */
import * as fs from 'fs';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App } from 'cdktf';
import { EXIT, runCli, USAGE } from '../../src/cli/run';
import { cloudStack } from '../helpers/synth';
import { synthApp, tempDir, Variant } from './fixtures';

function build(variant: Variant) {
  return (app: App): void => {
    const s = cloudStack(app);
    new S3Bucket(s, 'data', { bucket: 'mlops-data' });
    new DbInstance(s, 'db', { identifier: 'mlops-db', username: variant === 'base' ? 'mlflow' : 'mlflow2', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, storageEncrypted: true });
  };
}

function synthTo(variant: Variant): string {
  const dir = tempDir('cli-');
  synthApp(build(variant), variant, dir);
  return dir;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let base: string;
let head: string;
beforeAll(() => {
  base = synthTo('base');
  head = synthTo('head');
});

test('diff prints Markdown and exits 0; --fail-on-danger exits 2 when there is danger', async () => {
  const r = await run('diff', base, head);
  expect(r.code).toBe(EXIT.ok);
  expect(r.out).toContain('- `test-cloud` `aws_db_instance.db`: replaced: `username` `mlflow` → `mlflow2` forces replacement;');
  expect((await run('diff', base, head, '--fail-on-danger')).code).toBe(EXIT.danger);
  expect((await run('diff', base, base, '--fail-on-danger')).code).toBe(EXIT.ok);
});

test('diff is deterministic: the same input gives identical output, also across separate syntheses', async () => {
  const first = await run('diff', base, head);
  const again = await run('diff', base, head);
  const resynth = await run('diff', base, synthTo('head'));
  expect(again.out).toBe(first.out);
  expect(resynth.out.replace(/`[^`]*cli-[^`]*`/g, 'DIR')).toBe(first.out.replace(/`[^`]*cli-[^`]*`/g, 'DIR'));
});

test('diff --json has the danger items and totals', async () => {
  const r = await run('diff', base, head, '--json');
  const json = JSON.parse(r.out);
  expect(json.danger).toEqual([
    {
      address: 'aws_db_instance.db',
      category: 'stateful',
      message: 'replaced: `username` `mlflow` → `mlflow2` forces replacement; Terraform deletes the database and its data (unless restored from a snapshot)',
      stack: 'test-cloud',
    },
  ]);
  expect(json.totals).toEqual({ added: 0, moved: 0, readdressed: 0, removed: 0, replaced: 1, updated: 0 });
});

test('cost prints the idle total with the price table date and sources; --prices overrides', async () => {
  const r = await run('cost', head);
  expect(r.code).toBe(0);
  // db.t4g.micro 0.016 × 730 = 11.68 + 20 GB gp2 × 0.115 = 2.30 → 13.98
  expect(r.out).toContain('**Idle: $13.98/month · Max GPU burn: $0.00/hour**');
  expect(r.out).toContain('On-demand prices for us-east-1 dated 2026-11-23');
  expect(r.out).toContain('Price sources (us-east-1, 2026-11-23):');
  const prices = path.join(tempDir('prices-'), 'prices.json');
  fs.writeFileSync(prices, JSON.stringify({ prices: { 'rds:db.t4g.micro': 0.02 } }));
  expect((await run('cost', head, '--prices', prices, '--json')).out).toContain('"idleMonthlyUsd": 16.9');
});

test('graph prints a fenced Mermaid diagram (--raw without the fence)', async () => {
  const r = await run('graph', head);
  expect(r.out.split('\n')[0]).toBe('```mermaid');
  expect((await run('graph', head, '--raw')).out.split('\n')[0]).toBe('flowchart LR');
});

test('usage and I/O errors exit 1 with a message', async () => {
  expect(await run()).toEqual({ code: EXIT.error, out: '', err: USAGE });
  expect((await run('--help')).code).toBe(EXIT.ok);
  const wrong = await run('diff', base);
  expect(wrong.code).toBe(EXIT.error);
  expect(wrong.err.split('\n')[0]).toBe('cdktf-mlops diff: diff takes 2 directories, got 1');
  const missing = await run('cost', path.join(base, 'nope'));
  expect(missing.code).toBe(EXIT.error);
  expect(missing.err).toBe(`cdktf-mlops cost: ${path.join(base, 'nope', 'manifest.json')} not found; run "cdktf synth" (or "npm run synth") first, or pass the cdktf output directory`);
  expect((await run('cost', head, '--fail-on-danger')).err.split('\n')[0]).toBe('cdktf-mlops cost: cost does not take --fail-on-danger');
  expect((await run('graph', head, '--bogus')).code).toBe(EXIT.error);
  expect((await run('launch')).err.split('\n')[0]).toBe('cdktf-mlops launch: unknown command "launch"');
});

test('check runs the policy pack in the same runner: report on stdout, exit 2 on error findings', async () => {
  // the bucket has no public access block, encryption or versioning: error findings
  const r = await run('check', head);
  expect(r.code).toBe(EXIT.danger);
  expect(r.err).toBe('');
  expect(r.out).toMatch(/^Result: FAILED: \d+ errors?/m);
  expect((await run('check', head, '--json')).err.split('\n')[0]).toBe('cdktf-mlops check: check does not take --json');
});

test('--version prints the package version; help and --help exit 0 with the usage on stdout', async () => {
  const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
  for (const flag of ['--version', '-v', 'version']) expect(await run(flag)).toEqual({ code: EXIT.ok, out: version, err: '' });
  for (const flag of ['help', '--help', '-h']) expect(await run(flag)).toEqual({ code: EXIT.ok, out: USAGE, err: '' });
  expect((await run('diff', '--help')).code).toBe(EXIT.ok);
});
