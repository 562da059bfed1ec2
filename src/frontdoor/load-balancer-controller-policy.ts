/**
 * The IAM policy of the AWS Load Balancer Controller v3.5.0, statement for statement as the project
 * publishes it (kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json at tag
 * v3.5.0, unchanged since 2025-03-27). The controller creates and deletes only load balancers,
 * target groups and security groups it tagged `elbv2.k8s.aws/cluster`; the conditions below are
 * what keep it from touching others. A unit test compares this document with the upstream file
 * (test/frontdoor/fixtures), so a controller bump that changes the policy fails until it is copied.
 *
 * Size: 5,196 characters without whitespace, under the 6,144 IAM allows a customer managed policy
 * (`IAM_MANAGED_POLICY_MAX_CHARS`); it is attached as one (`aws_iam_policy`), not inline, so the
 * role's inline budget (10,240) stays free.
 */
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/iam';

/** The condition that a request creates a resource tagged for a cluster (`Null: false` = the tag is present). */
const requestTagged = { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' } as const;
/** The condition that the resource is the controller's (tagged `elbv2.k8s.aws/cluster`). */
const resourceTagged = { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } as const;
/** Tag changes on a controller resource that do not set the cluster tag itself. */
const retagOwned = { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'true', 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } as const;

const DESCRIBE_ACTIONS = [
  'ec2:DescribeAccountAttributes',
  'ec2:DescribeAddresses',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcPeeringConnections',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeInstances',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeTags',
  'ec2:GetCoipPoolUsage',
  'ec2:DescribeCoipPools',
  'ec2:GetSecurityGroupsForVpc',
  'ec2:DescribeIpamPools',
  'ec2:DescribeRouteTables',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeListenerCertificates',
  'elasticloadbalancing:DescribeSSLPolicies',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetGroupAttributes',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:DescribeTags',
  'elasticloadbalancing:DescribeTrustStores',
  'elasticloadbalancing:DescribeListenerAttributes',
  'elasticloadbalancing:DescribeCapacityReservation',
];

/** Certificates, Cognito clients, WAF and Shield the controller reads or attaches. */
const INTEGRATION_ACTIONS = [
  'cognito-idp:DescribeUserPoolClient',
  'acm:ListCertificates',
  'acm:DescribeCertificate',
  'iam:ListServerCertificates',
  'iam:GetServerCertificate',
  'waf-regional:GetWebACL',
  'waf-regional:GetWebACLForResource',
  'waf-regional:AssociateWebACL',
  'waf-regional:DisassociateWebACL',
  'wafv2:GetWebACL',
  'wafv2:GetWebACLForResource',
  'wafv2:AssociateWebACL',
  'wafv2:DisassociateWebACL',
  'shield:GetSubscriptionState',
  'shield:DescribeProtection',
  'shield:CreateProtection',
  'shield:DeleteProtection',
];

const MODIFY_OWNED_ACTIONS = [
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:SetIpAddressType',
  'elasticloadbalancing:SetSecurityGroups',
  'elasticloadbalancing:SetSubnets',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:ModifyTargetGroup',
  'elasticloadbalancing:ModifyTargetGroupAttributes',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:ModifyListenerAttributes',
  'elasticloadbalancing:ModifyCapacityReservation',
  'elasticloadbalancing:ModifyIpPools',
];

const LISTENER_ACTIONS = [
  'elasticloadbalancing:SetWebAcl',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:AddListenerCertificates',
  'elasticloadbalancing:RemoveListenerCertificates',
  'elasticloadbalancing:ModifyRule',
  'elasticloadbalancing:SetRulePriorities',
];

/**
 * The controller's policy in `partition` (`aws` is the published file; `aws-cn` and `aws-us-gov`
 * change only the ARN partition, as the project's iam_policy_cn.json / iam_policy_us-gov.json do).
 */
export function awsLoadBalancerControllerPolicy(partition = 'aws'): PolicyDocument {
  const ec2 = (resource: string) => `arn:${partition}:ec2:*:*:${resource}`;
  const elb = (resource: string) => `arn:${partition}:elasticloadbalancing:*:*:${resource}`;
  const taggableLoadBalancers = [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')];
  const statements: PolicyStatement[] = [
    {
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    { Effect: 'Allow', Action: DESCRIBE_ACTIONS, Resource: '*' },
    { Effect: 'Allow', Action: INTEGRATION_ACTIONS, Resource: '*' },
    { Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], Resource: '*' },
    { Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: ec2('security-group/*'),
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, Null: requestTagged },
    },
    { Effect: 'Allow', Action: ['ec2:CreateTags', 'ec2:DeleteTags'], Resource: ec2('security-group/*'), Condition: { Null: retagOwned } },
    {
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
      Resource: '*',
      Condition: { Null: resourceTagged },
    },
    { Effect: 'Allow', Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], Resource: '*', Condition: { Null: requestTagged } },
    {
      Effect: 'Allow',
      Action: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'],
      Resource: '*',
    },
    { Effect: 'Allow', Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], Resource: taggableLoadBalancers, Condition: { Null: retagOwned } },
    {
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      Resource: [elb('listener/net/*/*/*'), elb('listener/app/*/*/*'), elb('listener-rule/net/*/*/*'), elb('listener-rule/app/*/*/*')],
    },
    { Effect: 'Allow', Action: MODIFY_OWNED_ACTIONS, Resource: '*', Condition: { Null: resourceTagged } },
    {
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags'],
      Resource: taggableLoadBalancers,
      Condition: { StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] }, Null: requestTagged },
    },
    { Effect: 'Allow', Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], Resource: elb('targetgroup/*/*') },
    { Effect: 'Allow', Action: LISTENER_ACTIONS, Resource: '*' },
  ];
  return policyDocument(...statements);
}
