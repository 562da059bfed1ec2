import { iamAdminPolicy } from '../../../src/policy/rules/iam/iam-admin-policy';
import { iamIrsaTrust } from '../../../src/policy/rules/iam/iam-irsa-trust';
import { iamPodIdentityTrust } from '../../../src/policy/rules/iam/iam-pod-identity-trust';
import { iamTrustAnyPrincipal } from '../../../src/policy/rules/iam/iam-trust-any-principal';
import { iamWildcardAction } from '../../../src/policy/rules/iam/iam-wildcard-action';
import { podIdentityTrustPolicy, irsaTrustPolicy } from '../../../src/core/pod-identity-role';
import { expectCompliant, expectFinding, expectNotApplicable, resource, unknownMsg } from '../helpers';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const rolePolicy = (policy: string) => resource('aws_iam_role_policy', { role: 'r', policy });
const role = (trust: unknown, extra: Record<string, unknown> = {}) =>
  resource('aws_iam_role', { name: 'r', assume_role_policy: typeof trust === 'string' ? trust : JSON.stringify(trust), ...extra });

describe('iam-wildcard-action', () => {
  const dataDoc = resource('aws_iam_policy_document', { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] }, 'admin', 'data');
  it.each([
    ['exact actions', rolePolicy(doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }))],
    ['service wildcard on one bucket', rolePolicy(doc({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::b/*'] }))],
    ['deny with wildcards', resource('aws_iam_policy', { policy: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) })],
    ['role without inline policies', role({ Statement: [] })],
  ])('passes: %s', (_name, r) => expectCompliant(iamWildcardAction, r));
  it.each([
    ['* on *', rolePolicy(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' })), 'policy statement "All" allows "*" on resource "*"'],
    ['service:* on *', resource('aws_iam_policy', { policy: doc({ Effect: 'Allow', Action: ['s3:*', 'sqs:SendMessage'], Resource: '*' }) }), 'policy statement[0] allows "s3:*" on resource "*"'],
    ['NotAction on *', resource('aws_iam_user_policy', { policy: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }), 'policy statement[0] allows every action except NotAction on resource "*"'],
    ['inline policy of a role', role({ Statement: [] }, { inline_policy: [{ name: 'x', policy: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) }] }), 'inline_policy[0].policy statement[0] allows "ec2:*" on resource "*"'],
    ['unknown action', rolePolicy(doc({ Effect: 'Allow', Action: '${var.action}', Resource: '*' })), 'policy statement[0] has action "${var.action}", which is not known at synth; this check needs a concrete value'],
    ['unreadable policy', rolePolicy('${var.policy}'), unknownMsg('policy', '${var.policy}')],
  ])('fails: %s', (_name, r, message) => expectFinding(iamWildcardAction, r, message));
  it('follows a reference to an aws_iam_policy_document in the stack', () => {
    expectFinding(iamWildcardAction, rolePolicy('${data.aws_iam_policy_document.admin.json}'), 'policy statement[0] allows "*" on resource "*"', dataDoc);
  });
});

describe('iam-admin-policy', () => {
  it('passes for a scoped managed policy', () => {
    expectCompliant(iamAdminPolicy, resource('aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy' }));
  });
  it.each([
    ['role attachment', resource('aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'policy_arn attaches arn:aws:iam::aws:policy/AdministratorAccess'],
    ['GovCloud user attachment', resource('aws_iam_user_policy_attachment', { user: 'u', policy_arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }), 'policy_arn attaches arn:aws-us-gov:iam::aws:policy/AdministratorAccess'],
    ['managed_policy_arns', role({ Statement: [] }, { managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), 'managed_policy_arns attaches arn:aws:iam::aws:policy/AdministratorAccess'],
  ])('fails: %s', (_name, r, message) => expectFinding(iamAdminPolicy, r, message));
});

describe('iam-trust-any-principal', () => {
  it('passes for a service principal', () => expectCompliant(iamTrustAnyPrincipal, role({ Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }] })));
  it.each([
    ['bare *', role({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }), 'assume_role_policy statement[0] allows principal "*"'],
    ['AWS *', role({ Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sts:AssumeRole' }] }), 'assume_role_policy statement "Open" allows principal "*"'],
    ['unknown', role('${var.trust}'), unknownMsg('assume_role_policy', '${var.trust}')],
  ])('fails: %s', (_name, r, message) => expectFinding(iamTrustAnyPrincipal, r, message));
});

describe('iam-pod-identity-trust', () => {
  it('passes for the trust policy PodIdentityRole writes', () => expectCompliant(iamPodIdentityTrust, role(podIdentityTrustPolicy('c', 'ns', 'sa'))));
  it('does not apply to other service principals', () => expectNotApplicable(iamPodIdentityTrust, role({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })));
  it.each([
    [
      'no condition (the AWS console default)',
      { Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
      'assume_role_policy statement[0] trusts pods.eks.amazonaws.com without a condition on aws:RequestTag/eks-cluster-name, aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account',
    ],
    [
      'namespace and service account only, service account as *',
      {
        Statement: [{
          Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'ns' }, StringLike: { 'aws:RequestTag/kubernetes-service-account': '*' } },
        }],
      },
      'assume_role_policy statement[0] trusts pods.eks.amazonaws.com without a condition on aws:RequestTag/eks-cluster-name, aws:RequestTag/kubernetes-service-account',
    ],
  ])('fails: %s', (_name, trust, message) => expectFinding(iamPodIdentityTrust, role(trust), message));
});

describe('iam-irsa-trust', () => {
  const provider = '${aws_iam_openid_connect_provider.oidc.arn}';
  it('passes for irsaTrustPolicy()', () => expectCompliant(iamIrsaTrust, role(irsaTrustPolicy(provider, 'oidc.eks.us-east-1.amazonaws.com/id/X', 'ns', 'sa'))));
  it('does not apply to service trust', () => expectNotApplicable(iamIrsaTrust, role({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })));
  it.each([
    ['aud only', { Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.example/id/X:aud': 'sts.amazonaws.com' } } }] }],
    ['sub = *', { Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'oidc.example/id/X:sub': '*' } } }] }],
  ])('fails: %s', (_name, trust) =>
    expectFinding(iamIrsaTrust, role(trust), "assume_role_policy statement[0] allows sts:AssumeRoleWithWebIdentity without a condition on the token's sub claim"),
  );
});
