/**
 * `iam-wildcard-action`: identity policies do not allow `*` or `service:*` actions (or NotAction)
 * on `*` resources. Resource policies (KMS key policies, bucket policies) are not identity
 * policies and are not checked here.
 */
import { PolicyRule, PolicyRuleContext, SynthesizedResource } from '../../types';
import { blocks, COMPLIANT, isUnresolved, mustBeConcrete, render, verdictOf } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';
import { DocumentRead, readDocumentValue, statementLabel } from './policy-documents';

/** Resource types whose `policy` attribute is an identity policy. */
export const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'] as const;
const FIX = 'grant the exact actions the workload calls (e.g. "s3:GetObject") on the exact resource ARNs or prefixes';

function isWildcardAction(action: unknown): boolean {
  return action === '*' || (typeof action === 'string' && /^[a-z0-9-]+:\*$/i.test(action));
}

function documentsOf(resource: SynthesizedResource, context: PolicyRuleContext): Array<{ attribute: string; value: unknown; read: DocumentRead | undefined }> {
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.attributes.inline_policy).map((p, i) => ({
      attribute: `inline_policy[${i}].policy`,
      value: p.policy,
      read: readDocumentValue(p.policy, context),
    }));
  }
  return [{ attribute: 'policy', value: resource.attributes.policy, read: readDocumentValue(resource.attributes.policy, context) }];
}

export const iamWildcardAction: PolicyRule = {
  id: 'iam-wildcard-action',
  severity: 'error',
  description: 'Identity policies allow no "*" or "service:*" action (and no NotAction) on "*" resources.',
  appliesTo: [...IDENTITY_POLICY_TYPES, 'aws_iam_role'],
  mirrors: [checkov('CKV_AWS_62'), checkov('CKV_AWS_63'), checkov('CKV_AWS_355'), trivy('AVD-AWS-0057'), cdkNag('AwsSolutions-IAM5')],
  check(resource, context) {
    const problems: string[] = [];
    for (const { attribute, value, read } of documentsOf(resource, context)) {
      if (!read) continue;
      if ('unknown' in read) return mustBeConcrete(attribute, value, `${FIX}; write the policy as literal JSON or an aws_iam_policy_document in the same stack`);
      read.statements.forEach((s, i) => {
        if (s.effect !== 'Allow') return;
        const unknownAction = s.actions.find(isUnresolved);
        if (unknownAction !== undefined) {
          problems.push(`${attribute} ${statementLabel(s, i)} has action ${render(unknownAction)}, which is not known at synth; this check needs a concrete value`);
          return;
        }
        if (!s.resources.includes('*')) return;
        const wild = s.actions.filter(isWildcardAction);
        if (wild.length > 0) problems.push(`${attribute} ${statementLabel(s, i)} allows ${wild.map((a) => `"${String(a)}"`).join(', ')} on resource "*"`);
        if (s.notActions.length > 0) problems.push(`${attribute} ${statementLabel(s, i)} allows every action except NotAction on resource "*"`);
      });
    }
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};

