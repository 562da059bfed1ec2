/**
 * The replacement corpus (test/replace-corpus/corpus.ts) checked statically against the committed
 * results of the real AWS provider (oracle-results.json, written by `node
 * dist/test/replace-corpus/run.js --update`; `.ci/run` re-plans them when terraform is available):
 * for every batch of single-attribute changes, every resource the provider replaces is reported as
 * replaced or "may be replaced" — the static review may over-report, never miss.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseStack } from '../../src/synth/load';
import { reviewPlan } from '../../src/review/review';
import { SynthOutput } from '../../src/review/types';
import { applyBatch, CORPUS, CORPUS_STACK, corpusBase, staticReplacements } from '../replace-corpus/corpus';
import { prodBase } from './reference-prod';

interface OracleResults {
  readonly oracle: string;
  readonly stack: string;
  readonly batches: ReadonlyArray<{ readonly changes: readonly string[]; readonly replace: readonly string[] }>;
}

const results = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'replace-corpus', 'oracle-results.json'), 'utf8')) as OracleResults;
const one = (json: Record<string, unknown>): SynthOutput => ({ label: 'x', stacks: new Map([[CORPUS_STACK, parseStack(CORPUS_STACK, json)]]) });

let base: Record<string, unknown>;
beforeAll(() => {
  base = corpusBase(prodBase().dir);
});

test('the committed oracle results are for the corpus as it is now', () => {
  expect(results.stack).toBe(CORPUS_STACK);
  expect(results.batches.map((b) => b.changes)).toEqual(CORPUS.map((batch) => batch.map((c) => `${c.type}.${c.name} ${c.path}`)));
  expect(results.oracle).toMatch(/hashicorp\/aws \d+\.\d+\.\d+/);
});

describe.each(CORPUS.map((batch, i) => [i, batch.map((c) => c.what).join(', ')] as const))('batch %i (%s)', (i) => {
  test('static review misses no replacement the real provider plans', () => {
    const review = reviewPlan(one(base), one(applyBatch(base, CORPUS[i])));
    const mine = staticReplacements(review.stacks.flatMap((s) => s.changes));
    const oracle = results.batches[i].replace;
    expect(oracle.length).toBeGreaterThan(0);
    expect(oracle.filter((a) => !mine.has(a))).toEqual([]);
  });
});

test('the VPC CIDR batch: the static review agrees with the provider exactly', () => {
  const review = reviewPlan(one(base), one(applyBatch(base, CORPUS[0])));
  expect([...staticReplacements(review.stacks.flatMap((s) => s.changes))].sort()).toEqual([...results.batches[0].replace].sort());
});
