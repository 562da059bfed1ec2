/**
 * IAM policy documents as the IAM rules read them: the library's one reader
 * (src/synth/policy-document.ts) with `aws_iam_policy_document` data sources looked up in the
 * rule's stack. A document it cannot read is `{ unknown: why }`, which the rules report.
 */
import { PolicyDocumentRead, readPolicyDocument as readDocument } from '../../../synth/policy-document';
import { PolicyRuleContext, SynthesizedResource } from '../../types';

export { conditionList, IamStatement as Statement, isAnyPrincipal, PolicyDocumentRead as DocumentRead, principalsOfType, statementLabel } from '../../../synth/policy-document';

/** Reads the policy document in `resource.attributes[attribute]`. */
export function readPolicyDocument(resource: SynthesizedResource, attribute: string, context: PolicyRuleContext): PolicyDocumentRead | undefined {
  return readDocumentValue(resource.attributes[attribute], context);
}

/** Reads a policy document value (JSON text or a reference to an aws_iam_policy_document of the stack). */
export function readDocumentValue(value: unknown, context: PolicyRuleContext): PolicyDocumentRead | undefined {
  return readDocument(value, (address) => context.byAddress(address)?.attributes);
}
