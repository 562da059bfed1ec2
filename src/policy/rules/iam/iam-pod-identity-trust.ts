/**
 * `iam-pod-identity-trust`: a role trusted by EKS Pod Identity restricts the session tags to one
 * cluster, namespace and service account; without them any Pod Identity association in the account
 * can assume it.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
import { PolicyRule } from '../../types';
import { COMPLIANT, NOT_APPLICABLE, verdictOf } from '../../values';
import { conditionList, principalsOfType, readPolicyDocument, Statement, statementLabel } from './policy-documents';

/** Service principal of EKS Pod Identity. */
export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';
/** The session tags a Pod Identity trust policy must pin. */
export const POD_IDENTITY_TAG_KEYS = ['aws:RequestTag/eks-cluster-name', 'aws:RequestTag/kubernetes-namespace', 'aws:RequestTag/kubernetes-service-account'] as const;
const PINNING_TESTS = new Set(['StringEquals', 'StringLike', 'ForAllValues:StringEquals', 'ForAnyValue:StringEquals']);
const FIX = `add Condition StringEquals on ${POD_IDENTITY_TAG_KEYS.join(', ')} (PodIdentityRole does this)`;

function missingTags(s: Statement): string[] {
  return POD_IDENTITY_TAG_KEYS.filter(
    (key) => !conditionList(s).some((c) => PINNING_TESTS.has(c.test) && c.key === key && c.values.length > 0 && !c.values.includes('*')),
  );
}

export const iamPodIdentityTrust: PolicyRule = {
  id: 'iam-pod-identity-trust',
  severity: 'error',
  description: 'Roles trusted by pods.eks.amazonaws.com pin the eks-cluster-name, kubernetes-namespace and kubernetes-service-account session tags.',
  appliesTo: ['aws_iam_role'],
  mirrors: [],
  check(resource, context) {
    const read = readPolicyDocument(resource, 'assume_role_policy', context);
    if (!read || 'unknown' in read) return NOT_APPLICABLE; // iam-trust-any-principal reports unreadable trust policies
    const podIdentity = read.statements
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.effect === 'Allow' && principalsOfType(s, 'Service').includes(POD_IDENTITY_SERVICE));
    if (podIdentity.length === 0) return NOT_APPLICABLE;
    const problems = podIdentity.flatMap(({ s, i }) => {
      const missing = missingTags(s);
      return missing.length === 0 ? [] : [`assume_role_policy ${statementLabel(s, i)} trusts ${POD_IDENTITY_SERVICE} without a condition on ${missing.join(', ')}`];
    });
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
