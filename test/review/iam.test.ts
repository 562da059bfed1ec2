/**
 * IAM widening compared statement by statement: conditions removed or loosened, resources
 * broadened by wildcards, new actions and principals — in JSON policies and in
 * `data.aws_iam_policy_document` blocks.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { App } from 'cdktf';
import { policyWidening } from '../../src/review/danger/iam';
import { diffResources } from '../../src/review/diff';
import { statementsOf } from '../../src/synth/policy-document';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { cloudStack } from '../helpers/synth';
import { section, synthPair, Variant } from './fixtures';

function review(build: (app: App, v: Variant) => void): string {
  const { base, head } = synthPair(build);
  return renderReviewMarkdown(reviewPlan(base, head));
}

const CLUSTER_ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/mlops';

test('a Pod Identity trust policy that loses its conditions is widened', () => {
  const md = review((app, v) => {
    const condition = { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnEquals: { 'aws:SourceArn': CLUSTER_ARN } };
    new IamRole(cloudStack(app), 'pod', {
      name: 'pod',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'PodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(v === 'base' ? { Condition: condition } : {}) }],
      }),
    });
  });
  expect(section(md, '#### IAM permissions widened')).toEqual([
    '#### IAM permissions widened',
    '- `test-cloud` `aws_iam_role.pod`: `assume_role_policy` statement `PodIdentity`: condition `ArnEquals` `aws:SourceArn` removed (was `arn:aws:eks:us-east-1:111122223333:cluster/mlops`)',
    '- `test-cloud` `aws_iam_role.pod`: `assume_role_policy` statement `PodIdentity`: condition `StringEquals` `aws:SourceAccount` removed (was `111122223333`)',
  ]);
});

test('a resource widened to every bucket and a prefix condition dropped are two danger items', () => {
  const md = review((app, v) => {
    const s = cloudStack(app);
    const base = v === 'base';
    new IamRolePolicy(s, 'read', {
      role: 'reader',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', ...(base ? { Condition: { StringLike: { 's3:prefix': ['prefix/*'] } } } : {}) },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: base ? 'arn:aws:s3:::bucket/prefix/*' : 'arn:aws:s3:::*/*' },
        ],
      }),
    });
  });
  expect(section(md, '#### IAM permissions widened')).toEqual([
    '#### IAM permissions widened',
    '- `test-cloud` `aws_iam_role_policy.read`: `policy` statement 0: condition `StringLike` `s3:prefix` removed (was `prefix/*`)',
    '- `test-cloud` `aws_iam_role_policy.read`: `policy` statement 1: resource `arn:aws:s3:::*/*` is broader than `arn:aws:s3:::bucket/prefix/*`',
  ]);
});

test('loosened condition values, new principals and wildcard actions; narrowing is not danger', () => {
  const md = review((app, v) => {
    const base = v === 'base';
    new IamRolePolicy(cloudStack(app), 'p', {
      role: 'r',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Objects',
            Effect: 'Allow',
            Action: base ? ['s3:GetObject', 's3:PutObject'] : ['s3:Get*'],
            Resource: base ? 'arn:aws:s3:::bucket/*' : 'arn:aws:s3:::bucket/models/*',
            Condition: { StringEquals: { 'aws:PrincipalTag/team': base ? ['ml'] : ['ml', 'data'] } },
          },
        ],
      }),
    });
  });
  expect(section(md, '#### IAM permissions widened')).toEqual([
    '#### IAM permissions widened',
    '- `test-cloud` `aws_iam_role_policy.p`: `policy` statement `Objects`: condition `StringEquals` `aws:PrincipalTag/team` loosened: `ml` → `data`, `ml`',
    '- `test-cloud` `aws_iam_role_policy.p`: `policy` statement `Objects`: new wildcard actions `s3:Get*`',
  ]);
});

test('a data.aws_iam_policy_document widened from s3:GetObject to s3:* is a danger item naming its users', () => {
  const { base, head } = synthPair((app, v) => {
    const s = cloudStack(app);
    const doc = new DataAwsIamPolicyDocument(s, 'read-doc', {
      statement: [{ effect: 'Allow', actions: [v === 'base' ? 's3:GetObject' : 's3:*'], resources: ['arn:aws:s3:::bucket/*'] }],
    });
    new IamRolePolicy(s, 'read', { role: 'reader', policy: doc.json });
  });
  // the role policy itself did not change: only the data source did
  expect(diffResources(base, head)).toEqual([]);
  const md = renderReviewMarkdown(reviewPlan(base, head));
  expect(section(md, '#### IAM permissions widened')).toEqual([
    '#### IAM permissions widened',
    '- `test-cloud` `data.aws_iam_policy_document.read-doc`: statement 0: new wildcard actions `s3:*` (used by `aws_iam_role_policy.read`)',
  ]);
});

test('statement comparison: coverage by wildcards, references, new and removed statements', () => {
  const doc = (...Statement: unknown[]) => statementsOf({ Statement }, undefined)!;
  const objects = (Resource: string, Action: unknown = 's3:GetObject') => ({ Effect: 'Allow', Action, Resource });
  // narrower resources and actions covered by a wildcard are not widening
  expect(policyWidening(doc(objects('${aws_s3_bucket.b.arn}/*', 's3:Get*')), doc(objects('${aws_s3_bucket.b.arn}/models/*', 's3:GetObject')))).toEqual([]);
  // a wildcard resource that no longer names the bucket, when the old one was a reference
  expect(policyWidening(doc(objects('${aws_s3_bucket.b.arn}/artifacts/*')), doc(objects('arn:aws:s3:::*/*')))).toEqual([
    'statement 0: new wildcard resource `arn:aws:s3:::*/*` (statement had `${aws_s3_bucket.b.arn}/artifacts/*`)',
  ]);
  expect(policyWidening(doc(objects('arn:aws:s3:::a/*')), doc(objects('arn:aws:s3:::a/*'), { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }))).toEqual([
    'statement 1 (new): allows actions `sqs:SendMessage` on `*`',
  ]);
  const trust = (AWS: string[]) => ({ Sid: 'Trust', Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS } });
  expect(policyWidening(doc(trust(['arn:aws:iam::111122223333:root'])), doc(trust(['arn:aws:iam::111122223333:root', '*'])))).toEqual(['statement `Trust`: new principals `*`']);
  const deny = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  expect(policyWidening(doc(objects('arn:aws:s3:::a/*'), deny), doc(objects('arn:aws:s3:::a/*')))).toEqual(['Deny statement `DenyInsecureTransport` removed']);
  expect(policyWidening(doc(deny), doc({ ...deny, Action: 's3:GetObject' }))).toEqual(['Deny statement `DenyInsecureTransport` changed; check that it still denies what it did']);
});
