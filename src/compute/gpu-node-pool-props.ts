/**
 * Props, defaults and the props schema of `GpuNodePool`.
 */
import { z } from 'zod';
import { IClusterRef } from '../core/layers/cluster-connection';
import { Schemas } from '../core/schemas';
import { GPU_FAMILIES, GPU_INSTANCE_TYPES, GpuName } from './gpu-instances';
import { migPoolSpecSchema } from './mig/mig-configuration';
import { MIG_CONFIG_LABEL, MigPoolSpec } from './mig/types';
import { Taint } from './scheduling/types';
import { MLOPS_LABELS, NODE_ROLES } from '../core/labels';

/** Karpenter capacity types (`karpenter.sh/capacity-type`). */
export type CapacityType = 'spot' | 'on-demand' | 'reserved';

/** EKS-optimized AMI families a pool can run (pinned aliases in `AMI_ALIASES`). */
export type GpuAmiFamily = 'al2023' | 'bottlerocket';

/** Karpenter disruption reasons a budget can apply to. */
export type DisruptionReason = 'Underutilized' | 'Empty' | 'Drifted';

/** One disruption budget (`spec.disruption.budgets[]`). */
export interface DisruptionBudget {
  /** Nodes (`"1"`) or share of nodes (`"20%"`) that may be disrupted at once. */
  readonly nodes: string;
  /** @default - all reasons */
  readonly reasons?: readonly DisruptionReason[];
  /** Cron schedule of when the budget is active; needs `duration`. @default - always */
  readonly schedule?: string;
  /** How long the budget is active after each schedule hit (`30m`, `8h`). @default - always */
  readonly duration?: string;
}

/** GPU requirements by Karpenter's well-known instance labels. */
export interface GpuRequirements {
  /** GPU models (`karpenter.k8s.aws/instance-gpu-name`). @default - any NVIDIA GPU */
  readonly names?: readonly GpuName[];
  /** Fewest GPUs per instance. @default 1 */
  readonly minCount?: number;
  /** Most GPUs per instance. @default - no maximum */
  readonly maxCount?: number;
  /** Least memory per GPU, in GiB. @default - no minimum */
  readonly minMemoryGiB?: number;
}

/** The pool's ceiling on what Karpenter may launch. `gpu` is required: no unbounded GPU spend. */
export interface GpuPoolLimits {
  /** Most `nvidia.com/gpu` across the pool's nodes. */
  readonly gpu: number;
  /** Most vCPUs across the pool's nodes (quantity, e.g. `"512"`). @default - no CPU limit */
  readonly cpu?: string;
  /** Most memory across the pool's nodes (quantity, e.g. `"4Ti"`). @default - no memory limit */
  readonly memory?: string;
}

/** What Karpenter needs of its AWS side to launch nodes. */
export interface KarpenterNodeRoleRef {
  /** Name of the node IAM role (`KarpenterAws.nodeRoleName`). */
  readonly nodeRoleName: string;
}

/** Props of `GpuNodePool`. */
export interface GpuNodePoolProps {
  /** The node role: a `KarpenterAws` (cloud layer), or `{ nodeRoleName }` of an existing install. */
  readonly karpenter: KarpenterNodeRoleRef;
  /**
   * The cluster (subnet and security group selectors come from it).
   * @default - the cluster of the enclosing `WorkloadsStack`
   */
  readonly cluster?: IClusterRef;
  /**
   * Name of the NodePool and its EC2NodeClass.
   * @default - the construct id
   */
  readonly name?: string;
  /** Instance families (e.g. `['g6e', 'g5']`). @default - none (give families, types or `gpu`) */
  readonly instanceFamilies?: readonly string[];
  /** Exact instance types (e.g. `['p5.48xlarge']`). @default - none */
  readonly instanceTypes?: readonly string[];
  /** GPU requirements by Karpenter's GPU labels. @default - none */
  readonly gpu?: GpuRequirements;
  /**
   * Capacity types. With `spot` and `on-demand` together Karpenter launches Spot and falls back to
   * on-demand when Spot has no capacity (and `reserved` first, when listed and reserved capacity
   * is selected).
   * @default ['spot', 'on-demand']
   */
  readonly capacityTypes?: readonly CapacityType[];
  /** Ceiling on GPUs (required), CPU and memory. */
  readonly limits: GpuPoolLimits;
  /**
   * `WhenEmpty` removes a node only when no pod runs on it; `WhenEmptyOrUnderutilized` also
   * repacks pods to fewer nodes (restarts model servers).
   * @default 'WhenEmpty'
   */
  readonly consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  /**
   * How long a node stays empty (or underutilized) before Karpenter removes it.
   * @default GPU_NODE_POOL_DEFAULTS.consolidateAfter ('5m')
   */
  readonly consolidateAfter?: string;
  /**
   * Disruption budgets.
   * @default GPU_NODE_POOL_DEFAULTS.budgets (all empty nodes at once; one node at a time for drift and repacking)
   */
  readonly budgets?: readonly DisruptionBudget[];
  /**
   * Node lifetime before replacement (`Never` to keep nodes).
   * @default '720h'
   */
  readonly expireAfter?: string;
  /**
   * Longest drain before a disrupted node is terminated anyway.
   * @default - wait for pods indefinitely
   */
  readonly terminationGracePeriod?: string;
  /**
   * Taints of the pool's nodes.
   * @default [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]
   */
  readonly taints?: readonly Taint[];
  /** Extra labels of the pool's nodes. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Priority among pools that fit a pod (1–100, higher first).
   * @default - none
   */
  readonly weight?: number;
  /**
   * AMI family (pinned alias from `AMI_ALIASES`; Karpenter picks the NVIDIA variant for GPU instances).
   * @default 'al2023'
   */
  readonly amiFamily?: GpuAmiFamily;
  /**
   * Exact AMI alias (`family@version`, never `latest`) instead of the pinned one.
   * @default - AMI_ALIASES[amiFamily]
   */
  readonly amiAlias?: string;
  /**
   * IMDSv2 hop limit: 1 keeps containers away from the node's credentials (pods use Pod Identity).
   * @default 1
   */
  readonly metadataHopLimit?: 1 | 2;
  /**
   * Size of the encrypted gp3 volume that holds images and ephemeral storage (model server images
   * are tens of GiB).
   * @default 200
   */
  readonly volumeSizeGiB?: number;
  /** KMS key for the volume. @default - the account's default EBS key */
  readonly volumeKmsKeyId?: string;
  /**
   * Stripe the instance's NVMe instance store (g5, g6, g6e, p4d, p5 have it) as RAID0 and put
   * images and ephemeral storage there.
   * @default false
   */
  readonly instanceStoreRaid0?: boolean;
  /**
   * Partition the pool's GPUs with MIG (labels nodes `nvidia.com/mig.config=<configName>` and adds a
   * NodeOverlay so MIG pods scale the pool from zero).
   * @default - no MIG
   */
  readonly mig?: MigPoolSpec;
}

/** Taint every GPU pool carries unless told otherwise. */
export const GPU_TAINT: Taint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' };

/** Labels the library puts on GPU pool nodes; workloads select on them. */
export const GPU_NODE_LABELS = {
  /** `gpu` on every GPU pool node. */
  role: MLOPS_LABELS.nodeRole,
  /** The pool's name; what `GpuNodePool.nodeSelector` selects. */
  pool: MLOPS_LABELS.gpuPool,
} as const;

/** Value of `GPU_NODE_LABELS.role`. */
export const GPU_NODE_ROLE = NODE_ROLES.gpu;

/** Defaults of `GpuNodePool`. */
export const GPU_NODE_POOL_DEFAULTS = {
  capacityTypes: ['spot', 'on-demand'] as readonly CapacityType[],
  consolidationPolicy: 'WhenEmpty' as const,
  consolidateAfter: '5m',
  budgets: [
    { nodes: '100%', reasons: ['Empty'] },
    { nodes: '1', reasons: ['Drifted', 'Underutilized'] },
  ] as readonly DisruptionBudget[],
  expireAfter: '720h',
  amiFamily: 'al2023' as GpuAmiFamily,
  metadataHopLimit: 1 as const,
  volumeSizeGiB: 200,
};

/** Above this many GPUs `limits.gpu` no longer bounds spend in practice: a warning says so. */
export const GPU_LIMIT_WARNING_THRESHOLD = 1024;

/** Label domains Karpenter's NodePool CRD refuses on node labels (and `kubernetes.io/hostname`); Karpenter sets the few keys of them it allows. */
const RESTRICTED_LABEL_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws'];

const durationOrNever = z.string().regex(/^(([0-9]+(s|m|h))+|Never)$/, { message: 'is not a duration; use e.g. "30s", "5m", "720h" or "Never"' });

const taintSchema = Schemas.props<Taint>()({
  key: Schemas.labelKey(),
  // Karpenter's CRD pattern wants at least one character; a taint without value leaves `value` out.
  value: Schemas.labelValue().refine((v) => v !== '', { message: 'is empty; leave value out for a taint without a value' }).optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], { message: 'must be NoSchedule, PreferNoSchedule or NoExecute' }),
});

const budgetSchema = Schemas.props<DisruptionBudget>()({
  nodes: z.string().regex(/^((100|[0-9]{1,2})%|[0-9]+)$/, { message: 'is not a node count or percentage; use e.g. "1" or "20%"' }),
  reasons: z.array(z.enum(['Underutilized', 'Empty', 'Drifted'], { message: 'is not a disruption reason; use Underutilized, Empty or Drifted' })).min(1).optional(),
  schedule: Schemas.cron().optional(),
  duration: z.string().regex(/^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/, { message: 'is not a budget duration; use minutes or hours, e.g. "30m" or "8h"' }).optional(),
}).superRefine((b, ctx) => {
  if ((b.schedule === undefined) !== (b.duration === undefined)) {
    const [has, missing] = b.schedule === undefined ? ['duration', 'schedule'] : ['schedule', 'duration'];
    ctx.addIssue({
      code: 'custom',
      path: [has],
      message: `needs ${missing} too (Karpenter's CRD: 'schedule' must be set with 'duration'); give both, e.g. schedule "0 9 * * 1-5" with duration "8h", or neither for an always-active budget`,
    });
  }
});

export const gpuNodePoolSchema = Schemas.props<GpuNodePoolProps>()({
  karpenter: Schemas.construct('a KarpenterAws (or { nodeRoleName } of an existing install)', {
    nodeRoleName: z.string({ message: 'is required; pass KarpenterAws (or the node role name)' }).min(1, { message: 'is empty; pass KarpenterAws (or the node role name)' }),
  }),
  cluster: Schemas.construct('a ClusterRef', { clusterName: z.string() }).optional(),
  name: Schemas.k8sName().optional(),
  instanceFamilies: z
    .array(z.string().refine((f) => GPU_FAMILIES.includes(f), { message: `is not a known NVIDIA GPU instance family; use one of ${GPU_FAMILIES.join(', ')}` }))
    .min(1, { message: 'is empty; list families or omit the prop' })
    .optional(),
  instanceTypes: z
    .array(z.string().refine((t) => t in GPU_INSTANCE_TYPES, { message: 'is not a known NVIDIA GPU instance type; use e.g. "g6e.xlarge" or "p5.48xlarge" (see GPU_INSTANCE_TYPES)' }))
    .min(1, { message: 'is empty; list instance types or omit the prop' })
    .optional(),
  gpu: Schemas.props<GpuRequirements>()({
    names: z.array(z.enum(['t4', 'a10g', 'l4', 'l40s', 'a100', 'h100', 'h200', 'b200'], { message: 'is not a GPU name Karpenter reports; use t4, a10g, l4, l40s, a100, h100, h200 or b200' })).min(1).optional(),
    minCount: Schemas.positiveInt('GPU count').optional(),
    maxCount: Schemas.positiveInt('GPU count').optional(),
    minMemoryGiB: Schemas.positiveInt('GPU memory in GiB').optional(),
  }).optional(),
  capacityTypes: z
    .array(z.enum(['spot', 'on-demand', 'reserved'], { message: 'is not a capacity type; use "spot", "on-demand" or "reserved"' }))
    .min(1, { message: 'is empty; use e.g. ["spot", "on-demand"]' })
    .refine((c) => new Set(c).size === c.length, { message: 'lists a capacity type twice; give each once' })
    .optional(),
  limits: Schemas.props<GpuPoolLimits>()(
    {
      gpu: Schemas.positiveInt('number of GPUs'),
      cpu: Schemas.quantity().optional(),
      memory: Schemas.memory().optional(),
    },
    { message: 'is required; set limits: { gpu: <most GPUs the pool may run> } so GPU spend is bounded' },
  ),
  consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized'], { message: 'must be "WhenEmpty" or "WhenEmptyOrUnderutilized"' }).optional(),
  consolidateAfter: durationOrNever.optional(),
  budgets: z.array(budgetSchema).max(50, { message: 'has more than 50 budgets, the CRD maximum' }).optional(),
  expireAfter: durationOrNever.optional(),
  terminationGracePeriod: Schemas.duration().optional(),
  taints: z
    .array(taintSchema)
    .refine((t) => new Set(t.map((x) => `${x.key}:${x.effect}`)).size === t.length, { message: 'has two taints with the same key and effect; Kubernetes keeps one per key and effect, give each once' })
    .optional(),
  labels: Schemas.labels()
    .superRefine((labels, ctx) => {
      for (const key of Object.keys(labels)) {
        // As the CRD: the part before the first "/" (the whole key without one) may not end with a restricted domain.
        const prefix = key.split('/')[0];
        const restricted = key === 'kubernetes.io/hostname' ? key : RESTRICTED_LABEL_DOMAINS.find((d) => prefix.endsWith(d));
        if (restricted !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `is in a label domain Karpenter's NodePool CRD refuses (${restricted}); use a label of your own domain` });
        } else if ((Object.values(GPU_NODE_LABELS) as string[]).includes(key) || key === MIG_CONFIG_LABEL) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is set by the pool itself (role, pool name, MIG config); leave it out' });
        }
      }
    })
    .optional(),
  weight: z.number().int().min(1, { message: 'is below 1; weights are 1-100' }).max(100, { message: 'is above 100; weights are 1-100' }).optional(),
  amiFamily: z.enum(['al2023', 'bottlerocket'], { message: 'must be "al2023" or "bottlerocket"' }).optional(),
  amiAlias: z
    .string()
    .max(30, { message: 'is longer than 30 characters (the CRD limit)' })
    .regex(/^(al2023|bottlerocket)@v[0-9][0-9.]*$/, { message: 'is not a pinned al2023/bottlerocket alias; use e.g. "al2023@v20251108" (never "latest": it rolls every node on each AMI release)' })
    .optional(),
  metadataHopLimit: z.union([z.literal(1), z.literal(2)], { message: 'must be 1 or 2; a larger hop limit lets containers reach the node role credentials' }).optional(),
  volumeSizeGiB: z.number().int().min(50, { message: 'is below 50 GiB; GPU AMIs and model server images need at least 50 GiB' }).max(16384, { message: 'is above 16384 GiB, the gp3 maximum' }).optional(),
  volumeKmsKeyId: z.string().min(1).optional(),
  instanceStoreRaid0: z.boolean().optional(),
  mig: migPoolSpecSchema().optional(),
});
