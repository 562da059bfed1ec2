/**
 * Danger: network exposure opened — ingress from 0.0.0.0/0 or ::/0 (security groups, rules),
 * EKS API endpoint reachable from new CIDRs (the provider's defaults are public and 0.0.0.0/0),
 * internet-facing load balancers, Services of type LoadBalancer (kubernetes_service, manifests and
 * Helm values), publicly accessible RDS instances. Compares what is open before and after.
 */
import { parseValuesYaml, valueAt } from '../attributes';
import { DangerItem, SynthResource } from '../types';
import { DangerContext, sides } from './context';

/** CIDRs that mean "the internet". */
export const ANYWHERE = ['0.0.0.0/0', '::/0'];

function blocks(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v ? [v] : []).filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
}

function ports(b: Record<string, unknown>): string {
  const proto = String(b.protocol ?? b.ip_protocol ?? 'all');
  const from = b.from_port ?? '*';
  const to = b.to_port ?? '*';
  return proto === '-1' || proto === 'all' ? 'all traffic' : `${proto} ${from === to ? from : `${from}-${to}`}`;
}

function openIngress(b: Record<string, unknown>): string[] {
  const cidrs = [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks), ...strings(b.cidr_ipv4), ...strings(b.cidr_ipv6)];
  return cidrs.filter((c) => ANYWHERE.includes(c)).map((c) => `ingress ${ports(b)} from \`${c}\``);
}

/** LoadBalancer `type` keys anywhere in parsed Helm values, by path. */
function loadBalancerValues(values: unknown, path: string, out: string[]): void {
  if (Array.isArray(values)) values.forEach((v, i) => loadBalancerValues(v, `${path}[${i}]`, out));
  else if (typeof values === 'object' && values !== null) {
    for (const [k, v] of Object.entries(values)) {
      if (k === 'type' && v === 'LoadBalancer') out.push(`Helm values \`${path}.type: LoadBalancer\``);
      else loadBalancerValues(v, `${path}.${k}`, out);
    }
  }
}

function serviceExposure(spec: unknown, annotations: unknown): string[] {
  if (valueAt(spec, 'type') !== 'LoadBalancer') return [];
  const scheme = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)['service.beta.kubernetes.io/aws-load-balancer-scheme'] : undefined;
  return [`Service type LoadBalancer${typeof scheme === 'string' ? ` (${scheme})` : ''}`];
}

/** What a resource exposes, as stable phrases (compared before/after). */
export function exposures(r: SynthResource | undefined): string[] {
  if (!r) return [];
  const a = r.attributes;
  switch (r.type) {
    case 'aws_security_group':
      return blocks(a.ingress).flatMap(openIngress);
    case 'aws_security_group_rule':
      return a.type === 'ingress' ? openIngress(a) : [];
    case 'aws_vpc_security_group_ingress_rule':
      return openIngress(a);
    case 'aws_eks_cluster': {
      const vpc = blocks(a.vpc_config)[0] ?? {};
      if (vpc.endpoint_public_access === false || vpc.endpoint_public_access === 'false') return [];
      const cidrs = vpc.public_access_cidrs === undefined ? ['0.0.0.0/0'] : strings(vpc.public_access_cidrs);
      return cidrs.map((c) => `public API endpoint reachable from \`${c}\``);
    }
    case 'aws_db_instance':
      return a.publicly_accessible === true || a.publicly_accessible === 'true' ? ['`publicly_accessible = true`'] : [];
    case 'aws_lb':
    case 'aws_alb':
      return a.internal === true || a.internal === 'true' ? [] : ['internet-facing load balancer'];
    case 'kubernetes_service':
    case 'kubernetes_service_v1':
      return serviceExposure(valueAt(a, 'spec'), valueAt(a, 'metadata.annotations'));
    case 'kubernetes_manifest':
      return valueAt(a, 'manifest.kind') === 'Service' ? serviceExposure(valueAt(a, 'manifest.spec'), valueAt(a, 'manifest.metadata.annotations')) : [];
    case 'helm_release': {
      const out: string[] = [];
      (Array.isArray(a.values) ? a.values : []).forEach((v, i) => loadBalancerValues(parseValuesYaml(v), `values[${i}]`, out));
      return out;
    }
    default:
      return [];
  }
}

/** Exposure opened between base and head. */
export function networkDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    if (change.kind === 'removed') continue;
    const { before, after } = sides(ctx, change);
    const was = new Set(exposures(before));
    const opened = [...new Set(exposures(after))].filter((e) => !was.has(e)).sort();
    if (opened.length > 0) out.push({ category: 'network', stack: change.stack, address: change.address, message: `opens ${opened.join('; ')}` });
  }
  return out;
}

