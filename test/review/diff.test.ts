/**
 * Plan review of fixture pairs synthesized in the test (base and head of a known change), with
 * exact assertions on the Markdown sections.
 */
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { cloudStack, platformStack, workloadsStack } from '../helpers/synth';
import { section, synthPair, Variant } from './fixtures';

function review(build: (app: App, v: Variant) => void): string {
  const { base, head } = synthPair(build);
  return renderReviewMarkdown(reviewPlan(base, head));
}

const dbProps = { engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, storageEncrypted: true, manageMasterUserPassword: true, username: 'mlflow' };

describe('stateful resources', () => {
  test('a DB whose master username changes is a replacement in the danger section', () => {
    const md = review((app, v) => {
      new DbInstance(cloudStack(app), 'db', { ...dbProps, identifier: 'mlops-db', username: v === 'base' ? 'mlflow' : 'mlflow2' });
    });
    expect(section(md, '### ⚠️ Danger (1)')).toEqual([
      '### ⚠️ Danger (1)',
      '#### Stateful resource destroyed or replaced',
      '- `test-cloud` `aws_db_instance.db`: replaced: `username` `mlflow` → `mlflow2` forces replacement; Terraform deletes the database and its data (unless restored from a snapshot)',
    ]);
    expect(section(md, '#### `test-cloud` (+0 ~0 -/+1 -0)')).toEqual([
      '#### `test-cloud` (+0 ~0 -/+1 -0)',
      '- `-/+` `aws_db_instance.db` (`test-cloud/db`) replaced (`username` forces replacement)',
      '  - `username`: `mlflow` → `mlflow2`',
    ]);
    // the danger section comes before the cost and the stacks
    expect(md.indexOf('### ⚠️ Danger')).toBeLessThan(md.indexOf('### Cost estimate'));
    expect(md.indexOf('### Cost estimate')).toBeLessThan(md.indexOf('### Stacks'));
  });

  test('a bucket whose logical ID changed is destroy+create, matched by its bucket name', () => {
    const md = review((app, v) => {
      new S3Bucket(cloudStack(app), v === 'base' ? 'artifacts' : 'artifact-store', { bucket: 'mlops-artifacts' });
    });
    expect(section(md, '#### Stateful resource destroyed or replaced')).toEqual([
      '#### Stateful resource destroyed or replaced',
      '- `test-cloud` `aws_s3_bucket.artifact-store`: replaced: logical ID changed from `aws_s3_bucket.artifacts` (same identifier: bucket=mlops-artifacts); ' +
        'Terraform destroys the old resource and creates a new one, deleting the bucket and every object in it; ' +
        'restore the construct id or add a moved block from `aws_s3_bucket.artifacts` (cdktf: `moveFromId`)',
    ]);
    expect(md).toContain('- `-/+` `aws_s3_bucket.artifact-store` (`test-cloud/artifact-store`) replaces `aws_s3_bucket.artifacts` (same identifier: bucket=mlops-artifacts)');
  });

  test('an overridden logical ID on the same construct path is recognised by the path', () => {
    const md = review((app, v) => {
      const b = new S3Bucket(cloudStack(app), 'artifacts', { bucketPrefix: 'mlops-' });
      if (v === 'base') b.overrideLogicalId('legacy_artifacts');
    });
    expect(md).toContain('- `test-cloud` `aws_s3_bucket.artifacts`: replaced: logical ID changed from `aws_s3_bucket.legacy_artifacts` (same construct path: artifacts);');
  });

  test('a bucket without a name whose construct id changed is paired by its construct path', () => {
    const { base, head } = synthPair((app, v) => {
      const storage = new Construct(cloudStack(app), 'storage');
      new S3Bucket(new Construct(storage, v === 'base' ? 'artifacts' : 'artifact-store'), 'bucket', { bucketPrefix: 'mlops-' });
      new S3Bucket(storage, 'logs', { bucketPrefix: 'logs-' });
    });
    const from = [...base.stacks.get('test-cloud')!.resources.keys()].find((a) => a.includes('artifacts'))!;
    const to = [...head.stacks.get('test-cloud')!.resources.keys()].find((a) => a.includes('artifact-store'))!;
    const md = renderReviewMarkdown(reviewPlan(base, head));
    expect(section(md, '#### Stateful resource destroyed or replaced')).toEqual([
      '#### Stateful resource destroyed or replaced',
      `- \`test-cloud\` \`${to}\`: replaced: logical ID changed from \`${from}\` (construct path differs in one segment: storage/artifacts/bucket → storage/artifact-store/bucket); ` +
        'Terraform destroys the old resource and creates a new one, deleting the bucket and every object in it; ' +
        `restore the construct id or add a moved block from \`${from}\` (cdktf: \`moveFromId\`)`,
    ]);
  });

  test('two unnamed buckets renamed at once are not guessed: both stay destroy + add', () => {
    const md = review((app, v) => {
      const s = cloudStack(app);
      new S3Bucket(s, v === 'base' ? 'a' : 'c', { bucketPrefix: 'a-' });
      new S3Bucket(s, v === 'base' ? 'b' : 'd', { bucketPrefix: 'b-' });
    });
    expect(section(md, '#### Stateful resource destroyed or replaced')).toEqual([
      '#### Stateful resource destroyed or replaced',
      '- `test-cloud` `aws_s3_bucket.a`: destroyed: Terraform deletes the bucket and every object in it',
      '- `test-cloud` `aws_s3_bucket.b`: destroyed: Terraform deletes the bucket and every object in it',
    ]);
  });

  test('a moved block turns the address change into a move, not a danger', () => {
    const md = review((app, v) => {
      const b = new S3Bucket(cloudStack(app), v === 'base' ? 'artifacts' : 'artifact-store', { bucket: 'mlops-artifacts' });
      if (v === 'head') b.moveFromId('aws_s3_bucket.artifacts');
    });
    expect(section(md, '### Danger')).toEqual(['### Danger', 'No danger items.']);
    expect(md).toContain('- `~>` `aws_s3_bucket.artifact-store` (`test-cloud/artifact-store`) moved from `aws_s3_bucket.artifacts`');
  });

  test('a removed database is destroyed', () => {
    const md = review((app, v) => {
      const s = cloudStack(app);
      if (v === 'base') new DbInstance(s, 'db', { ...dbProps, identifier: 'mlops-db' });
      new S3Bucket(s, 'keep', { bucket: 'keep-me' });
    });
    expect(section(md, '#### Stateful resource destroyed or replaced')).toEqual([
      '#### Stateful resource destroyed or replaced',
      '- `test-cloud` `aws_db_instance.db`: destroyed: Terraform deletes the database and its data (unless restored from a snapshot)',
    ]);
    expect(md).toContain('- `-` `aws_db_instance.db` (`test-cloud/db`) destroyed');
  });
});

test('IAM widened: a new wildcard action in a policy with interpolations', () => {
  const md = review((app, v) => {
    const s = cloudStack(app);
    const bucket = new S3Bucket(s, 'data', { bucket: 'mlops-data' });
    const role = new IamRole(s, 'role', {
      name: 'reader',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }),
    });
    const actions = v === 'base' ? ['s3:GetObject'] : ['s3:GetObject', 's3:*'];
    new IamRolePolicy(s, 'read', {
      role: role.name,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: [`${bucket.arn}/*`] }] }),
    });
  });
  expect(section(md, '### ⚠️ Danger (1)')).toEqual([
    '### ⚠️ Danger (1)',
    '#### IAM permissions widened',
    '- `test-cloud` `aws_iam_role_policy.read`: `policy` statement 0: new wildcard actions `s3:*`',
  ]);
  expect(section(md, '#### `test-cloud` (+0 ~1 -/+0 -0)')).toEqual([
    '#### `test-cloud` (+0 ~1 -/+0 -0)',
    '- `~` `aws_iam_role_policy.read` (`test-cloud/read`)',
    '  - `policy.Statement[0].Action`: `["s3:GetObject"]` → `["s3:GetObject","s3:*"]`',
  ]);
});

test('GPU limit raised: danger item and max GPU burn before/after', () => {
  const md = review((app, v) => {
    new Manifest(workloadsStack(app), 'gpu-pool', {
      manifest: {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: 'gpu-inference' },
        spec: {
          template: {
            spec: {
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu-inference' },
              requirements: [
                { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
                { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6e'] },
              ],
            },
          },
          limits: { 'nvidia.com/gpu': v === 'base' ? '8' : '16' },
        },
      },
    });
  });
  expect(section(md, '### ⚠️ Danger (1)')).toEqual([
    '### ⚠️ Danger (1)',
    '#### GPU capacity changed',
    '- `test-workloads` `kubernetes_manifest.gpu-pool`: NodePool `gpu-inference`: GPU limit 8 → 16',
  ]);
  // g6e.16xlarge is the dearest per GPU in the family: $7.57719/h for 1 GPU → 8 × = $60.62, 16 × = $121.24
  expect(md).toContain('| Max GPU burn $/hour | $60.62 | $121.24 | +$60.62 |');
  expect(md).toContain('- `test-workloads` NodePool `gpu-inference`: 16 GPU × $7.58/GPU-h (g6e.16xlarge) = $121.24/h — price of g6e.16xlarge unverified');
});

test('chart bumped: chart version and image tag in the values', () => {
  const md = review((app, v) => {
    const version = v === 'base' ? '1.14.0' : '1.14.1';
    new Release(platformStack(app), 'karpenter', {
      name: 'karpenter',
      namespace: 'kube-system',
      repository: 'oci://public.ecr.aws/karpenter',
      chart: 'karpenter',
      version,
      values: [`controller:\n  image:\n    tag: ${version}\n`],
    });
  });
  expect(section(md, '### ⚠️ Danger (2)')).toEqual([
    '### ⚠️ Danger (2)',
    '#### Chart or image version changed',
    '- `test-platform` `helm_release.karpenter`: chart of release `karpenter`: version `1.14.0` → `1.14.1`',
    '- `test-platform` `helm_release.karpenter`: image `values[0].controller.image.tag` `1.14.0` → `1.14.1`',
  ]);
});

test('network exposure: 0.0.0.0/0 ingress and a LoadBalancer in Helm values', () => {
  const md = review((app, v) => {
    const open = v === 'head';
    new SecurityGroup(cloudStack(app), 'web', {
      name: 'web',
      ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: open ? ['0.0.0.0/0'] : ['10.0.0.0/8'] }],
    });
    new Release(platformStack(app), 'ingress', {
      name: 'ingress',
      namespace: 'ingress',
      repository: 'https://kubernetes.github.io/ingress-nginx',
      chart: 'ingress-nginx',
      version: '4.11.0',
      values: [`controller:\n  service:\n    type: ${open ? 'LoadBalancer' : 'ClusterIP'}\n`],
    });
  });
  expect(section(md, '#### Network exposure opened')).toEqual([
    '#### Network exposure opened',
    '- `test-cloud` `aws_security_group.web`: opens ingress tcp 443 from `0.0.0.0/0`',
    '- `test-platform` `helm_release.ingress`: opens Helm values `values[0].controller.service.type: LoadBalancer`',
  ]);
});

test('secrets are redacted in attribute changes', () => {
  const md = review((app, v) => {
    new Release(platformStack(app), 'db', {
      name: 'db',
      namespace: 'db',
      repository: 'https://charts.example.com',
      chart: 'db',
      version: '1.0.0',
      values: [`auth:\n  password: ${v === 'base' ? 'hunter2' : 'hunter3'}\n  existingSecretName: db-auth\n`],
    });
  });
  expect(md).toContain('  - `values[0].auth.password`: (redacted) → (redacted)');
  expect(md).not.toContain('hunter');
});

test('nothing changed: no danger, every stack one line', () => {
  const md = review((app) => {
    const s = cloudStack(app);
    new S3Bucket(s, 'data', { bucket: 'mlops-data' });
    new DbInstance(s, 'db', { ...dbProps, identifier: 'mlops-db' });
  });
  expect(md.split('\n').slice(0, 4)).toEqual([
    '<!-- cdktf-mlops plan review -->',
    '## cdktf plan review: `base` → `head`',
    '',
    '**1 stack (0 changed, 1 unchanged) · 0 to add, 0 to change, 0 to replace, 0 to destroy · 0 danger items**',
  ]);
  expect(section(md, '### Danger')).toEqual(['### Danger', 'No danger items.']);
  expect(section(md, '### Stacks')).toEqual(['### Stacks', '`test-cloud`: unchanged (2 resources)']);
});
