/**
 * Cost model: estimated idle $/month (what runs with no workloads) and maximum GPU burn $/hour
 * implied by NodePool GPU limits, from one synthesized output and a dated price table.
 *
 * Idle $/month = Σ hourly items × 730 h + monthly items:
 * - EKS control plane (per cluster-hour), NAT gateways (per hour), public IPv4 addresses (EIPs),
 *   interface VPC endpoints (per AZ-hour), load balancers (ALB/NLB/CLB hours; Services of type
 *   LoadBalancer and Helm values with `type: LoadBalancer` priced as one NLB each);
 * - managed node groups: desired size × on-demand price of the first instance type, plus their
 *   root volumes (launch template size and type; spot capacity priced at on-demand, an upper bound);
 * - RDS instances: instance-hour × (2 if multi-AZ) + allocated GiB × storage price × (2 if multi-AZ);
 * - ElastiCache: node-hours × node count; EBS volumes and PVCs with a known size (PVCs as gp3);
 * - PVCs that Helm charts create, found in the values: a `volumeClaimTemplate` with
 *   `spec.resources.requests.storage` (kube-prometheus-stack `storageSpec`, Alertmanager `storage`),
 *   a `volumeClaimTemplates` list, or a `persistence`/`persistentVolume` block with a `size` (not
 *   disabled, no `existingClaim`) — priced as gp3 like PVCs, × the nearest enclosing
 *   `replicas`/`replicaCount` (one claim per replica, as StatefulSets make; 1 when unset), and
 *   skipped under a block with `enabled: false`. The formula names the values path and says gp3 is
 *   assumed; a size that is not a literal quantity is listed as not priced;
 * - KMS keys and Secrets Manager secrets per month.
 * Usage-priced items (NAT data processing, LCUs, logs, requests, storage of S3 objects, backups,
 * data transfer, Karpenter-launched nodes) are listed as excluded, never guessed. A resource that
 * should have a price but has none (no key in the table, a size that is an expression) is listed as
 * unpriced, and the idle total is then a lower bound ("at least").
 *
 * Storage the way AWS bills it: EBS and RDS storage are provisioned in whole GiB (2^30 bytes) and
 * billed per "GB-month" of that provisioned size, where AWS's GB is the GiB. Sizes the library reads
 * in GiB (RDS `allocated_storage`, launch template `volume_size`, `aws_ebs_volume.size`) are used as
 * they are; a Kubernetes quantity (`100Gi`, `500G`, `512Mi`) is converted to bytes and rounded up to
 * a whole GiB, as the EBS CSI driver does when it creates the volume (`500G` → 466 GiB).
 *
 * Max GPU burn $/h = Σ over GPU NodePools of L × max over admitted instance types t with
 * gpus(t) ≤ L of price(t) / gpus(t), where L is `spec.limits["nvidia.com/gpu"]` and the admitted
 * types are the catalog GPU types the pool's requirements allow. Karpenter does not launch a node
 * that would exceed the limit, so at most L GPUs run and each costs at most the dearest per-GPU
 * rate: an upper bound (exact when the dearest type divides L). A GPU pool without a limit is
 * unbounded. A pool that admits types without a price is "at least" the figure of its priced types,
 * and "unpriced" when none is priced (never $0.00); the total is then a lower bound too.
 */
import { parseQuantity } from '../core/schemas/quantity-value';
import { valuesDocument } from '../synth/helm-values';
import { valueAt } from './attributes';
import { HELM_COST_KEYS, helmClaims, HelmClaim, loadBalancerValueCount, num } from './cost-helm-values';
import { capacityTypes, allowedGpuInstances, nodePoolOf } from './nodepool';
import { PriceTable } from './prices/types';
import { SynthOutput, SynthResource, SynthStack } from './types';

/** Hours in a month (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** One priced idle item. */
export interface CostLine {
  readonly stack: string;
  readonly address: string;
  /** What is priced and how, e.g. `2 × m7i.large × $0.1008/h × 730 h`. */
  readonly formula: string;
  readonly monthlyUsd: number;
  /** Price keys used that are not verified. */
  readonly unverified: readonly string[];
}

/** A resource that should have a price but does not (missing key or computed attribute). */
export interface UnpricedItem {
  readonly stack: string;
  readonly address: string;
  readonly reason: string;
}

/** Maximum GPU spend of one NodePool. */
export interface GpuBurn {
  readonly stack: string;
  readonly address: string;
  readonly nodePool: string;
  readonly gpuLimit?: number;
  /** The dearest per-GPU instance type admitted. */
  readonly instanceType?: string;
  readonly perGpuHourUsd?: number;
  /** undefined when unbounded or unpriced (no admitted type has a price). */
  readonly hourlyUsd?: number;
  /** True when some admitted type has no price: `hourlyUsd` (if any) is a lower bound. */
  readonly lowerBound?: boolean;
  readonly notes: readonly string[];
}

/** The estimate for one output. */
export interface CostEstimate {
  readonly priceTable: { readonly region: string; readonly date: string; readonly sources: readonly string[] };
  /** Regions of the stacks' AWS providers. */
  readonly regions: readonly string[];
  readonly idleMonthlyUsd: number;
  /** True when some resource is unpriced: `idleMonthlyUsd` is a lower bound ("at least"). */
  readonly idleLowerBound: boolean;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly UnpricedItem[];
  /** Usage-priced items present, not estimated. */
  readonly excluded: readonly string[];
  readonly gpu: readonly GpuBurn[];
  readonly gpuHourlyUsd: number;
  /** True when some bounded GPU pool is unpriced or partly priced: `gpuHourlyUsd` is a lower bound ("at least"). */
  readonly gpuLowerBound: boolean;
  /** True when some GPU pool has no GPU limit. */
  readonly gpuUnbounded: boolean;
  readonly warnings: readonly string[];
}

/** Usage-priced charges by resource type (listed, not estimated). */
export const USAGE_PRICED: Readonly<Record<string, string>> = {
  aws_nat_gateway: 'NAT gateway data processing ($/GB)',
  aws_cloudwatch_log_group: 'CloudWatch Logs ingestion and storage',
  aws_flow_log: 'VPC flow log delivery',
  aws_s3_bucket: 'S3 storage, requests and transfer',
  aws_sqs_queue: 'SQS requests',
  aws_kms_key: 'KMS requests (and rotated key versions)',
  aws_lb: 'load balancer capacity units (LCU/NLCU)',
  aws_db_instance: 'RDS backup storage beyond the DB size, snapshots, I/O',
  aws_ecr_repository: 'ECR image storage',
  aws_vpc_endpoint: 'VPC endpoint data processing',
  aws_secretsmanager_secret: 'Secrets Manager API calls',
  kubernetes_manifest: 'Karpenter-launched nodes (see max GPU burn)',
  aws_eks_node_group: 'data transfer between AZs',
};

const r4 = (n: number): string => String(Math.round(n * 10000) / 10000);

class Estimator {
  readonly lines: CostLine[] = [];
  readonly unpriced: UnpricedItem[] = [];
  readonly gpu: GpuBurn[] = [];
  constructor(private readonly table: PriceTable) {}

  price(key: string): { usd: number; verified: boolean } | undefined {
    return this.table.prices[key];
  }

  /** Adds `count × price(key) × hours` (hours = 730 for hourly keys, 1 for monthly). */
  add(r: SynthResource, parts: Array<{ count: number; key: string; what: string }>): void {
    let total = 0;
    const formulas: string[] = [];
    const unverified: string[] = [];
    for (const p of parts) {
      const price = this.table.prices[p.key];
      if (!price) {
        this.unpriced.push({ stack: r.stack, address: r.address, reason: `no price for \`${p.key}\` in the ${this.table.region} table` });
        return;
      }
      if (!price.verified) unverified.push(p.key);
      const hours = price.unit === 'hour' ? HOURS_PER_MONTH : 1;
      total += p.count * price.usd * hours;
      const unit = price.unit === 'hour' ? `$${r4(price.usd)}/h × ${HOURS_PER_MONTH} h` : `$${r4(price.usd)}/${price.unit}`;
      formulas.push(`${r4(p.count)} × ${p.what} × ${unit}`);
    }
    const count = typeof r.attributes.count === 'number' ? r.attributes.count : 1;
    this.lines.push({
      stack: r.stack,
      address: r.address,
      formula: (count !== 1 ? `count ${count} × (${formulas.join(' + ')})` : formulas.join(' + ')),
      monthlyUsd: total * count,
      unverified: [...new Set(unverified)].sort(),
    });
  }

  skip(r: SynthResource, reason: string): void {
    this.unpriced.push({ stack: r.stack, address: r.address, reason });
  }
}

/** A literal string attribute, or undefined for expressions/absent values. */
function literal(v: unknown): string | undefined {
  return typeof v === 'string' && !v.includes('${') ? v : undefined;
}

/**
 * The EBS volume a Kubernetes storage request becomes, in whole GiB: the quantity in bytes rounded
 * up to a GiB, as the EBS CSI driver provisions it (`100Gi` → 100, `500G` → 466, `512Mi` → 1,
 * `1Ti` → 1024). AWS bills that provisioned size per GB-month (its GB is the GiB).
 */
export function quantityToGiB(q: unknown): number | undefined {
  const bytes = typeof q === 'string' ? parseQuantity(q) : typeof q === 'number' ? q : undefined;
  return bytes === undefined ? undefined : Math.ceil(bytes / 2 ** 30);
}

function launchTemplateVolume(r: SynthResource, stack: SynthStack): { gb: number; type: string } | undefined {
  const ref = literalRef(valueAt(r.attributes, 'launch_template.id'));
  const lt = ref ? stack.resources.get(ref) : undefined;
  const mappings = lt?.attributes.block_device_mappings;
  const first = Array.isArray(mappings) ? (mappings[0] as Record<string, unknown> | undefined) : undefined;
  const gb = num(valueAt(first, 'ebs.volume_size'));
  if (gb === undefined) return undefined;
  return { gb, type: literal(valueAt(first, 'ebs.volume_type')) ?? 'gp3' };
}

function literalRef(v: unknown): string | undefined {
  const m = typeof v === 'string' ? /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(v) : null;
  return m ? m[1] : undefined;
}

function priceResource(e: Estimator, r: SynthResource, stack: SynthStack): void {
  const a = r.attributes;
  switch (r.type) {
    case 'aws_eks_cluster':
      return e.add(r, [{ count: 1, key: 'eks:cluster-hour', what: 'EKS control plane' }]);
    case 'aws_nat_gateway':
      return e.add(r, [{ count: 1, key: 'vpc:nat-gateway-hour', what: 'NAT gateway' }]);
    case 'aws_eip':
      return e.add(r, [{ count: 1, key: 'vpc:public-ipv4-hour', what: 'public IPv4 address' }]);
    case 'aws_vpc_endpoint': {
      if (a.vpc_endpoint_type !== 'Interface') return;
      const azs = Array.isArray(a.subnet_ids) ? a.subnet_ids.length : 1;
      return e.add(r, [{ count: azs, key: 'vpc:interface-endpoint-az-hour', what: 'interface endpoint AZ' }]);
    }
    case 'aws_eks_node_group': {
      const desired = num(valueAt(a, 'scaling_config.desired_size'));
      const types = a.instance_types;
      const type = Array.isArray(types) && types.length > 0 ? literal(types[0]) : 't3.medium';
      if (desired === undefined || type === undefined) return e.skip(r, 'desired size or instance type is an expression');
      const volume = launchTemplateVolume(r, stack) ?? { gb: num(a.disk_size) ?? 20, type: 'gp3' };
      return e.add(r, [
        { count: desired, key: `ec2:${type}`, what: `${type}${a.capacity_type === 'SPOT' ? ' (spot priced at on-demand)' : ''}` },
        { count: desired * volume.gb, key: `ebs:${volume.type}-gb-month`, what: `GiB ${volume.type}` },
      ]);
    }
    case 'aws_instance': {
      const type = literal(a.instance_type);
      return type ? e.add(r, [{ count: 1, key: `ec2:${type}`, what: type }]) : e.skip(r, 'instance_type is an expression');
    }
    case 'aws_db_instance': {
      const cls = literal(a.instance_class);
      const gb = num(a.allocated_storage);
      if (!cls || gb === undefined) return e.skip(r, 'instance_class or allocated_storage is an expression');
      const azs = a.multi_az === true || a.multi_az === 'true' ? 2 : 1;
      const storage = literal(a.storage_type) ?? 'gp2';
      return e.add(r, [
        { count: azs, key: `rds:${cls}`, what: `${cls}${azs === 2 ? ' (multi-AZ)' : ''}` },
        { count: azs * gb, key: `rds-storage:${storage}-gb-month`, what: `GiB ${storage}` },
      ]);
    }
    case 'aws_elasticache_replication_group':
    case 'aws_elasticache_cluster': {
      const node = literal(a.node_type);
      const nodes =
        r.type === 'aws_elasticache_cluster'
          ? num(a.num_cache_nodes) ?? 1
          : num(a.num_cache_clusters) ?? (num(a.num_node_groups) ?? 1) * ((num(a.replicas_per_node_group) ?? 0) + 1);
      return node ? e.add(r, [{ count: nodes, key: `elasticache:${node}`, what: node }]) : e.skip(r, 'node_type is an expression');
    }
    case 'aws_ebs_volume': {
      const gb = num(a.size);
      const type = literal(a.type) ?? 'gp2';
      return gb === undefined ? e.skip(r, 'size unknown (from a snapshot or an expression)') : e.add(r, [{ count: gb, key: `ebs:${type}-gb-month`, what: `GiB ${type}` }]);
    }
    case 'kubernetes_persistent_volume_claim':
    case 'kubernetes_persistent_volume_claim_v1': {
      const gib = quantityToGiB(valueAt(a, 'spec.resources.requests.storage'));
      return gib === undefined ? e.skip(r, 'storage request unknown') : e.add(r, [{ count: gib, key: 'ebs:gp3-gb-month', what: 'GiB (assumed EBS gp3)' }]);
    }
    case 'aws_lb':
    case 'aws_alb': {
      const kind = a.load_balancer_type ?? 'application';
      const key = kind === 'network' ? 'elb:nlb-hour' : kind === 'application' ? 'elb:alb-hour' : undefined;
      return key ? e.add(r, [{ count: 1, key, what: `${String(kind)} load balancer` }]) : e.skip(r, `load balancer type ${String(kind)} not priced`);
    }
    case 'aws_elb':
      return e.add(r, [{ count: 1, key: 'elb:clb-hour', what: 'classic load balancer' }]);
    case 'kubernetes_service':
    case 'kubernetes_service_v1':
      if (valueAt(a, 'spec.type') !== 'LoadBalancer') return;
      return e.add(r, [{ count: 1, key: 'elb:nlb-hour', what: 'Service LoadBalancer (assumed NLB)' }]);
    case 'helm_release': {
      // only documents that can hold a LoadBalancer Service or a claim are parsed
      const docs = (Array.isArray(a.values) ? a.values : []).filter((d) => typeof d !== 'string' || HELM_COST_KEYS.test(d)).map(valuesDocument);
      const n = docs.reduce((s: number, v) => s + loadBalancerValueCount(v), 0);
      const claims: HelmClaim[] = [];
      docs.forEach((d) => helmClaims(d, '', 1, claims));
      claims.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
      const parts = n > 0 ? [{ count: n, key: 'elb:nlb-hour', what: 'Helm values LoadBalancer Service (assumed NLB)' }] : [];
      for (const c of claims) {
        const gib = quantityToGiB(c.quantity);
        if (gib === undefined) e.skip(r, `PVC size \`${String(c.quantity)}\` at \`${c.sizePath}\` is not a literal quantity`);
        else parts.push({ count: c.replicas * gib, key: 'ebs:gp3-gb-month', what: `GiB PVC \`${c.path}\` ${String(c.quantity)} × ${c.replicas} replica${c.replicas === 1 ? '' : 's'} (from Helm values, assumed EBS gp3)` });
      }
      return parts.length > 0 ? e.add(r, parts) : undefined;
    }
    case 'aws_kms_key':
      return e.add(r, [{ count: 1, key: 'kms:key-month', what: 'KMS key' }]);
    case 'aws_secretsmanager_secret':
      return e.add(r, [{ count: 1, key: 'secretsmanager:secret-month', what: 'secret' }]);
    case 'kubernetes_manifest':
      return burn(e, r);
    default:
      return;
  }
}

function burn(e: Estimator, r: SynthResource): void {
  const pool = nodePoolOf(r);
  if (!pool?.gpu) return;
  const base = { stack: r.stack, address: r.address, nodePool: pool.name, gpuLimit: pool.gpuLimit };
  if (pool.gpuLimit === undefined) {
    e.gpu.push({ ...base, notes: ['no `nvidia.com/gpu` limit: GPU spend is unbounded'] });
    return;
  }
  const limit = pool.gpuLimit;
  const admitted = allowedGpuInstances(pool).filter((t) => t.gpuCount <= limit);
  const notes: string[] = [];
  if (capacityTypes(pool).includes('spot')) notes.push('spot allowed: priced at on-demand (upper bound)');
  const priced = admitted
    .map((t) => ({ t, price: e.price(`ec2:${t.instanceType}`) }))
    .filter((x): x is { t: (typeof admitted)[number]; price: { usd: number; verified: boolean } } => x.price !== undefined);
  const missing = admitted.filter((t) => e.price(`ec2:${t.instanceType}`) === undefined).map((t) => t.instanceType);
  if (missing.length > 0) notes.push(`no price for ${missing.join(', ')}`);
  if (admitted.length === 0) {
    // Karpenter may still launch a type the catalog does not know: the spend is unknown, not zero.
    e.gpu.push({ ...base, lowerBound: true, notes: [...notes, 'no catalog GPU instance type fits the requirements and the limit'] });
    return;
  }
  if (priced.length === 0) {
    e.gpu.push({ ...base, lowerBound: true, notes });
    return;
  }
  const best = priced.reduce((m, x) => {
    const per = x.price.usd / x.t.gpuCount;
    const mPer = m.price.usd / m.t.gpuCount;
    return per > mPer || (per === mPer && x.t.instanceType < m.t.instanceType) ? x : m;
  });
  if (!best.price.verified) notes.push(`price of ${best.t.instanceType} unverified`);
  const perGpu = best.price.usd / best.t.gpuCount;
  e.gpu.push({ ...base, instanceType: best.t.instanceType, perGpuHourUsd: perGpu, hourlyUsd: limit * perGpu, ...(missing.length > 0 ? { lowerBound: true } : {}), notes });
}

/** Estimates idle $/month and max GPU $/hour of a synthesized output. */
export function estimateCost(out: SynthOutput, table: PriceTable): CostEstimate {
  const e = new Estimator(table);
  const excluded = new Set<string>();
  const regions = new Set<string>();
  for (const stack of out.stacks.values()) {
    if (stack.region) regions.add(stack.region);
    for (const r of stack.resources.values()) {
      priceResource(e, r, stack);
      const usage = USAGE_PRICED[r.type];
      if (usage && (r.type !== 'kubernetes_manifest' || nodePoolOf(r))) excluded.add(usage);
    }
  }
  const warnings = [...regions].filter((r) => r !== table.region).map((r) => `stacks run in ${r} but prices are for ${table.region}; pass --prices with a ${r} table`);
  const byAddress = <T extends { stack: string; address: string }>(a: T, b: T): number => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return {
    priceTable: { region: table.region, date: table.date, sources: table.sources },
    regions: [...regions].sort(),
    idleMonthlyUsd: e.lines.reduce((s, l) => s + l.monthlyUsd, 0),
    idleLowerBound: e.unpriced.length > 0,
    lines: e.lines.sort(byAddress),
    unpriced: e.unpriced.sort(byAddress),
    excluded: [...excluded].sort(),
    gpu: e.gpu.sort(byAddress),
    gpuHourlyUsd: e.gpu.reduce((s, g) => s + (g.hourlyUsd ?? 0), 0),
    gpuLowerBound: e.gpu.some((g) => g.gpuLimit !== undefined && g.lowerBound === true),
    gpuUnbounded: e.gpu.some((g) => g.gpuLimit === undefined),
    warnings,
  };
}
