import { parse } from 'yaml';
import { Testing } from 'cdktf';
import { CloudStack } from '../../src/core/layers/mlops-stack';
import { IAM_MANAGED_POLICY_MAX_CHARS, policySize } from '../../src/core/iam';
import { AwsLoadBalancerController } from '../../src/frontdoor/aws-load-balancer-controller';
import { AwsLoadBalancerControllerCloud } from '../../src/frontdoor/aws-load-balancer-controller-cloud';
import { ExternalDns } from '../../src/frontdoor/external-dns';
import { awsLoadBalancerControllerPolicy } from '../../src/frontdoor/load-balancer-controller-policy';
import { cloudStack, FAKE_CLUSTER, onlyResource, platformStack, policy, resourceAt, synth, TEST_ENV } from '../helpers/synth';
import { CONTROLLER, upstreamControllerPolicy } from './fixture';

describe('awsLoadBalancerControllerPolicy', () => {
  const upstream = upstreamControllerPolicy();

  test('equals the upstream iam_policy.json of v3.5.0, statement by statement', () => {
    const ours = awsLoadBalancerControllerPolicy();
    expect(ours.Statement.length).toBe(upstream.Statement.length);
    upstream.Statement.forEach((statement: unknown, i: number) => expect({ i, statement: ours.Statement[i] }).toEqual({ i, statement }));
    expect(ours).toEqual(upstream);
  });

  test('fits a customer managed policy: the size IAM counts (no whitespace) equals the upstream file without whitespace, under 6,144', () => {
    const ours = awsLoadBalancerControllerPolicy();
    expect(policySize(ours)).toBe(JSON.stringify(upstream).length);
    expect(policySize(ours)).toBeLessThan(IAM_MANAGED_POLICY_MAX_CHARS);
  });

  test('other partitions change only the ARN partition', () => {
    const cn = JSON.stringify(awsLoadBalancerControllerPolicy('aws-cn'));
    expect(cn).toBe(JSON.stringify(upstream).replace(/arn:aws:/g, 'arn:aws-cn:'));
    expect(cn).not.toContain('arn:aws:');
  });
});

describe('AwsLoadBalancerControllerCloud', () => {
  test('the upstream policy as a managed policy on a Pod Identity role of kube-system/aws-load-balancer-controller', () => {
    const stack = cloudStack();
    const c = new AwsLoadBalancerControllerCloud(stack, 'lbc', { cluster: { clusterName: 'test-cluster' } });
    const json = synth(stack);
    const managed = onlyResource(json, 'aws_iam_policy');
    expect(policy(managed.policy)).toEqual(upstreamControllerPolicy());
    expect(managed.name).toBe('AWSLoadBalancerController-test-cluster');
    const [policyId, roleId] = [Object.keys(json.resource!.aws_iam_policy)[0], Object.keys(json.resource!.aws_iam_role)[0]];
    expect(onlyResource(json, 'aws_iam_role_policy_attachment').policy_arn).toBe(`\${aws_iam_policy.${policyId}.arn}`);
    expect(json.resource?.aws_iam_role_policy).toBeUndefined();
    const association = onlyResource(json, 'aws_eks_pod_identity_association');
    expect([association.cluster_name, association.namespace, association.service_account, association.role_arn, association.depends_on]).toEqual([
      'test-cluster',
      'kube-system',
      'aws-load-balancer-controller',
      `\${aws_iam_role.${roleId}.arn}`,
      undefined,
    ]);
    expect(policy(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect([c.namespace, c.serviceAccount, c.clusterName]).toEqual(['kube-system', 'aws-load-balancer-controller', 'test-cluster']);
  });

  test('uses the partition of the stack region', () => {
    const stack = new CloudStack(Testing.app(), 'cn', { ...TEST_ENV, region: 'cn-north-1' });
    new AwsLoadBalancerControllerCloud(stack, 'lbc', { cluster: { clusterName: 'test-cluster' } });
    expect(onlyResource(synth(stack), 'aws_iam_policy').policy).toContain('arn:aws-cn:elasticloadbalancing:*:*:targetgroup/*/*');
  });

  test('bad props name the prop', () => {
    expect(() => new AwsLoadBalancerControllerCloud(cloudStack(), 'lbc', { cluster: { clusterName: 'my cluster' } })).toThrow(
      'test-cloud/lbc: cluster.clusterName = "my cluster" is not an EKS cluster name (1-100 letters, digits, "-", "_"); pass the cluster name',
    );
    expect(() => new AwsLoadBalancerControllerCloud(platformStack(), 'lbc', { cluster: { clusterName: 'test-cluster' } })).toThrow('AwsLoadBalancerControllerCloud belongs in the cloud layer');
  });
});

describe('AwsLoadBalancerController', () => {
  test('the pinned chart: cluster, region and VPC explicit, two replicas on the system nodes, its own webhook certificates', () => {
    const stack = platformStack();
    new AwsLoadBalancerController(stack, 'lbc', { cloud: CONTROLLER });
    const release = onlyResource(synth(stack), 'helm_release');
    expect([release.chart, release.repository, release.version, release.namespace, release.name]).toEqual([
      'aws-load-balancer-controller',
      'https://aws.github.io/eks-charts',
      '3.5.0',
      'kube-system',
      'aws-load-balancer-controller',
    ]);
    expect(parse(release.values[0])).toEqual({
      clusterName: 'test-cluster',
      region: 'us-east-1',
      vpcId: FAKE_CLUSTER.vpcId,
      replicaCount: 2,
      serviceAccount: { create: true, name: 'aws-load-balancer-controller' },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      podDisruptionBudget: { maxUnavailable: 1 },
      enableCertManager: false,
      keepTLSSecret: true,
      enableServiceMutatorWebhook: false,
      defaultTargetType: 'ip',
      defaultSSLPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      enableWaf: false,
      clusterSecretsPermissions: { allowAllSecrets: false },
    });
  });

  test('with cert-manager: the webhook certificates are issued by it, and the release waits for it', () => {
    const stack = platformStack();
    // any release stands in for cert-manager's
    const certManager = new ExternalDns(stack, 'other', { cloud: { clusterName: 'test-cluster', namespace: 'external-dns', serviceAccount: 'external-dns', hostedZoneId: 'Z04506372KXQEN3KTK1BQ', domain: 'ml.acme.io' } }).chart.release;
    new AwsLoadBalancerController(stack, 'lbc', { cloud: CONTROLLER, certManager, replicas: 3 });
    const json = synth(stack);
    const release = resourceAt(json, 'helm_release', 'lbc/chart/release');
    expect([parse(release.values[0]).enableCertManager, parse(release.values[0]).keepTLSSecret, parse(release.values[0]).replicaCount]).toEqual([true, false, 3]);
    const other = Object.keys(json.resource!.helm_release).find((id) => id.startsWith('other_'));
    expect(release.depends_on).toEqual([`helm_release.${other}`]);
  });

  test('works on an existing cluster given as a ClusterRef', () => {
    const stack = platformStack();
    const ref = { clusterName: 'legacy', region: 'eu-west-1', bind: () => ({ ...FAKE_CLUSTER, clusterName: 'legacy', region: 'eu-west-1', vpcId: 'vpc-0fedcba9876543210' }) };
    new AwsLoadBalancerController(stack, 'lbc', { cloud: { ...CONTROLLER, clusterName: 'legacy' }, cluster: ref });
    const values = parse(onlyResource(synth(stack), 'helm_release').values[0]);
    expect([values.clusterName, values.region, values.vpcId]).toEqual(['legacy', 'eu-west-1', 'vpc-0fedcba9876543210']);
  });

  test('bad props name the prop', () => {
    expect(() => new AwsLoadBalancerController(platformStack(), 'lbc', { cloud: { ...CONTROLLER, clusterName: 'other' } })).toThrow(
      'test-platform/lbc: cloud.clusterName = "other" is not the cluster of this stack ("test-cluster"); pass the AwsLoadBalancerControllerCloud of that cluster',
    );
    expect(() => new AwsLoadBalancerController(platformStack(), 'lbc', { cloud: CONTROLLER, replicas: 0 })).toThrow(
      'test-platform/lbc: replicas = 0 is below 1; run at least one controller (2 keep the webhooks up during a rollout)',
    );
    expect(() => new AwsLoadBalancerController(cloudStack(), 'lbc', { cloud: CONTROLLER, cluster: { clusterName: 'test-cluster', region: 'us-east-1', bind: () => FAKE_CLUSTER } })).toThrow(
      'AwsLoadBalancerController belongs in the platform layer',
    );
  });
});
