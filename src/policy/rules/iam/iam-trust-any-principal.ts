/** `iam-trust-any-principal`: no role trust policy lets any principal (`*`) assume the role. */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail, mustBeConcrete, verdictOf } from '../../values';
import { checkov } from '../scanners';
import { isAnyPrincipal, readPolicyDocument, statementLabel } from './policy-documents';

const FIX = 'name the exact principal that assumes the role (a service such as "pods.eks.amazonaws.com", an account or role ARN, an OIDC provider)';

export const iamTrustAnyPrincipal: PolicyRule = {
  id: 'iam-trust-any-principal',
  severity: 'error',
  description: 'Role trust policies (assume_role_policy) name their principals; "*" is not allowed.',
  appliesTo: ['aws_iam_role'],
  mirrors: [checkov('CKV_AWS_60'), checkov('CKV_AWS_61')],
  check(resource, context) {
    const read = readPolicyDocument(resource, 'assume_role_policy', context);
    if (!read) return fail('assume_role_policy is not set', FIX);
    if ('unknown' in read) return mustBeConcrete('assume_role_policy', resource.attributes.assume_role_policy, `${FIX}; write the trust policy as literal JSON or an aws_iam_policy_document in the same stack`);
    const open = read.statements.flatMap((s, i) => (s.effect === 'Allow' && isAnyPrincipal(s) ? [`assume_role_policy ${statementLabel(s, i)} allows principal "*"`] : []));
    return open.length === 0 ? COMPLIANT : verdictOf(open, FIX);
  },
};
