/**
 * Runs the replacement corpus against the real AWS provider: synthesizes the prod mlops-platform
 * set, writes one head tree per batch of test/replace-corpus/corpus.ts (each batch as its own copy
 * of the cloud stack, `<stack>-b<n>`, so one oracle run plans them side by side), runs
 * ../shared/tools/terraform-aws-replace-oracle.sh and compares its REPLACE lines with the static
 * review. Exit 1 on any replacement the static review misses; over-reports are listed, not errors.
 *
 *   node dist/test/replace-corpus/run.js            compare (CI: .ci/run)
 *   node dist/test/replace-corpus/run.js --update   also rewrite test/replace-corpus/oracle-results.json
 *
 * Without terraform or the provider mirror it prints one "skipped" line and exits 0.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { prod } from '../../stacks/config/prod';
import { buildMlopsPlatform } from '../../stacks/mlops-platform';
import { parseStack } from '../../src/synth/load';
import { reviewPlan } from '../../src/review/review';
import { SynthOutput } from '../../src/review/types';
import { applyBatch, CORPUS, CORPUS_STACK, corpusBase, oracleReplacements, staticReplacements } from './corpus';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The oracle: $MLOPS_SHARED_TOOLS, else `../shared/tools` next to the checkout, else the workspace's
 * `/work/shared/tools` (a clean clone elsewhere, e.g. by CI, still finds it; the contract tests look up
 * `../shared/upstream` the same way). */
const ORACLE_NAME = 'terraform-aws-replace-oracle.sh';
const ORACLE_DIRS = [process.env.MLOPS_SHARED_TOOLS, path.resolve(ROOT, '..', 'shared', 'tools'), '/work/shared/tools'].filter((d): d is string => !!d);
const ORACLE = ORACLE_DIRS.map((dir) => path.join(dir, ORACLE_NAME)).find((file) => fs.existsSync(file)) ?? path.join(ORACLE_DIRS[0], ORACLE_NAME);
const RESULTS = path.join(ROOT, 'test', 'replace-corpus', 'oracle-results.json');
const MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function skip(why: string): never {
  out(`replace-corpus: skipped (${why})`);
  process.exit(0);
}

function writeStack(tree: string, name: string, json: unknown): void {
  fs.mkdirSync(path.join(tree, 'stacks', name), { recursive: true });
  fs.writeFileSync(path.join(tree, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
}

const one = (json: Record<string, unknown>): SynthOutput => ({ label: 'x', stacks: new Map([[CORPUS_STACK, parseStack(CORPUS_STACK, json)]]) });

function main(): void {
  if (spawnSync('terraform', ['version'], { stdio: 'ignore' }).status !== 0) skip('no terraform binary');
  if (!fs.existsSync(path.join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws'))) skip(`no AWS provider mirror at ${MIRROR}`);
  if (!fs.existsSync(ORACLE)) skip(`no ${ORACLE_NAME} in ${ORACLE_DIRS.join(', ')}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'replace-corpus-'));
  const synthDir = path.join(work, 'synth');
  const app = new App({ outdir: synthDir, skipBackendValidation: true });
  buildMlopsPlatform(app, prod);
  app.synth();
  const base = corpusBase(synthDir);
  const heads = CORPUS.map((batch) => applyBatch(base, batch));
  CORPUS.forEach((_, i) => {
    writeStack(path.join(work, 'base'), `${CORPUS_STACK}-b${i}`, base);
    writeStack(path.join(work, 'head'), `${CORPUS_STACK}-b${i}`, heads[i]);
  });
  const t0 = Date.now();
  const r = spawnSync('bash', [ORACLE, path.join(work, 'base'), path.join(work, 'head'), path.join(work, 'oracle')], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const text = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) {
    out(text);
    out(`replace-corpus: oracle failed (exit ${r.status})`);
    process.exit(1);
  }
  let misses = 0;
  const batches = CORPUS.map((batch, i) => {
    const stackOut = text.split('\n').filter((l) => l.includes(` ${CORPUS_STACK}-b${i} `)).map((l) => l.replace(`${CORPUS_STACK}-b${i}`, CORPUS_STACK)).join('\n');
    const oracle = oracleReplacements(stackOut);
    const review = reviewPlan(one(base), one(heads[i]));
    const mine = staticReplacements(review.stacks.flatMap((s) => s.changes));
    const missed = oracle.filter((a) => !mine.has(a));
    const over = [...mine].filter((a) => !oracle.includes(a)).sort();
    misses += missed.length;
    out(`batch ${i} (${batch.map((c) => c.what).join(', ')}): oracle replaces ${oracle.length}, static ${mine.size}, missed ${missed.length}, over-reported ${over.length}`);
    for (const a of missed) out(`  MISSED ${a}`);
    for (const a of over) out(`  over-reported ${a}`);
    return { changes: batch.map((c) => `${c.type}.${c.name} ${c.path}`), replace: oracle };
  });
  const version = /^replace-oracle: (terraform \S+, hashicorp\/aws \S+)/m.exec(text)?.[1] ?? 'unknown';
  if (process.argv.includes('--update')) {
    fs.writeFileSync(RESULTS, `${JSON.stringify({ oracle: version, stack: CORPUS_STACK, batches }, null, 2)}\n`);
    out(`replace-corpus: wrote ${path.relative(ROOT, RESULTS)}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
  out(`replace-corpus: ${CORPUS.flat().length} changes in ${CORPUS.length} batches against ${version} in ${Math.round((Date.now() - t0) / 1000)}s: ${misses} missed`);
  process.exit(misses > 0 ? 1 : 0);
}

main();
