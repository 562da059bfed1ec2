/**
 * `ec2-imds-hop-limit`: the IMDS response hop limit is at most 2, so the token does not reach
 * beyond a pod on the node. (2 is the EKS-recommended value when pods on the host network or
 * with IMDS access need it; 1 blocks pods entirely.)
 */
import { PolicyRule } from '../../types';
import { at, COMPLIANT, fail, mustBeConcrete, NOT_APPLICABLE, num, UNKNOWN } from '../../values';
import { ec2NodeClassSpec } from '../k8s/manifest';
import { checkov } from '../scanners';

/** The largest hop limit the rule accepts. */
export const MAX_IMDS_HOP_LIMIT = 2;

export const ec2ImdsHopLimit: PolicyRule = {
  id: 'ec2-imds-hop-limit',
  severity: 'error',
  description: `The IMDS PUT response hop limit is at most ${MAX_IMDS_HOP_LIMIT} (launch templates, instances, EC2NodeClasses).`,
  appliesTo: ['aws_launch_template', 'aws_instance', 'kubernetes_manifest'],
  mirrors: [checkov('CKV_AWS_341', 'stricter: requires a hop limit of 1')],
  check(resource) {
    let attribute: string;
    let raw: unknown;
    if (resource.type === 'kubernetes_manifest') {
      const spec = ec2NodeClassSpec(resource);
      if (spec === undefined) return NOT_APPLICABLE;
      attribute = 'spec.metadataOptions.httpPutResponseHopLimit';
      if (spec === 'unknown') return mustBeConcrete('manifest', resource.attributes.manifest, `set ${attribute} to 1 or 2`);
      raw = at(spec, 'metadataOptions.httpPutResponseHopLimit');
    } else {
      attribute = 'metadata_options.http_put_response_hop_limit';
      raw = at(resource.attributes, attribute);
    }
    const fix = `set ${attribute} to 1 or 2`;
    const limit = num(raw);
    if (limit === UNKNOWN) return mustBeConcrete(attribute, raw, fix);
    if (limit === undefined || limit <= MAX_IMDS_HOP_LIMIT) return COMPLIANT;
    return fail(`${attribute} = ${limit} lets IMDS tokens travel more than ${MAX_IMDS_HOP_LIMIT} network hops`, fix);
  },
};
