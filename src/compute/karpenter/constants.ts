/**
 * Names Karpenter's AWS side and its Helm release agree on, the custom resource API versions, and
 * the well-known label keys GPU node pools use.
 */

/** Where the controller runs and which service account its Pod Identity association binds. */
export const KARPENTER_DEFAULTS = {
  /**
   * Namespace of the controller. `kube-system`, as in Karpenter's getting-started guide: the
   * controller is cluster infrastructure and runs with `system-cluster-critical` priority.
   */
  namespace: 'kube-system',
  /** Service account of the controller (the chart's default full name for release `karpenter`). */
  serviceAccount: 'karpenter',
  /** Helm release names. */
  releaseName: 'karpenter',
  crdReleaseName: 'karpenter-crd',
} as const;

/** API versions of the Karpenter custom resources the library emits. */
export const KARPENTER_API = {
  nodePool: { apiVersion: 'karpenter.sh/v1', kind: 'NodePool' },
  ec2NodeClass: { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass' },
  nodeOverlay: { apiVersion: 'karpenter.sh/v1alpha1', kind: 'NodeOverlay' },
} as const;

/** Karpenter's well-known node labels (set by Karpenter on every node it launches). */
export const KARPENTER_LABELS = {
  nodePool: 'karpenter.sh/nodepool',
  capacityType: 'karpenter.sh/capacity-type',
  instanceType: 'node.kubernetes.io/instance-type',
  instanceFamily: 'karpenter.k8s.aws/instance-family',
  gpuName: 'karpenter.k8s.aws/instance-gpu-name',
  gpuCount: 'karpenter.k8s.aws/instance-gpu-count',
  gpuMemory: 'karpenter.k8s.aws/instance-gpu-memory',
  gpuManufacturer: 'karpenter.k8s.aws/instance-gpu-manufacturer',
  arch: 'kubernetes.io/arch',
  os: 'kubernetes.io/os',
} as const;

/** Tag (on subnets and security groups) Karpenter's selector terms look for. */
export const KARPENTER_DISCOVERY_TAG = 'karpenter.sh/discovery';

/**
 * Feature gates of the pinned chart (`settings.featureGates.<gate>` in its values.yaml). Only gates
 * a construct turns on are written to the values.
 */
export type KarpenterFeatureGate = 'nodeRepair' | 'nodeOverlay' | 'reservedCapacity' | 'spotToSpotConsolidation' | 'staticCapacity' | 'capacityBuffer';

/** Every gate of {@link KarpenterFeatureGate}, for validation. */
export const KARPENTER_FEATURE_GATES: readonly KarpenterFeatureGate[] = [
  'nodeRepair',
  'nodeOverlay',
  'reservedCapacity',
  'spotToSpotConsolidation',
  'staticCapacity',
  'capacityBuffer',
];
