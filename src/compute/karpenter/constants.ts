/**
 * Names Karpenter's AWS side and its Helm release agree on, and the custom resource API versions.
 * (Karpenter's well-known label keys are `KARPENTER_LABELS` of src/core/labels.ts.)
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
