/**
 * A stack in base but not in head: removed from the app (its resources keep running: danger item
 * telling to `cdktf destroy` it first) or only left out of a partial synth (`STACK_SETS`, recorded in
 * cdktf-mlops.json by stacks/main.ts: not compared, no danger).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App } from 'cdktf';
import { loadSynthOutput, SELECTION_FILE } from '../../src/synth/load';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { cloudStack } from '../helpers/synth';
import { section, synthApp, tempDir } from './fixtures';

function build(withGpu: boolean) {
  return (app: App): void => {
    new S3Bucket(cloudStack(app, 'rag-prod-cloud'), 'docs', { bucket: 'rag-docs' });
    if (!withGpu) return;
    const s = cloudStack(app, 'gpu-prod-cloud');
    new S3Bucket(s, 'data', { bucket: 'gpu-data' });
    new DbInstance(s, 'db', { identifier: 'gpu-db', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20 });
  };
}

test('a stack removed from the app is not "destroyed": destroy it first or it keeps running', () => {
  const md = renderReviewMarkdown(reviewPlan(synthApp(build(true), 'base'), synthApp(build(false), 'head')));
  expect(section(md, '### ⚠️ Danger (1)')).toEqual([
    '### ⚠️ Danger (1)',
    '#### Stack removed from the app',
    '- `gpu-prod-cloud` `(stack)`: stack removed from the app: destroy it first with `cdktf destroy gpu-prod-cloud` or its 2 resources keep running and costing (stateful: `aws_db_instance.db`, `aws_s3_bucket.data`)',
  ]);
  expect(section(md, '#### `gpu-prod-cloud` — stack removed from the app')).toEqual([
    '#### `gpu-prod-cloud` — stack removed from the app',
    '`cdktf deploy` leaves its 2 resources running: destroy it first with `cdktf destroy gpu-prod-cloud`.',
    '`rag-prod-cloud`: unchanged (1 resource)',
  ]);
  expect(md).not.toContain('destroyed');
  expect(md).toContain('0 to destroy');
});

test('a stack only left out of a partial synth (STACK_SETS) is not compared and not a danger', () => {
  const dir = tempDir();
  synthApp(build(false), 'head', dir);
  fs.writeFileSync(path.join(dir, SELECTION_FILE), JSON.stringify({ selectedStackSets: ['rag-prod'], allStackSets: ['gpu-prod', 'rag-prod'] }));
  const head = loadSynthOutput(dir, 'head');
  expect(head.selection).toEqual({ selected: ['rag-prod'], all: ['gpu-prod', 'rag-prod'] });
  const md = renderReviewMarkdown(reviewPlan(synthApp(build(true), 'base'), head));
  expect(section(md, '### Danger')).toEqual(['### Danger', 'No danger items.']);
  expect(md).toContain('`gpu-prod-cloud`: not in head (synthesized for a selection of stack sets, STACK_SETS); not compared');
  expect(md).toContain('**2 stacks (0 changed, 1 unchanged, 1 not compared) · 0 to add, 0 to change, 0 to replace, 0 to destroy · 0 danger items**');
});

test('a malformed selection file is an error that says what to do', () => {
  const dir = tempDir();
  synthApp(build(false), 'head', dir);
  fs.writeFileSync(path.join(dir, SELECTION_FILE), JSON.stringify({ selected: 'rag-prod' }));
  expect(() => loadSynthOutput(dir)).toThrow(`${path.join(dir, SELECTION_FILE)}: expected {"selectedStackSets": [...], "allStackSets": [...]}; synthesize again`);
});
