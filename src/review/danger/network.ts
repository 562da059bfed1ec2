/**
 * Danger: network exposure opened — ingress from 0.0.0.0/0 or ::/0 (security groups, rules),
 * EKS API endpoint reachable from new CIDRs (the provider's defaults are public and 0.0.0.0/0),
 * internet-facing load balancers, Services of type LoadBalancer (kubernetes_service, Service
 * manifests), publicly accessible RDS instances, and — in every other manifest, Kubernetes
 * resource and Helm values, at any depth — a `type`/`serviceType`/`service-type` of
 * `LoadBalancer` (EnvoyProxy `envoyService`, KnativeServing `ingress.kourier.service-type`, chart
 * `service.type`) and `internet-facing` scheme annotations (AWS Load Balancer Controller Service and
 * Ingress annotations). Compares what is open before and after.
 */
import { valuesDocument } from '../../synth/helm-values';
import { valueAt } from '../attributes';
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

/** Annotations whose value `internet-facing` makes a load balancer public. */
export const SCHEME_ANNOTATIONS = ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'alb.ingress.kubernetes.io/scheme'];

/** Keys that set a Service type (`type`, `serviceType`, `service-type`, `service_type`). */
function isServiceTypeKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z]/g, '');
  return k === 'type' || k === 'servicetype';
}

function schemeOf(annotations: unknown): string | undefined {
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const a = annotations as Record<string, unknown>;
  const scheme = SCHEME_ANNOTATIONS.map((k) => a[k]).find((v) => typeof v === 'string');
  return typeof scheme === 'string' ? scheme : undefined;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * LoadBalancer types and internet-facing scheme annotations anywhere in a document, as phrases
 * prefixed with `what` (`Helm values`, a manifest kind). The scheme annotation next to a
 * LoadBalancer type is folded into its phrase.
 */
function loadBalancerExposure(value: unknown, path: string, what: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => loadBalancerExposure(v, join(path, i), what, out));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  const lbKey = Object.keys(o).find((k) => isServiceTypeKey(k) && o[k] === 'LoadBalancer');
  const scheme = schemeOf(o.annotations);
  if (lbKey) out.push(`${what} \`${join(path, lbKey)}: LoadBalancer\`${scheme ? ` (${scheme})` : ''}`);
  for (const [k, v] of Object.entries(o)) {
    if (k === 'annotations' && typeof v === 'object' && v !== null) {
      if (lbKey) continue;
      for (const a of SCHEME_ANNOTATIONS) {
        if ((v as Record<string, unknown>)[a] === 'internet-facing') out.push(`${what} annotation \`${a}: internet-facing\` at \`${join(path, k)}\``);
      }
      continue;
    }
    loadBalancerExposure(v, join(path, k), what, out);
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
    case 'kubernetes_manifest': {
      const kind = valueAt(a, 'manifest.kind');
      if (kind === 'Service') return serviceExposure(valueAt(a, 'manifest.spec'), valueAt(a, 'manifest.metadata.annotations'));
      const out: string[] = [];
      loadBalancerExposure(a.manifest, '', typeof kind === 'string' ? kind : 'manifest', out);
      return out;
    }
    case 'helm_release': {
      const out: string[] = [];
      (Array.isArray(a.values) ? a.values : []).forEach((v, i) => loadBalancerExposure(valuesDocument(v), `values[${i}]`, 'Helm values', out));
      return out;
    }
    default: {
      if (!r.type.startsWith('kubernetes_')) return [];
      const out: string[] = [];
      loadBalancerExposure(a, '', r.type, out);
      return out;
    }
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

