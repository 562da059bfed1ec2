import { parse } from 'yaml';
import { HelmChart } from '../../src/core/helm-chart';
import { deepMerge } from '../../src/core/merge';
import { elasticacheId, fitName, iamRoleName, k8sName, rdsIdentifier, s3BucketPrefix } from '../../src/core/naming';
import { PodIdentityRole } from '../../src/core/pod-identity-role';
import { CHARTS } from '../../src/core/versions';
import { cloudStack, onlyResource, platformStack, policy, synth } from '../helpers/synth';

describe('naming', () => {
  test('names that fit are unchanged; long names are cut with a stable hash', () => {
    expect(iamRoleName('ml', 'karpenter')).toBe('ml-karpenter');
    const long = iamRoleName('a'.repeat(80), 'karpenter');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^a+-[0-9a-f]{8}$/);
    expect(iamRoleName('a'.repeat(80), 'karpenter')).toBe(long);
    expect(iamRoleName('a'.repeat(80), 'other')).not.toBe(long);
  });

  test('S3 bucket prefixes are lowercase, ≤ 37 characters and end with "-"', () => {
    expect(s3BucketPrefix('ML_Platform', 'artifacts')).toBe('ml-platform-artifacts-');
    const p = s3BucketPrefix('x'.repeat(60));
    expect(p.length).toBeLessThanOrEqual(37);
    expect(p).toMatch(/^[a-z][a-z0-9-]*-$/);
  });

  test('RDS and ElastiCache ids start with a letter and have no double or trailing hyphen', () => {
    expect(rdsIdentifier('1-ml--db-')).toBe('ml-db');
    expect(rdsIdentifier('m'.repeat(70)).length).toBeLessThanOrEqual(63);
    expect(elasticacheId('feast', 'online', 'x'.repeat(40)).length).toBeLessThanOrEqual(40);
  });

  test('Kubernetes names are DNS-1123 labels', () => {
    expect(k8sName('My_Model', 'v1')).toBe('my-model-v1');
    expect(k8sName('m'.repeat(70))).toMatch(/^[a-z0-9-]{1,63}$/);
    expect(fitName('abc', 3)).toBe('abc');
  });
});

describe('deepMerge', () => {
  test('merges objects, replaces arrays, null removes a key', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null, e: undefined })).toEqual({ a: { b: 1, c: [3] } });
  });
});

describe('HelmChart', () => {
  test('pins the chart, serializes values with sorted keys and merges overrides', () => {
    const stack = platformStack();
    const chart = new HelmChart(stack, 'chart', {
      chart: CHARTS.keda,
      releaseName: 'keda',
      namespace: 'keda',
      values: { z: 1, a: { y: true, b: ['x'] } },
      overrides: { a: { b: ['override'] } },
    });
    const release = onlyResource(synth(stack), 'helm_release');
    expect(release).toMatchObject({ chart: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.20.2', namespace: 'keda', create_namespace: false, wait: true });
    expect(release.values).toEqual(['a:\n  b:\n    - override\n  y: true\nz: 1\n']);
    expect(parse(release.values[0])).toEqual(chart.values);
  });

  test('refuses an unpinned chart', () => {
    expect(() => new HelmChart(platformStack(), 'chart', { chart: { chart: 'x', repository: 'https://x.io', version: 'latest' }, releaseName: 'x', namespace: 'x' })).toThrow(
      'test-platform/chart: chart.version = "latest" is not an exact chart version; pin an exact version in src/core/versions.ts',
    );
  });
});

describe('PodIdentityRole', () => {
  test('trust restricted to cluster, namespace and service account; inline least-privilege policy; association', () => {
    const stack = cloudStack();
    new PodIdentityRole(stack, 'mlflow', {
      clusterName: 'ml',
      namespace: 'mlflow',
      serviceAccount: 'mlflow',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/p/*' }] },
    });
    const json = synth(stack);
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('ml-mlflow-mlflow');
    expect(policy(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:RequestTag/eks-cluster-name': 'ml', 'aws:RequestTag/kubernetes-namespace': 'mlflow', 'aws:RequestTag/kubernetes-service-account': 'mlflow' },
    });
    expect(policy(onlyResource(json, 'aws_iam_role_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/p/*' }],
    });
    expect(onlyResource(json, 'aws_eks_pod_identity_association')).toMatchObject({ cluster_name: 'ml', namespace: 'mlflow', service_account: 'mlflow' });
  });

  test('IRSA (optional): trusts the OIDC provider for exactly this service account, no association, the SA annotation', () => {
    const stack = cloudStack();
    const irsa = { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' };
    const r = new PodIdentityRole(stack, 'legacy', { clusterName: 'ml', namespace: 'jobs', serviceAccount: 'trainer', irsa });
    const json = synth(stack);
    expect(policy(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement).toEqual([
      {
        Sid: 'AllowIrsa',
        Effect: 'Allow',
        Principal: { Federated: irsa.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:jobs:trainer', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
      },
    ]);
    expect((json as any).resource.aws_eks_pod_identity_association).toBeUndefined();
    expect(r.serviceAccountAnnotations).toEqual({ 'eks.amazonaws.com/role-arn': r.roleArn });
    expect(new PodIdentityRole(cloudStack(), 'pi', { clusterName: 'ml', namespace: 'a', serviceAccount: 'b' }).serviceAccountAnnotations).toEqual({});
    expect(() => new PodIdentityRole(cloudStack(), 'bad', { clusterName: 'ml', namespace: 'a', serviceAccount: 'b', irsa: { ...irsa, oidcIssuer: 'https://oidc.eks' } })).toThrow(
      'test-cloud/bad: irsa.oidcIssuer = "https://oidc.eks" starts with https://; pass the issuer host and path only',
    );
  });

  test('an empty policy is refused', () => {
    expect(() => new PodIdentityRole(cloudStack(), 'r', { clusterName: 'ml', namespace: 'a', serviceAccount: 'b', policy: { Version: '2012-10-17', Statement: [] } })).toThrow(
      'test-cloud/r: policy.Statement = [] has no statements; grant at least one permission or omit the policy',
    );
  });
});
