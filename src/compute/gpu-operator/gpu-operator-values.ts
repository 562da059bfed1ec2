/**
 * Helm values of the NVIDIA gpu-operator chart (v26.7.0) for EKS GPU AMIs, built as a typed object.
 * Every key exists in the pinned chart's values.yaml (checked by the contract test).
 *
 * What each EKS NVIDIA AMI ships (EKS user guide, "Use EKS-optimized accelerated AMIs"):
 * - AL2023 NVIDIA: driver, CUDA user-mode driver, container toolkit, fabric manager, persistenced —
 *   no device plugin. The operator runs the device plugin, GFD, DCGM exporter and MIG manager.
 * - Bottlerocket aws-k8s-*-nvidia: driver, toolkit, fabric manager, the NVIDIA k8s device plugin and
 *   a MIG manager run by the host. The operator must not run a second device plugin; MIG and
 *   time-slicing are Bottlerocket settings (`settings.kubelet-device-plugins.nvidia.*`) there.
 */
import { systemNodeSelector } from '../../core/labels';
import { PlainObject } from '../../core/merge';
import type { GpuAmiFamily } from '../gpu-node-pool-props';
import { DEVICE_PLUGIN_CONFIG_KEY, MIG_DISABLED_CONFIG, NVIDIA_GPU_TAINT_KEY } from './constants';

/** Requests and limits of one component. */
export interface ComponentResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Default requests/limits of the operator and its operands (the chart sets none for operands). */
export const DEFAULT_GPU_OPERATOR_RESOURCES = {
  operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  validator: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
  devicePlugin: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  gfd: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  dcgmExporter: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
  migManager: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
} as const satisfies Record<string, ComponentResources>;

/** Inputs of {@link gpuOperatorValues}. */
export interface GpuOperatorValuesInput {
  readonly amiFamily: GpuAmiFamily;
  /** Name of the MIG manager's ConfigMap; MIG (mixed strategy) is on when set. */
  readonly migConfigMapName?: string;
  /** Name of the device-plugin ConfigMap (time-slicing); undefined for none. */
  readonly devicePluginConfigMapName?: string;
  /** Whether the chart creates a ServiceMonitor for the DCGM exporter. */
  readonly serviceMonitor: boolean;
  /** Extra labels on that ServiceMonitor. */
  readonly serviceMonitorLabels: Readonly<Record<string, string>>;
  /** Node selector of the operator Deployment. @default - the system node group (`SYSTEM_NODE_LABEL`) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** Tolerations of the operands: they run on GPU nodes, tainted `nvidia.com/gpu=true:NoSchedule`. */
export const GPU_NODE_TOLERATIONS = [{ key: NVIDIA_GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }] as const;

/** The chart values for the given AMI family and features. */
export function gpuOperatorValues(input: GpuOperatorValuesInput): PlainObject {
  const r = DEFAULT_GPU_OPERATOR_RESOURCES;
  const hostDevicePlugin = input.amiFamily === 'bottlerocket';
  const mig = input.migConfigMapName !== undefined;
  return {
    operator: {
      nodeSelector: systemNodeSelector(input.nodeSelector),
      resources: r.operator,
    },
    // Operand DaemonSets (device plugin, GFD, DCGM exporter, MIG manager, validator) run on GPU nodes only:
    // the operator schedules them on nodes NFD labels `nvidia.com/gpu.present=true`; they tolerate the GPU taint.
    daemonsets: { tolerations: GPU_NODE_TOLERATIONS.map((t) => ({ ...t })) },
    // Both EKS NVIDIA AMIs ship the driver and the container toolkit.
    driver: { enabled: false },
    toolkit: { enabled: false },
    // The host toolkit runs containers through the nvidia runtime in legacy mode; CDI specs would come
    // from the operator's toolkit container, which is off.
    cdi: { enabled: false },
    validator: { resources: r.validator },
    devicePlugin: {
      enabled: !hostDevicePlugin,
      resources: r.devicePlugin,
      ...(input.devicePluginConfigMapName !== undefined ? { config: { create: false, name: input.devicePluginConfigMapName, default: DEVICE_PLUGIN_CONFIG_KEY } } : {}),
    },
    gfd: { enabled: true, resources: r.gfd },
    dcgmExporter: {
      enabled: true,
      resources: r.dcgmExporter,
      serviceMonitor: { enabled: input.serviceMonitor, additionalLabels: { ...input.serviceMonitorLabels } },
    },
    ...(mig ? { mig: { strategy: 'mixed' } } : {}),
    migManager: {
      enabled: mig,
      resources: r.migManager,
      ...(mig ? { config: { create: false, name: input.migConfigMapName, default: MIG_DISABLED_CONFIG } } : {}),
    },
  };
}

/** Time-slicing of whole GPUs by the device plugin. */
export interface TimeSlicingConfig {
  /** Pods that may share one GPU (each advertised GPU becomes this many `nvidia.com/gpu`). */
  readonly replicas: number;
  /**
   * Advertise shared GPUs as `nvidia.com/gpu.shared` instead of `nvidia.com/gpu`.
   * @default false
   */
  readonly renameByDefault?: boolean;
  /**
   * Reject pods asking for more than one shared GPU (they would get no more compute than one).
   * @default true
   */
  readonly failRequestsGreaterThanOne?: boolean;
}

/**
 * The device plugin's config file (k8s-device-plugin config `version: v1`) with time-slicing of
 * `nvidia.com/gpu`, and the MIG strategy the operator also passes to the plugin.
 */
export function devicePluginConfig(timeSlicing: TimeSlicingConfig, migStrategy: 'none' | 'mixed'): PlainObject {
  return {
    version: 'v1',
    flags: { migStrategy },
    sharing: {
      timeSlicing: {
        renameByDefault: timeSlicing.renameByDefault ?? false,
        failRequestsGreaterThanOne: timeSlicing.failRequestsGreaterThanOne ?? true,
        resources: [{ name: 'nvidia.com/gpu', replicas: timeSlicing.replicas }],
      },
    },
  };
}
