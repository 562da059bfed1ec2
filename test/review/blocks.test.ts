/** Changes in `data`, `locals` and `ephemeral` blocks are diffed and shown per stack. */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformLocal } from 'cdktf';
import { diffBlocks } from '../../src/review/diff';
import { parseStack } from '../../src/synth/load';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { SynthOutput } from '../../src/review/types';
import { cloudStack } from '../helpers/synth';
import { section, synthPair } from './fixtures';

const featureStore = (ttl: number): string =>
  `project: mlops\nprovider: aws\nregistry:\n  registry_type: file\n  path: s3://mlops-feast/registry.db\n  cache_ttl_seconds: ${ttl}\nonline_store:\n  type: redis\n`;

test('a changed local and a changed policy document show in the stack section', () => {
  const { base, head } = synthPair((app, v) => {
    const s = cloudStack(app);
    new TerraformLocal(s, 'feature_store_yaml', featureStore(v === 'base' ? 60 : 600));
    const doc = new DataAwsIamPolicyDocument(s, 'read-doc', {
      statement: [{ effect: 'Allow', actions: [v === 'base' ? 's3:GetObject' : 's3:*'], resources: ['arn:aws:s3:::bucket/*'] }],
    });
    new IamRolePolicy(s, 'read', { role: 'reader', policy: doc.json });
  });
  const md = renderReviewMarkdown(reviewPlan(base, head));
  expect(md.split('\n')[3]).toBe('**1 stack (1 changed, 0 unchanged) · 0 to add, 0 to change, 0 to replace, 0 to destroy · 2 data/local/ephemeral changes · 1 danger item**');
  expect(section(md, '#### `test-cloud` (+0 ~0 -/+0 -0; data/local/ephemeral +0 ~2 -0)')).toEqual([
    '#### `test-cloud` (+0 ~0 -/+0 -0; data/local/ephemeral +0 ~2 -0)',
    '- `~` `data.aws_iam_policy_document.read-doc` (`test-cloud/read-doc`)',
    '  - `statement[0].actions`: `["s3:GetObject"]` → `["s3:*"]`',
    '- `~` `local.feature_store_yaml`',
    // long text shows the changed lines with one line of context
    '  - `feature_store_yaml`: `…  path: s3://mlops-feast/registry.db\\n  cache_ttl_seconds: 60\\nonline_store:…` → `…  path: s3://mlops-feast/registry.db\\n  cache_ttl_seconds: 600\\nonline_store:…`',
  ]);
});

function output(label: string, json: Record<string, unknown>): SynthOutput {
  return { label, stacks: new Map([['s', parseStack('s', json)]]) };
}

test('ephemeral blocks and locals are added, removed and updated like resources; secrets redacted', () => {
  const eph = (length: number) => ({ aws_secretsmanager_random_password: { pw: { '//': { metadata: { path: 's/pw' } }, password_length: length } } });
  const base = output('base', { ephemeral: eph(32), locals: { gone: 'x', db_password: 'local-literal-pw' } });
  const head = output('head', { ephemeral: eph(16), locals: { added: '${aws_s3_bucket.b.bucket}', db_password: 'local-literal-pw-2' } });
  expect(diffBlocks(base, head).map((c) => [c.kind, c.block, c.address])).toEqual([
    ['updated', 'ephemeral', 'ephemeral.aws_secretsmanager_random_password.pw'],
    ['added', 'local', 'local.added'],
    ['updated', 'local', 'local.db_password'],
    ['removed', 'local', 'local.gone'],
  ]);
  const md = renderReviewMarkdown(reviewPlan(base, head));
  expect(md).not.toContain('local-literal-pw');
  expect(section(md, '#### `s` (+0 ~0 -/+0 -0; data/local/ephemeral +1 ~2 -1)')).toEqual([
    '#### `s` (+0 ~0 -/+0 -0; data/local/ephemeral +1 ~2 -1)',
    '- `~` `ephemeral.aws_secretsmanager_random_password.pw` (`s/pw`)',
    '  - `password_length`: `32` → `16`',
    '- `+` `local.added`',
    '- `~` `local.db_password`',
    '  - `db_password`: (redacted) → (redacted)',
    '- `-` `local.gone` removed',
  ]);
});
