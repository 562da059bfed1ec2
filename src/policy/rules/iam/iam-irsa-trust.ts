/**
 * `iam-irsa-trust`: a role trusted through an OIDC provider (IRSA, web identity) restricts the
 * token's `sub` claim; without it every service account of the cluster (or every workflow of the
 * identity provider) can assume the role.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
import { PolicyRule } from '../../types';
import { COMPLIANT, NOT_APPLICABLE, verdictOf } from '../../values';
import { checkov } from '../scanners';
import { conditionList, principalsOfType, readPolicyDocument, Statement, statementLabel } from './policy-documents';

const FIX = 'add Condition StringEquals { "<issuer>:sub" = "system:serviceaccount:<namespace>:<service account>", "<issuer>:aud" = "sts.amazonaws.com" }';
const PINNING_TESTS = new Set(['StringEquals', 'StringLike', 'ForAnyValue:StringEquals', 'ForAllValues:StringEquals']);

function isWebIdentity(s: Statement): boolean {
  const federated = principalsOfType(s, 'Federated');
  return s.effect === 'Allow' && federated.length > 0 && s.actions.includes('sts:AssumeRoleWithWebIdentity') && !federated.includes('cognito-identity.amazonaws.com');
}

function pinsSub(s: Statement): boolean {
  return conditionList(s).some((c) => PINNING_TESTS.has(c.test) && c.key.endsWith(':sub') && c.values.length > 0 && !c.values.some((v) => v === '*'));
}

export const iamIrsaTrust: PolicyRule = {
  id: 'iam-irsa-trust',
  severity: 'error',
  description: 'Roles trusted through an OIDC provider (sts:AssumeRoleWithWebIdentity) pin the token\'s sub claim.',
  appliesTo: ['aws_iam_role'],
  mirrors: [checkov('CKV_AWS_358', 'GitHub Actions OIDC trust in aws_iam_policy_document only')],
  check(resource, context) {
    const read = readPolicyDocument(resource, 'assume_role_policy', context);
    if (!read || 'unknown' in read) return NOT_APPLICABLE; // iam-trust-any-principal reports unreadable trust policies
    const web = read.statements.map((s, i) => ({ s, i })).filter(({ s }) => isWebIdentity(s));
    if (web.length === 0) return NOT_APPLICABLE;
    const problems = web.filter(({ s }) => !pinsSub(s)).map(({ s, i }) => `assume_role_policy ${statementLabel(s, i)} allows sts:AssumeRoleWithWebIdentity without a condition on the token's sub claim`);
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
