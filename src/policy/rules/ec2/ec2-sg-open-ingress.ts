/**
 * `ec2-sg-open-ingress`: no security group ingress from 0.0.0.0/0 or ::/0, on any port. CIDRs that
 * are references (e.g. a VPC's `cidr_block`) are accepted: they name a network, not the internet.
 */
import { PolicyRule } from '../../types';
import { blocks, COMPLIANT, Json, list, verdictOf } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const OPEN = new Set(['0.0.0.0/0', '::/0']);
const FIX = 'allow ingress only from the CIDRs or security groups that need it (a load balancer, the VPC, a peer security group)';

function openIn(where: string, rule: Json, keys: readonly string[]): string[] {
  const ports = rule.from_port === undefined ? '' : ` (ports ${String(rule.from_port)}-${String(rule.to_port ?? rule.from_port)})`;
  return keys.flatMap((key) =>
    list(rule[key])
      .filter((c) => typeof c === 'string' && OPEN.has(c))
      .map((c) => `${where}${key} allows ingress from ${String(c)}${ports}`),
  );
}

export const ec2SgOpenIngress: PolicyRule = {
  id: 'ec2-sg-open-ingress',
  severity: 'error',
  description: 'Security groups and their rules allow no ingress from 0.0.0.0/0 or ::/0.',
  appliesTo: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  mirrors: [
    checkov('CKV_AWS_24', 'port 22 only'),
    checkov('CKV_AWS_25', 'port 3389 only'),
    checkov('CKV_AWS_260', 'port 80 only'),
    checkov('CKV_AWS_277', 'all ports'),
    trivy('AVD-AWS-0107'),
    cdkNag('AwsSolutions-EC23'),
  ],
  check(resource) {
    const a = resource.attributes;
    let problems: string[];
    if (resource.type === 'aws_security_group') {
      problems = blocks(a.ingress).flatMap((rule, i) => openIn(`ingress[${i}].`, rule, ['cidr_blocks', 'ipv6_cidr_blocks']));
    } else if (resource.type === 'aws_security_group_rule') {
      problems = a.type === 'ingress' ? openIn('', a, ['cidr_blocks', 'ipv6_cidr_blocks']) : [];
    } else {
      problems = openIn('', a, ['cidr_ipv4', 'cidr_ipv6']);
    }
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
