/** Mermaid graph of stacks, components and dependencies. */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Construct } from 'constructs';
import { mermaidGraph } from '../../src/review/graph';
import { cloudStack, platformStack } from '../helpers/synth';
import { synthApp } from './fixtures';

test('stacks as subgraphs, components with resource counts, references and cross-stack edges', () => {
  const out = synthApp((app) => {
    const cloud = cloudStack(app);
    const storage = new Construct(cloud, 'storage');
    const bucket = new S3Bucket(storage, 'bucket', { bucket: 'mlops-data' });
    const access = new Construct(cloud, 'access');
    const role = new IamRole(access, 'role', { name: 'r', assumeRolePolicy: '{}' });
    new IamRolePolicy(access, 'policy', { role: role.name, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket.arn}/*` }] }) });
    const platform = platformStack(app);
    platform.addDependency(cloud);
    new ConfigMapV1(platform, 'settings', { metadata: { name: 'settings', namespace: 'default' }, data: { bucket: bucket.bucket } });
  }, 'graph');
  expect(mermaidGraph(out).split('\n')).toEqual([
    'flowchart LR',
    '  subgraph s0["test-cloud"]',
    '    s0c0["access (2)"]',
    '    s0c1["storage (1)"]',
    '  end',
    '  subgraph s1["test-platform"]',
    '    s1c0["settings (1)"]',
    '  end',
    '  s0c0 --> s0c1',
    '  s1 ==> s0',
    '  s1c0 -.-> s0c1',
  ]);
});
