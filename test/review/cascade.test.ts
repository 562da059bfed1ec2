/**
 * Replacement cascades across stacks: cdktf turns a reference to another stack's resource into an
 * output there and a `terraform_remote_state` read here; the cascade follows it, transitively, and
 * names the stacks whose providers are configured from a replaced cluster.
 */
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { reviewPlan } from '../../src/review/review';
import { cloudStack } from '../helpers/synth';
import { synthPair } from './fixtures';

const { base, head } = synthPair((app, v) => {
  const cloud = cloudStack(app, 'set-cloud');
  const role = new IamRole(cloud, 'cluster-role', { name: 'cluster', assumeRolePolicy: '{}' });
  const cluster = new EksCluster(cloud, 'cluster', { name: v === 'base' ? 'mlops' : 'mlops-2', roleArn: role.arn, vpcConfig: { subnetIds: ['subnet-1'] } });
  // another AWS-only stack (like a data layer) reading the cluster across stacks
  const access = cloudStack(app, 'set-access');
  const entry = new EksAccessEntry(access, 'admin', { clusterName: cluster.name, principalArn: 'arn:aws:iam::111122223333:role/admin' });
  new EksAccessPolicyAssociation(access, 'admin-policy', {
    clusterName: entry.clusterName,
    principalArn: entry.principalArn,
    policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    accessScope: { type: 'cluster' },
  });
  const platform = new TerraformStack(app, 'set-platform');
  new KubernetesProvider(platform, 'kubernetes', { host: cluster.endpoint });
  new NamespaceV1(platform, 'ns', { metadata: { name: 'mlops' } });
});
const review = reviewPlan(base, head);
const change = (stack: string, prefix: string) => review.stacks.find((s) => s.stack === stack)!.changes.find((c) => c.address.startsWith(prefix))!;

test('a renamed cluster replaces what reads its name in another stack, transitively', () => {
  expect(change('set-cloud', 'aws_eks_cluster.').kind).toBe('replaced');
  const entry = change('set-access', 'aws_eks_access_entry.');
  expect(entry.kind).toBe('replaced');
  expect(entry.cascade).toEqual([{ stack: 'set-cloud', address: expect.stringMatching(/^aws_eks_cluster\./), attribute: 'cluster_name', certain: true }]);
  // the association reads the entry (same stack), which is replaced
  const assoc = change('set-access', 'aws_eks_access_policy_association.');
  expect(assoc.kind === 'replaced' || (assoc.mayForceNew?.length ?? 0) > 0).toBe(true);
  expect(assoc.cascade?.[0]).toMatchObject({ stack: 'set-access', address: expect.stringMatching(/^aws_eks_access_entry\./) });
});

test('the cluster danger item lists the other stack\'s resources and the stack whose provider it configures', () => {
  const item = review.danger.find((d) => d.category === 'replacement' && d.address.startsWith('aws_eks_cluster.'))!;
  expect(item.message).toMatch(/^replaced \(`name` `mlops` → `mlops-2`\); blast radius: \d replaced with it `set-access\/aws_eks_access_entry\.admin`/);
  expect(item.message).toContain('stacks whose providers are configured from it (everything in them is re-created) `set-platform`');
});

test('a replaced cluster whose name stays the same literal does not cascade through the name', () => {
  const same = synthPair((app, v) => {
    const cloud = cloudStack(app, 'set-cloud');
    const cluster = new EksCluster(cloud, 'cluster', { name: 'mlops', roleArn: `arn:aws:iam::111122223333:role/${v === 'base' ? 'x' : 'y'}`, vpcConfig: { subnetIds: ['subnet-1'] } });
    new EksAccessEntry(cloudStack(app, 'set-access'), 'admin', { clusterName: cluster.name, principalArn: 'arn:aws:iam::111122223333:role/admin' });
  });
  const r = reviewPlan(same.base, same.head);
  expect(r.stacks.find((s) => s.stack === 'set-cloud')!.changes.map((c) => `${c.kind} ${c.forceNew.join(',')}`)).toEqual(['replaced role_arn']);
  expect(r.stacks.find((s) => s.stack === 'set-access')!.status).toBe('unchanged');
});
