/**
 * The Karpenter controller's permissions, statement for statement as Karpenter v1.14's
 * getting-started CloudFormation template grants them (`NodeLifecyclePolicy`,
 * `IAMIntegrationPolicy`, `EKSIntegrationPolicy`, `InterruptionPolicy`, `ZonalShiftPolicy`,
 * `ResourceDiscoveryPolicy`): launches and tags only with this cluster's ownership tag and a
 * `karpenter.sh/nodepool` request tag, deletes only instances and launch templates carrying them,
 * passes only the node role, manages only instance profiles tagged for this cluster and region, and
 * reads only the interruption queue.
 *
 * Size: IAM caps the *sum* of a role's inline policies at 10,240 characters and each managed policy
 * at 6,144 (whitespace not counted), so splitting inline policies does not help. Like upstream, the
 * permissions are six customer managed policies attached to the role (the default quota is 10
 * managed policies per role); each stays under 6,144 characters even for a 100-character cluster
 * name (asserted by the tests with the longest partition, region and ARNs).
 */
import { IAM_MANAGED_POLICY_MAX_CHARS, PolicyDocument, policyDocument } from '../../core/iam';

/** Where the policies point. Values may be Terraform tokens. */
export interface ControllerPolicyContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  /** ARN of the node role (the only role the controller may pass). */
  readonly nodeRoleArn: string;
  /** ARN of the interruption queue. */
  readonly queueArn: string;
}

/** Names of the six policies (upstream's, without the `KarpenterController` prefix). */
export type ControllerPolicyName = 'NodeLifecycle' | 'IAMIntegration' | 'EKSIntegration' | 'Interruption' | 'ZonalShift' | 'ResourceDiscovery';

/** IAM's limit on one managed policy, in non-whitespace characters. */
export const MANAGED_POLICY_MAX_CHARS = IAM_MANAGED_POLICY_MAX_CHARS;
/** IAM's default quota of managed policies attached to one role. */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** Services the node role may be passed to (as upstream; `.cn` for the China partition). */
export const PASS_ROLE_SERVICES = ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] as const;

/** The six policy documents of the Karpenter controller, by name. */
export function karpenterControllerPolicies(ctx: ControllerPolicyContext): Record<ControllerPolicyName, PolicyDocument> {
  const { partition, region, accountId, clusterName } = ctx;
  const ec2 = (resource: string, account = '*') => `arn:${partition}:ec2:${region}:${account}:${resource}`;
  const ownedTag = `kubernetes.io/cluster/${clusterName}`;
  const instanceProfiles = `arn:${partition}:iam::${accountId}:instance-profile/*`;
  const clusterArn = `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`;
  const taggedResources = ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*', 'spot-instances-request/*'].map((r) => ec2(r));
  const nodePoolTag = { 'aws:ResourceTag/karpenter.sh/nodepool': '*' };
  const nodePoolRequestTag = { 'aws:RequestTag/karpenter.sh/nodepool': '*' };
  const ownedResource = { [`aws:ResourceTag/${ownedTag}`]: 'owned' };
  const ownedRequest = { [`aws:RequestTag/${ownedTag}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': clusterName };

  return {
    NodeLifecycle: policyDocument(
      {
        Sid: 'AllowScopedEC2InstanceAccessActions',
        Effect: 'Allow',
        Resource: [ec2('image/*', ''), ec2('snapshot/*', ''), ec2('security-group/*'), ec2('subnet/*'), ec2('capacity-reservation/*'), ec2('placement-group/*')],
        Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      },
      {
        Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
        Effect: 'Allow',
        Resource: ec2('launch-template/*'),
        Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
        Condition: { StringEquals: ownedResource, StringLike: nodePoolTag },
      },
      {
        Sid: 'AllowScopedEC2InstanceActionsWithTags',
        Effect: 'Allow',
        Resource: taggedResources,
        Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        Condition: { StringEquals: ownedRequest, StringLike: nodePoolRequestTag },
      },
      {
        Sid: 'AllowScopedResourceCreationTagging',
        Effect: 'Allow',
        Resource: taggedResources,
        Action: 'ec2:CreateTags',
        Condition: {
          StringEquals: { ...ownedRequest, 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
          StringLike: nodePoolRequestTag,
        },
      },
      {
        Sid: 'AllowScopedResourceTagging',
        Effect: 'Allow',
        Resource: ec2('instance/*'),
        Action: 'ec2:CreateTags',
        Condition: {
          StringEquals: ownedResource,
          StringLike: nodePoolTag,
          StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': clusterName },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
        },
      },
      {
        Sid: 'AllowScopedDeletion',
        Effect: 'Allow',
        Resource: [ec2('instance/*'), ec2('launch-template/*')],
        Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        Condition: { StringEquals: ownedResource, StringLike: nodePoolTag },
      },
    ),
    IAMIntegration: policyDocument(
      {
        Sid: 'AllowPassingInstanceRole',
        Effect: 'Allow',
        Resource: ctx.nodeRoleArn,
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': [...PASS_ROLE_SERVICES] } },
      },
      {
        Sid: 'AllowScopedInstanceProfileCreationActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:CreateInstanceProfile'],
        Condition: {
          StringEquals: { ...ownedRequest, 'aws:RequestTag/topology.kubernetes.io/region': region },
          StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileTagActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:TagInstanceProfile'],
        Condition: {
          StringEquals: {
            ...ownedResource,
            'aws:ResourceTag/topology.kubernetes.io/region': region,
            ...ownedRequest,
            'aws:RequestTag/topology.kubernetes.io/region': region,
          },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
        Condition: {
          StringEquals: { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': region },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
    ),
    EKSIntegration: policyDocument({ Sid: 'AllowAPIServerEndpointDiscovery', Effect: 'Allow', Resource: clusterArn, Action: 'eks:DescribeCluster' }),
    Interruption: policyDocument({
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Resource: ctx.queueArn,
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
    }),
    ZonalShift: policyDocument({
      Sid: 'AllowZonalShiftStatusReadOnly',
      Effect: 'Allow',
      Resource: '*',
      Action: ['arc-zonal-shift:GetManagedResource'],
      Condition: { StringEquals: { 'arc-zonal-shift:ResourceIdentifier': clusterArn } },
    }),
    ResourceDiscovery: policyDocument(
      {
        Sid: 'AllowRegionalReadActions',
        Effect: 'Allow',
        Resource: '*',
        Action: [
          'ec2:DescribeCapacityReservations',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceStatus',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribePlacementGroups',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
        ],
        Condition: { StringEquals: { 'aws:RequestedRegion': region } },
      },
      { Sid: 'AllowSSMReadActions', Effect: 'Allow', Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`, Action: 'ssm:GetParameter' },
      { Sid: 'AllowPricingReadActions', Effect: 'Allow', Resource: '*', Action: 'pricing:GetProducts' },
      { Sid: 'AllowUnscopedInstanceProfileListAction', Effect: 'Allow', Resource: '*', Action: 'iam:ListInstanceProfiles' },
      { Sid: 'AllowInstanceProfileReadActions', Effect: 'Allow', Resource: instanceProfiles, Action: 'iam:GetInstanceProfile' },
    ),
  };
}

export { policySize } from '../../core/iam';
