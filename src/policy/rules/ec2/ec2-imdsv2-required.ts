/**
 * `ec2-imdsv2-required`: instances require IMDSv2 session tokens. Launch templates and instances
 * default to optional tokens; Karpenter's EC2NodeClass defaults to required.
 */
import { PolicyRule } from '../../types';
import { at, COMPLIANT, fail, mustBeConcrete, NOT_APPLICABLE, str, UNKNOWN } from '../../values';
import { ec2NodeClassSpec } from '../k8s/manifest';
import { checkov, trivy } from '../scanners';

const FIX_TF = 'set metadata_options { http_tokens = "required" }';
const FIX_NODECLASS = 'set spec.metadataOptions.httpTokens: required (or leave it unset: Karpenter defaults to required)';

export const ec2Imdsv2Required: PolicyRule = {
  id: 'ec2-imdsv2-required',
  severity: 'error',
  description: 'Launch templates, instances and EC2NodeClasses require IMDSv2 (http_tokens / httpTokens = required).',
  appliesTo: ['aws_launch_template', 'aws_instance', 'kubernetes_manifest'],
  mirrors: [checkov('CKV_AWS_79'), trivy('AVD-AWS-0028', 'aws_instance'), trivy('AVD-AWS-0130', 'launch configurations and templates')],
  check(resource) {
    if (resource.type === 'kubernetes_manifest') {
      const spec = ec2NodeClassSpec(resource);
      if (spec === undefined) return NOT_APPLICABLE;
      if (spec === 'unknown') return mustBeConcrete('manifest', resource.attributes.manifest, FIX_NODECLASS);
      const tokens = str(at(spec, 'metadataOptions.httpTokens'));
      if (tokens === UNKNOWN) return mustBeConcrete('spec.metadataOptions.httpTokens', at(spec, 'metadataOptions.httpTokens'), FIX_NODECLASS);
      if (tokens === undefined || tokens === 'required') return COMPLIANT;
      return fail(`spec.metadataOptions.httpTokens = "${tokens}" allows IMDSv1`, FIX_NODECLASS);
    }
    const raw = at(resource.attributes, 'metadata_options.http_tokens');
    const tokens = str(raw);
    if (tokens === UNKNOWN) return mustBeConcrete('metadata_options.http_tokens', raw, FIX_TF);
    if (tokens === 'required') return COMPLIANT;
    if (tokens === undefined) return fail('metadata_options.http_tokens is not set (the default allows IMDSv1)', FIX_TF);
    return fail(`metadata_options.http_tokens = "${tokens}" allows IMDSv1`, FIX_TF);
  },
};
