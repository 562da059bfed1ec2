/**
 * Adds the NVIDIA GPU operator, and the MIG manager's config when there are MIG pools, to the
 * platform stack of a stack set. The MIG layouts are declared once, in the `MigConfiguration`
 * ({@link addMigConfiguration}); the MIG node pools (workloads layer, `GpuNodePool`) take theirs with
 * `configuration.pool(<configName>)`, label their nodes `nvidia.com/mig.config=<configName>` and emit
 * the `MigNodeOverlay` that lets them scale from zero (Karpenter needs the `NodeOverlay` feature
 * gate: `new Karpenter(…, { featureGates: ['nodeOverlay'] })` or `karpenter.enableFeatureGate('nodeOverlay')`).
 */
import { ITerraformDependable } from 'cdktf';
import { GpuAmiFamily, MigConfiguration, MigPoolSpec, NvidiaGpuOperator, TimeSlicingConfig } from '../../src/compute';
import { StackSet } from '../../src/core';

/**
 * The reference MIG layout: one A100 40GB (p4d.24xlarge) split like gpu-operator's `all-balanced`
 * config — 1 × 3g.20gb, 1 × 2g.10gb, 2 × 1g.5gb per GPU (8 GPUs: 8, 8 and 16 slices per node).
 */
export const REFERENCE_MIG_POOL: MigPoolSpec = {
  configName: 'a100-balanced',
  gpu: 'A100-40GB',
  layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 },
};

/** Options of {@link addGpuOperator}. */
export interface GpuOperatorOptions {
  /**
   * The MIG manager's config (from {@link addMigConfiguration}); its pools' `GpuNodePool`s take their
   * layouts from it.
   * @default - none: no MIG manager
   */
  readonly mig?: MigConfiguration;
  /**
   * AMI family of the GPU node pools (MIG and time-slicing need 'al2023').
   * @default 'al2023'
   */
  readonly amiFamily?: GpuAmiFamily;
  /**
   * Time-slicing of whole GPUs.
   * @default - none
   */
  readonly timeSlicing?: TimeSlicingConfig;
  /**
   * DCGM exporter ServiceMonitor; only when the Prometheus Operator CRDs are installed.
   * @default false
   */
  readonly serviceMonitor?: boolean;
  /**
   * Labels on the ServiceMonitor (e.g. `{ release: 'kube-prometheus-stack' }`).
   * @default {}
   */
  readonly serviceMonitorLabels?: Record<string, string>;
  /**
   * Resources the operator's release waits for (the kube-prometheus-stack release with `serviceMonitor`).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** What {@link addGpuOperator} created. */
export interface GpuOperatorHandle {
  /** The operator (platform layer). */
  readonly operator: NvidiaGpuOperator;
  /** The MIG manager's ConfigMap (platform layer), when there are MIG pools. */
  readonly mig?: MigConfiguration;
}

/**
 * The MIG manager's config with the layouts of the app's MIG pools, in `set.platform` (call after
 * `set.connect(cluster)`); undefined when there are none.
 */
export function addMigConfiguration(set: StackSet, pools: readonly MigPoolSpec[]): MigConfiguration | undefined {
  return pools.length > 0 ? new MigConfiguration(set.platform, 'mig-config', { pools }) : undefined;
}

/** Adds the GPU operator (with the MIG config, if any) to `set.platform`; call after `set.connect(cluster)`. */
export function addGpuOperator(set: StackSet, options: GpuOperatorOptions = {}): GpuOperatorHandle {
  const mig = options.mig;
  const operator = new NvidiaGpuOperator(set.platform, 'gpu-operator', {
    amiFamily: options.amiFamily,
    mig,
    timeSlicing: options.timeSlicing,
    serviceMonitor: options.serviceMonitor,
    serviceMonitorLabels: options.serviceMonitorLabels,
    dependsOn: options.dependsOn,
  });
  return { operator, mig };
}
