/**
 * `eks-public-endpoint`: the EKS API endpoint is private, or public only to listed CIDRs.
 * The provider's defaults are a public endpoint open to 0.0.0.0/0, so an absent setting fails.
 */
import { PolicyRule } from '../../types';
import { at, block, bool, COMPLIANT, fail, isUnresolved, list, mustBeConcrete, render, UNKNOWN } from '../../values';
import { checkov, cdkNag, trivy } from '../scanners';

const OPEN = new Set(['0.0.0.0/0', '::/0']);
const FIX = 'set vpc_config.endpoint_public_access = false (reach the API through the VPC), or list the operator CIDRs in vpc_config.public_access_cidrs';

export const eksPublicEndpoint: PolicyRule = {
  id: 'eks-public-endpoint',
  severity: 'error',
  description: 'The EKS API endpoint is private, or public only to a list of CIDRs that excludes 0.0.0.0/0 and ::/0.',
  appliesTo: ['aws_eks_cluster'],
  mirrors: [
    checkov('CKV_AWS_38'),
    checkov('CKV_AWS_39', 'stricter: fails any public endpoint'),
    trivy('AVD-AWS-0040', 'stricter: fails any public endpoint'),
    trivy('AVD-AWS-0041'),
    cdkNag('AwsSolutions-EKS1', 'stricter: fails any public endpoint'),
  ],
  check(resource) {
    const vpc = block(resource.attributes.vpc_config);
    const publicAccess = bool(vpc?.endpoint_public_access);
    if (publicAccess === UNKNOWN) return mustBeConcrete('vpc_config.endpoint_public_access', vpc?.endpoint_public_access, FIX);
    if (publicAccess === false) return COMPLIANT;
    const cidrsValue = at(resource.attributes, 'vpc_config.public_access_cidrs');
    if (isUnresolved(cidrsValue) || list(cidrsValue).some((c) => typeof c !== 'string' || isUnresolved(c))) {
      return mustBeConcrete('vpc_config.public_access_cidrs', cidrsValue, FIX);
    }
    const cidrs = list(cidrsValue) as string[];
    const publicText = publicAccess === undefined ? 'endpoint_public_access is not set (the provider default is true)' : 'endpoint_public_access is true';
    if (cidrs.length === 0) return fail(`${publicText} and vpc_config.public_access_cidrs is not set (the default is 0.0.0.0/0)`, FIX);
    const open = cidrs.filter((c) => OPEN.has(c));
    if (open.length > 0) return fail(`${publicText} and vpc_config.public_access_cidrs = ${render(cidrs)} includes ${open.join(', ')}`, FIX);
    return COMPLIANT;
  },
};
