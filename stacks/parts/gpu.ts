/**
 * Adds the GPU platform to a stack set: Karpenter's AWS side (node role, controller role,
 * interruption queue and rules) in the cloud layer, the Karpenter controller in the platform layer,
 * and a spot-first inference `GpuNodePool` (g6e/g5/g6) in the workloads layer.
 *
 * The NVIDIA GPU operator and the MIG pool are added by their own part (they take `karpenter` to
 * turn on the NodeOverlay feature gate with `karpenter.enableFeatureGate('nodeOverlay')`, and
 * `karpenterAws` for the node role). Call after `set.connect(cluster)`.
 */
import { EksCluster } from '../../src/cluster';
import { GpuNodePool, GpuNodePoolProps, Karpenter, KarpenterAws, KarpenterFeatureGate } from '../../src/compute';
import { StackSet } from '../../src/core';

/** What {@link addGpuCompute} created, for other parts to build on. */
export interface GpuCompute {
  /** Node role, controller role, queue, rules (cloud layer). */
  readonly karpenterAws: KarpenterAws;
  /** The Karpenter controller (platform layer). */
  readonly karpenter: Karpenter;
  /** The spot-first inference pool (workloads layer). */
  readonly inferencePool: GpuNodePool;
}

/** Options of {@link addGpuCompute}. */
export interface GpuComputeOptions {
  /** The cluster of the stack set (in `set.cloud`). */
  readonly cluster: EksCluster;
  /**
   * Most GPUs the inference pool may run at once.
   * @default 8
   */
  readonly inferenceGpuLimit?: number;
  /**
   * Overrides of the inference pool (selection, capacity types, disruption, …).
   * @default - g6e, g5 and g6; spot first, on-demand fallback
   */
  readonly inferencePool?: Partial<Omit<GpuNodePoolProps, 'karpenter'>>;
  /**
   * Karpenter feature gates to turn on.
   * @default - none
   */
  readonly featureGates?: readonly KarpenterFeatureGate[];
}

/** Instance families of the reference inference pool (L40S, A10G, L4: 24–48 GB per GPU). */
export const INFERENCE_POOL_FAMILIES = ['g6e', 'g5', 'g6'] as const;

/** Adds Karpenter and a spot-first GPU inference pool to `set`. */
export function addGpuCompute(set: StackSet, options: GpuComputeOptions): GpuCompute {
  const karpenterAws = new KarpenterAws(set.cloud, 'karpenter', { cluster: options.cluster });
  const karpenter = new Karpenter(set.platform, 'karpenter', { aws: karpenterAws, featureGates: options.featureGates });
  const inferencePool = new GpuNodePool(set.workloads, 'gpu-inference', {
    instanceFamilies: [...INFERENCE_POOL_FAMILIES],
    capacityTypes: ['spot', 'on-demand'],
    ...options.inferencePool,
    limits: options.inferencePool?.limits ?? { gpu: options.inferenceGpuLimit ?? 8 },
    karpenter: karpenterAws,
  });
  return { karpenterAws, karpenter, inferencePool };
}
