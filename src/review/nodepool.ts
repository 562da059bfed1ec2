/**
 * Karpenter NodePools in synthesized `kubernetes_manifest` resources: GPU limit, requirements,
 * and which GPU instance types of the library's catalog (src/compute/gpu-instances.ts) the
 * requirements admit. Evaluated from the manifest itself, so it works for pools not built with
 * this library.
 */
import { GPU_INSTANCE_TYPES, GpuInstanceType } from '../compute/gpu-instances';
import { valueAt } from './attributes';
import { SynthResource } from './types';
import { KARPENTER_LABELS } from '../core/labels';

/** Extended resource name of NVIDIA GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** Well-known node labels NodePool requirements select instances by. */
export const NODE_LABELS = {
  instanceType: KARPENTER_LABELS.instanceType,
  capacityType: KARPENTER_LABELS.capacityType,
  instanceFamily: KARPENTER_LABELS.instanceFamily,
  instanceCategory: KARPENTER_LABELS.instanceCategory,
  instanceGeneration: KARPENTER_LABELS.instanceGeneration,
  gpuName: KARPENTER_LABELS.gpuName,
  gpuCount: KARPENTER_LABELS.gpuCount,
  gpuMemory: KARPENTER_LABELS.gpuMemory,
  gpuManufacturer: KARPENTER_LABELS.gpuManufacturer,
} as const;

/** Requirement keys that decide which instances (and so which GPUs) a pool can launch. */
export const SELECTION_KEYS: readonly string[] = Object.values(NODE_LABELS);

/** A NodePool requirement. */
export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** What the review needs of a NodePool. */
export interface NodePoolInfo {
  readonly name: string;
  /** `spec.limits["nvidia.com/gpu"]`, undefined when unset. */
  readonly gpuLimit?: number;
  readonly requirements: readonly Requirement[];
  /** True when the pool is about GPUs (a GPU limit or a GPU requirement). */
  readonly gpu: boolean;
}

/** The NodePool in a `kubernetes_manifest`, or undefined for other resources. */
export function nodePoolOf(r: SynthResource | undefined): NodePoolInfo | undefined {
  if (!r || r.type !== 'kubernetes_manifest') return undefined;
  const m = r.attributes.manifest;
  const apiVersion = valueAt(m, 'apiVersion');
  if (valueAt(m, 'kind') !== 'NodePool' || typeof apiVersion !== 'string' || !apiVersion.startsWith('karpenter.sh/')) return undefined;
  const limits = valueAt(m, 'spec.limits');
  const rawLimit = typeof limits === 'object' && limits !== null ? (limits as Record<string, unknown>)[GPU_RESOURCE] : undefined;
  const gpuLimit = rawLimit === undefined ? undefined : Number.parseInt(String(rawLimit), 10);
  const rawReqs = valueAt(m, 'spec.template.spec.requirements');
  const requirements = (Array.isArray(rawReqs) ? rawReqs : []).map((q: Record<string, unknown>) => ({
    key: String(q.key),
    operator: String(q.operator),
    values: (Array.isArray(q.values) ? q.values : []).map(String),
  }));
  const gpuKeys: string[] = [NODE_LABELS.gpuName, NODE_LABELS.gpuCount, NODE_LABELS.gpuManufacturer, NODE_LABELS.gpuMemory];
  const gpu = gpuLimit !== undefined || requirements.some((q) => gpuKeys.includes(q.key));
  return { name: String(valueAt(m, 'metadata.name') ?? r.name), gpuLimit: Number.isNaN(gpuLimit) ? undefined : gpuLimit, requirements, gpu };
}

function labelValue(t: GpuInstanceType, key: string): string | number | undefined {
  switch (key) {
    case NODE_LABELS.instanceType:
      return t.instanceType;
    case NODE_LABELS.instanceFamily:
      return t.family;
    case NODE_LABELS.instanceCategory:
      return t.family.replace(/\d.*$/, '');
    case NODE_LABELS.instanceGeneration:
      return Number(/\d+/.exec(t.family)?.[0]);
    case NODE_LABELS.gpuName:
      return t.gpuName;
    case NODE_LABELS.gpuCount:
      return t.gpuCount;
    case NODE_LABELS.gpuMemory:
      return t.gpuMemoryMiB;
    case NODE_LABELS.gpuManufacturer:
      return 'nvidia';
    default:
      return undefined;
  }
}

function admits(t: GpuInstanceType, q: Requirement): boolean {
  const v = labelValue(t, q.key);
  if (v === undefined) return true; // a label the catalog does not model (arch, os, zone): not restrictive here
  const n = Number(q.values[0]);
  switch (q.operator) {
    case 'In':
      return q.values.includes(String(v));
    case 'NotIn':
      return !q.values.includes(String(v));
    case 'Exists':
      return true;
    case 'DoesNotExist':
      return false;
    case 'Gt':
      return Number(v) > n;
    case 'Lt':
      return Number(v) < n;
    case 'Gte':
      return Number(v) >= n;
    case 'Lte':
      return Number(v) <= n;
    default:
      return true;
  }
}

/** Catalog GPU instance types the pool's requirements admit (catalog order). */
export function allowedGpuInstances(pool: NodePoolInfo): GpuInstanceType[] {
  return Object.values(GPU_INSTANCE_TYPES).filter((t) => pool.requirements.every((q) => admits(t, q)));
}

/** Capacity types the pool allows (Karpenter's default is on-demand). */
export function capacityTypes(pool: NodePoolInfo): string[] {
  const q = pool.requirements.find((r) => r.key === NODE_LABELS.capacityType && r.operator === 'In');
  return q ? [...q.values].sort() : ['on-demand'];
}

/** A requirement as text, e.g. `karpenter.k8s.aws/instance-family In [g6e, p5]`. */
export function requirementText(q: Requirement): string {
  return q.values.length > 0 ? `${q.key} ${q.operator} [${[...q.values].sort().join(', ')}]` : `${q.key} ${q.operator}`;
}
