import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EksCluster } from '../../src/cluster/eks-cluster';
import {
  INTERRUPTION_EVENT_RULES,
  karpenterControllerPolicies,
  KarpenterAws,
  MANAGED_POLICIES_PER_ROLE,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
} from '../../src/compute/karpenter';
import { addresses, cloudStack, onlyResource, platformStack, policy, resourceAt, resourceList, resources, synth } from '../helpers/synth';

const PARTITION = '${data.aws_partition.karpenter_partition_DE2220DA.partition}';
const ACCOUNT = '${data.aws_caller_identity.karpenter_caller_70CF3B0F.account_id}';

function setup(clusterName = 'test-cluster') {
  const stack = cloudStack();
  const aws = new KarpenterAws(stack, 'karpenter', { cluster: { clusterName } });
  return { stack, aws, json: synth(stack) };
}

describe('KarpenterAws node role', () => {
  test('trusted by EC2, the four managed policies, an EC2_LINUX access entry', () => {
    const { json, aws } = setup();
    const role = resourceAt(json, 'aws_iam_role', 'karpenter/node-role');
    expect(role.name).toBe('KarpenterNodeRole-test-cluster');
    expect(policy(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const attached = resourceList(json, 'aws_iam_role_policy_attachment')
      .filter((a) => a.role === '${aws_iam_role.karpenter_node-role_64254103.name}')
      .map((a) => a.policy_arn)
      .sort();
    expect(attached).toEqual(
      ['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonSSMManagedInstanceCore'].map((p) => `arn:${PARTITION}:iam::aws:policy/${p}`),
    );
    expect(onlyResource(json, 'aws_eks_access_entry')).toEqual(
      expect.objectContaining({ cluster_name: 'test-cluster', principal_arn: '${aws_iam_role.karpenter_node-role_64254103.arn}', type: 'EC2_LINUX' }),
    );
    expect([aws.nodeRoleName, aws.interruptionQueueName, aws.namespace, aws.serviceAccount]).toEqual(['KarpenterNodeRole-test-cluster', 'test-cluster-karpenter', 'kube-system', 'karpenter']);
  });
});

describe('KarpenterAws interruption queue and rules', () => {
  test('queue: SSE-SQS, 300 s retention', () => {
    const q = onlyResource(setup().json, 'aws_sqs_queue');
    expect(q).toEqual(expect.objectContaining({ name: 'test-cluster-karpenter', message_retention_seconds: 300, sqs_managed_sse_enabled: true }));
    expect(q.kms_master_key_id).toBeUndefined();
  });

  test('queue policy: only EventBridge and SQS may send; TLS only', () => {
    const p = onlyResource(setup().json, 'aws_sqs_queue_policy');
    expect(p.queue_url).toBe('${aws_sqs_queue.karpenter_interruption-queue_1712F3B7.url}');
    const arn = '${aws_sqs_queue.karpenter_interruption-queue_1712F3B7.arn}';
    expect(policy(p.policy)).toEqual({
      Version: '2012-10-17',
      Id: 'EC2InterruptionPolicy',
      Statement: [
        { Sid: 'AllowEventBridgeAndSqs', Effect: 'Allow', Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] }, Action: 'sqs:SendMessage', Resource: arn },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: [arn], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
  });

  test('the five upstream rules, patterns exact, each targeting the queue', () => {
    const json = setup().json;
    const rules = resourceList(json, 'aws_cloudwatch_event_rule').map((r) => [r.name, JSON.parse(r.event_pattern)]);
    // Literal copies of Karpenter v1.14's cloudformation.yaml EventPattern blocks.
    expect(rules).toEqual([
      ['test-cluster-karpenter-health', { source: ['aws.health'], 'detail-type': ['AWS Health Event'] }],
      ['test-cluster-karpenter-spot-interruption', { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] }],
      ['test-cluster-karpenter-rebalance', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] }],
      ['test-cluster-karpenter-instance-state-change', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] }],
      ['test-cluster-karpenter-capacity-reservation-interruption', { source: ['aws.ec2'], 'detail-type': ['EC2 Capacity Reservation Instance Interruption Warning'] }],
    ]);
    expect(Object.values(INTERRUPTION_EVENT_RULES).map((r) => r.upstreamId)).toEqual([
      'ScheduledChangeRule',
      'SpotInterruptionRule',
      'RebalanceRule',
      'InstanceStateChangeRule',
      'CapacityReservationInterruptionRule',
    ]);
    const ruleIds = Object.keys(resources(json, 'aws_cloudwatch_event_rule'));
    const targets = resourceList(json, 'aws_cloudwatch_event_target');
    expect(targets.map((t) => [t.rule, t.target_id, t.arn])).toEqual(
      ruleIds.map((id) => [`\${aws_cloudwatch_event_rule.${id}.name}`, 'KarpenterInterruptionQueueTarget', '${aws_sqs_queue.karpenter_interruption-queue_1712F3B7.arn}']),
    );
  });
});

describe('KarpenterAws controller role', () => {
  test('Pod Identity for kube-system/karpenter with the six upstream policies attached', () => {
    const json = setup().json;
    expect(onlyResource(json, 'aws_eks_pod_identity_association')).toEqual(
      expect.objectContaining({ cluster_name: 'test-cluster', namespace: 'kube-system', service_account: 'karpenter', role_arn: '${aws_iam_role.karpenter_controller_role_B949CF60.arn}' }),
    );
    const policies = resourceList(json, 'aws_iam_policy');
    expect(policies.map((p) => p.name)).toEqual(
      ['NodeLifecycle', 'IAMIntegration', 'EKSIntegration', 'Interruption', 'ZonalShift', 'ResourceDiscovery'].map((n) => `KarpenterController${n}Policy-test-cluster`),
    );
    const controllerAttachments = resourceList(json, 'aws_iam_role_policy_attachment').filter((a) => a.role === '${aws_iam_role.karpenter_controller_role_B949CF60.name}');
    expect(controllerAttachments.map((a) => a.policy_arn)).toEqual(Object.keys(resources(json, 'aws_iam_policy')).map((id) => `\${aws_iam_policy.${id}.arn}`));
    expect(resourceList(json, 'aws_iam_role_policy')).toEqual([]);
  });

  test('PassRole only on the node role; the queue only; instance profiles scoped to cluster and region', () => {
    const json = setup().json;
    const doc = (name: string) => policy(resourceList(json, 'aws_iam_policy').find((p) => p.name === `KarpenterController${name}Policy-test-cluster`).policy);
    expect(doc('IAMIntegration').Statement[0]).toEqual({
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Resource: '${aws_iam_role.karpenter_node-role_64254103.arn}',
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    });
    expect(doc('IAMIntegration').Statement[1]).toEqual({
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Resource: `arn:${PARTITION}:iam::${ACCOUNT}:instance-profile/*`,
      Action: ['iam:CreateInstanceProfile'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/kubernetes.io/cluster/test-cluster': 'owned',
          'aws:RequestTag/eks:eks-cluster-name': 'test-cluster',
          'aws:RequestTag/topology.kubernetes.io/region': 'us-east-1',
        },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    });
    expect(doc('Interruption')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowInterruptionQueueActions',
          Effect: 'Allow',
          Resource: '${aws_sqs_queue.karpenter_interruption-queue_1712F3B7.arn}',
          Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        },
      ],
    });
    expect(doc('EKSIntegration').Statement).toEqual([
      { Sid: 'AllowAPIServerEndpointDiscovery', Effect: 'Allow', Resource: `arn:${PARTITION}:eks:us-east-1:${ACCOUNT}:cluster/test-cluster`, Action: 'eks:DescribeCluster' },
    ]);
  });

  test('launch and delete only with the cluster ownership tag and a nodepool tag', () => {
    const docs = karpenterControllerPolicies({ partition: 'aws', region: 'eu-west-1', accountId: '111122223333', clusterName: 'c1', nodeRoleArn: 'arn:aws:iam::111122223333:role/n', queueArn: 'arn:aws:sqs:eu-west-1:111122223333:q' });
    const sids = docs.NodeLifecycle.Statement.map((s) => s.Sid);
    expect(sids).toEqual([
      'AllowScopedEC2InstanceAccessActions',
      'AllowScopedEC2LaunchTemplateAccessActions',
      'AllowScopedEC2InstanceActionsWithTags',
      'AllowScopedResourceCreationTagging',
      'AllowScopedResourceTagging',
      'AllowScopedDeletion',
    ]);
    expect(docs.NodeLifecycle.Statement[0].Resource).toEqual([
      'arn:aws:ec2:eu-west-1::image/*',
      'arn:aws:ec2:eu-west-1::snapshot/*',
      'arn:aws:ec2:eu-west-1:*:security-group/*',
      'arn:aws:ec2:eu-west-1:*:subnet/*',
      'arn:aws:ec2:eu-west-1:*:capacity-reservation/*',
      'arn:aws:ec2:eu-west-1:*:placement-group/*',
    ]);
    expect(docs.NodeLifecycle.Statement[2].Condition).toEqual({
      StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/c1': 'owned', 'aws:RequestTag/eks:eks-cluster-name': 'c1' },
      StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
    });
    expect(docs.NodeLifecycle.Statement[4].Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/c1': 'owned' },
      StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
      StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': 'c1' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
    });
    expect(docs.NodeLifecycle.Statement[5]).toEqual({
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Resource: ['arn:aws:ec2:eu-west-1:*:instance/*', 'arn:aws:ec2:eu-west-1:*:launch-template/*'],
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Condition: { StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/c1': 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    });
    expect(docs.ResourceDiscovery.Statement[0].Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } });
    expect(docs.ZonalShift.Statement[0].Condition).toEqual({ StringEquals: { 'arc-zonal-shift:ResourceIdentifier': 'arn:aws:eks:eu-west-1:111122223333:cluster/c1' } });
    // Every Allow on "*" names exact actions (no wildcards).
    for (const doc of Object.values(docs)) {
      for (const s of doc.Statement) for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/);
    }
  });

  test('each policy stays under the managed-policy limit for a 100-character cluster name and the longest ARNs', () => {
    const clusterName = `c${'x'.repeat(99)}`;
    const partition = 'aws-iso-b'.padEnd(10, 'x'); // longer than any partition (aws-us-gov, aws-iso-b, aws-iso-f)
    const region = 'ap-southeast-7x'.padEnd(20, 'x');
    const accountId = '123456789012';
    const docs = karpenterControllerPolicies({
      partition,
      region,
      accountId,
      clusterName,
      nodeRoleArn: `arn:${partition}:iam::${accountId}:role/${'r'.repeat(64)}`,
      queueArn: `arn:${partition}:sqs:${region}:${accountId}:${'q'.repeat(80)}`,
    });
    const sizes = Object.fromEntries(Object.entries(docs).map(([n, d]) => [n, policySize(d)]));
    for (const [name, size] of Object.entries(sizes)) expect([name, size < MANAGED_POLICY_MAX_CHARS]).toEqual([name, true]);
    expect(sizes.NodeLifecycle).toBeGreaterThan(3000); // the large one really is measured
    expect(Object.keys(docs).length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
    // Together they would not fit one managed policy: hence six of them.
    expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBeGreaterThan(6144);
  });

  test('names fit IAM, SQS and EventBridge limits for a 100-character cluster name', () => {
    const name = `c${'x'.repeat(99)}`;
    const { json, aws } = setup(name);
    expect(aws.nodeRoleName.length).toBeLessThanOrEqual(64);
    expect(aws.interruptionQueueName.length).toBeLessThanOrEqual(80);
    for (const r of resourceList(json, 'aws_cloudwatch_event_rule')) expect(r.name.length).toBeLessThanOrEqual(64);
    for (const p of resourceList(json, 'aws_iam_policy')) expect(p.name.length).toBeLessThanOrEqual(128);
    expect(new Set(resourceList(json, 'aws_iam_policy').map((p) => p.name)).size).toBe(6);
  });
});

describe('KarpenterAws wiring', () => {
  test('with an EksCluster the access entry and association wait for the cluster', () => {
    const stack = cloudStack();
    const cluster = new EksCluster(stack, 'cluster', { name: 'gpu', network: { vpcId: 'vpc-1', privateSubnetIds: ['subnet-1', 'subnet-2'] } });
    new KarpenterAws(stack, 'karpenter', { cluster });
    const json = synth(stack);
    const clusterId = Object.keys(resources(json, 'aws_eks_cluster'))[0];
    expect(onlyResource(json, 'aws_eks_access_entry').depends_on).toEqual([`aws_eks_cluster.${clusterId}`]);
    const association = resourceList(json, 'aws_eks_pod_identity_association').find((a) => a.namespace === 'kube-system' && a.service_account === 'karpenter');
    expect(association.depends_on).toEqual([`aws_eks_cluster.${clusterId}`]);
  });

  test('logical ids are stable', () => {
    const json = setup().json;
    expect(addresses(json, 'aws_sqs_queue', 'aws_iam_role')).toEqual({
      'aws_sqs_queue.karpenter_interruption-queue_1712F3B7': 'test-cloud/karpenter/interruption-queue',
      'aws_iam_role.karpenter_node-role_64254103': 'test-cloud/karpenter/node-role',
      'aws_iam_role.karpenter_controller_role_B949CF60': 'test-cloud/karpenter/controller/role',
    });
  });

  test('validation and layer', () => {
    expect(() => new KarpenterAws(cloudStack(), 'k', { cluster: { clusterName: 'bad name' } })).toThrow(
      'test-cloud/k: cluster.clusterName = "bad name" is not an EKS cluster name (1-100 letters, digits, "-", "_"); pass the cluster name',
    );
    expect(() => new KarpenterAws(platformStack(), 'k', { cluster: { clusterName: 'c' } })).toThrow(
      'test-platform/k: KarpenterAws belongs in the cloud layer but was created in platform stack "test-platform"',
    );
    // Outside a library stack the region comes from the provider.
    const plain = new TerraformStack(new App(), 'plain');
    new AwsProvider(plain, 'aws', {});
    new KarpenterAws(plain, 'k', { cluster: { clusterName: 'c' } });
    const doc = policy(resourceList(synth(plain), 'aws_iam_policy')[2].policy);
    expect(doc.Statement[0].Resource).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:eks:\$\{data\.aws_region\.[^}]+\.region\}:/);
  });
});
