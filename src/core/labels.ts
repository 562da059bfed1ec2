/**
 * Label (and tag) keys the library writes or selects on, in one place: Kubernetes' well-known labels,
 * Karpenter's, and the library's own `mlops.cdktf.io/*`; and the selector of the system nodes, where
 * the controllers run. (No cdktf import: the review CLI reads NodePools with these keys too.)
 */

/** Kubernetes' well-known and recommended label keys. */
export const K8S_LABELS = {
  os: 'kubernetes.io/os',
  arch: 'kubernetes.io/arch',
  hostname: 'kubernetes.io/hostname',
  zone: 'topology.kubernetes.io/zone',
  region: 'topology.kubernetes.io/region',
  instanceType: 'node.kubernetes.io/instance-type',
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** Karpenter's well-known node labels (set by Karpenter on every node it launches). */
export const KARPENTER_LABELS = {
  nodePool: 'karpenter.sh/nodepool',
  capacityType: 'karpenter.sh/capacity-type',
  instanceType: K8S_LABELS.instanceType,
  instanceFamily: 'karpenter.k8s.aws/instance-family',
  instanceCategory: 'karpenter.k8s.aws/instance-category',
  instanceGeneration: 'karpenter.k8s.aws/instance-generation',
  gpuName: 'karpenter.k8s.aws/instance-gpu-name',
  gpuCount: 'karpenter.k8s.aws/instance-gpu-count',
  gpuMemory: 'karpenter.k8s.aws/instance-gpu-memory',
  gpuManufacturer: 'karpenter.k8s.aws/instance-gpu-manufacturer',
  arch: K8S_LABELS.arch,
  os: K8S_LABELS.os,
} as const;

/** Tag (on subnets and security groups) Karpenter's selector terms look for. */
export const KARPENTER_DISCOVERY_TAG = 'karpenter.sh/discovery';

/** The library's own label keys. */
export const MLOPS_LABELS = {
  /** What a node is for: `system` (the controllers) or `gpu` (GPU pools). */
  nodeRole: 'mlops.cdktf.io/node-role',
  /** The GPU pool a node belongs to; what `GpuNodePool.nodeSelector` selects. */
  gpuPool: 'mlops.cdktf.io/gpu-pool',
  /** The component a namespace or pod belongs to (`mlflow`, `feast`, `vectordb`, …). */
  component: 'mlops.cdktf.io/component',
  /** The monitored model of a drift job. */
  model: 'mlops.cdktf.io/model',
} as const;

/** Values of `MLOPS_LABELS.nodeRole`. */
export const NODE_ROLES = { system: 'system', gpu: 'gpu' } as const;

/**
 * The label of the system nodes: `EksCluster` puts it on its system node group, and every controller
 * the library installs selects it unless given a `nodeSelector` of its own. On a cluster you run,
 * label your controller nodes with it.
 */
export const SYSTEM_NODE_LABEL = { key: MLOPS_LABELS.nodeRole, value: NODE_ROLES.system } as const;

/**
 * The node selector of a controller: `kubernetes.io/os: linux` (the images are Linux-only, and a
 * cluster may have Windows nodes) plus the system node label, or plus `override` when given.
 */
export function systemNodeSelector(override?: Readonly<Record<string, string>>): Record<string, string> {
  return { [K8S_LABELS.os]: 'linux', ...(override ?? { [SYSTEM_NODE_LABEL.key]: SYSTEM_NODE_LABEL.value }) };
}
