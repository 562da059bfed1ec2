/**
 * `NvidiaGpuOperator` (platform layer): the NVIDIA GPU operator on EKS GPU AMIs.
 *
 * - Driver and container toolkit off (both EKS NVIDIA AMIs ship them); on Bottlerocket the device
 *   plugin is off too (the host runs it).
 * - Device plugin, GPU feature discovery and DCGM exporter on GPU nodes (they tolerate the
 *   `nvidia.com/gpu` taint); the operator Deployment on the system node group.
 * - MIG (AL2023 only): pass a `MigConfiguration`; the MIG manager reads it and the device plugin
 *   uses the `mixed` strategy (`nvidia.com/mig-<profile>` resources). Nodes pick a layout with the
 *   `nvidia.com/mig.config` label (GPU node pools set it); other GPU nodes get `all-disabled`.
 * - Time-slicing (AL2023 only): a device-plugin ConfigMap sharing each GPU `replicas` ways.
 * - DCGM exporter ServiceMonitor only when the caller says the Prometheus Operator CRDs
 *   (`monitoring.coreos.com`) are installed (`serviceMonitor: true`): the operator creates it at
 *   runtime, and without the CRD that fails.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart, toYaml } from '../../core/helm-chart';
import { requireLayer } from '../../core/layers/mlops-stack';
import { PlainObject } from '../../core/merge';
import { Schemas } from '../../core/schemas';
import { failProp, validateProps } from '../../core/validation';
import { CHARTS } from '../../core/versions';
import { MigConfiguration } from '../mig/mig-configuration';
import { DEFAULT_DEVICE_PLUGIN_CONFIG_MAP_NAME, DEFAULT_GPU_OPERATOR_NAMESPACE, DEFAULT_GPU_OPERATOR_RELEASE, DEVICE_PLUGIN_CONFIG_KEY, GPU_OPERATOR_LABELS } from './constants';
import type { GpuAmiFamily } from '../gpu-node-pool-props';
import { devicePluginConfig, gpuOperatorValues, TimeSlicingConfig } from './gpu-operator-values';
import { KubernetesConfigMapV1, KubernetesNamespaceV1 } from '../../core/resources/kubernetes-core';

/** Props of {@link NvidiaGpuOperator}. */
export interface NvidiaGpuOperatorProps {
  /**
   * AMI family of the GPU nodes (what the host already runs).
   * @default 'al2023'
   */
  readonly amiFamily?: GpuAmiFamily;
  /**
   * MIG layouts for the MIG manager (AL2023 only; on Bottlerocket MIG is a host setting).
   * @default - no MIG: MIG manager off, device plugin strategy unchanged
   */
  readonly mig?: MigConfiguration;
  /**
   * Share each whole GPU between `replicas` pods (AL2023 only; on Bottlerocket use
   * `settings.kubelet-device-plugins.nvidia.time-slicing`).
   * @default - no time-slicing
   */
  readonly timeSlicing?: TimeSlicingConfig;
  /**
   * Create a ServiceMonitor for the DCGM exporter. Set it only when the Prometheus Operator CRDs
   * (`monitoring.coreos.com`) are installed in the cluster.
   * @default false
   */
  readonly serviceMonitor?: boolean;
  /**
   * Labels on that ServiceMonitor (e.g. `{ release: 'kube-prometheus-stack' }` for the selector of a
   * kube-prometheus-stack Prometheus).
   * @default {}
   */
  readonly serviceMonitorLabels?: Record<string, string>;
  /**
   * Namespace of the operator (created by this construct).
   * @default 'gpu-operator'
   */
  readonly namespace?: string;
  /**
   * Helm values deep-merged over the library's.
   * @default - none
   */
  readonly overrides?: PlainObject;
  /**
   * Node selector of the operator Deployment (on a cluster the library did not create, select
   * your own system nodes).
   * @default { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Resources the release waits for, e.g. the kube-prometheus-stack release when `serviceMonitor`
   * is on (the operator creates its ServiceMonitor only if the CRD exists when it reconciles).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<NvidiaGpuOperatorProps>()({
  amiFamily: z.enum(['al2023', 'bottlerocket'], { message: 'is not a supported AMI family; use "al2023" or "bottlerocket"' }).optional(),
  mig: z
    .custom<MigConfiguration>((v) => v instanceof MigConfiguration, {
      message: "is not a MigConfiguration; create new MigConfiguration(platform, 'mig-config', { pools: [<your MIG pool specs>] }) and pass it",
    })
    .optional(),
  timeSlicing: Schemas.props<TimeSlicingConfig>()({
    replicas: z
      .number()
      .int({ message: 'must be a whole number; give how many pods share one GPU' })
      .min(2, { message: 'is under 2, which shares nothing; use 2 or more, or leave timeSlicing out' })
      .max(64, { message: 'is over 64; that many pods on one GPU starve each other, use 64 or fewer' }),
    renameByDefault: z.boolean().optional(),
    failRequestsGreaterThanOne: z.boolean().optional(),
  }).optional(),
  serviceMonitor: z.boolean().optional(),
  serviceMonitorLabels: Schemas.labels().optional(),
  namespace: Schemas.k8sName().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  nodeSelector: Schemas.labels().optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** The NVIDIA GPU operator Helm release and its namespace and ConfigMaps. */
export class NvidiaGpuOperator extends Construct {
  /** The operator's namespace. */
  public readonly namespace: KubernetesNamespaceV1;
  /** Name of the namespace. */
  public readonly namespaceName: string;
  /** The Helm release. */
  public readonly chart: HelmChart;
  /** The device-plugin ConfigMap (time-slicing), when any. */
  public readonly devicePluginConfigMap?: KubernetesConfigMapV1;
  /** The AMI family the values are for. */
  public readonly amiFamily: GpuAmiFamily;
  /** The MIG configuration, when any. */
  public readonly mig?: MigConfiguration;

  constructor(scope: Construct, id: string, props: NvidiaGpuOperatorProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'NvidiaGpuOperator');
    this.amiFamily = props.amiFamily ?? 'al2023';
    this.namespaceName = props.namespace ?? DEFAULT_GPU_OPERATOR_NAMESPACE;
    checkHostFeatures(this, this.amiFamily, props);
    if (props.mig && props.mig.namespace !== this.namespaceName) {
      failProp(this, 'mig', props.mig.node.path, `is in namespace "${props.mig.namespace}" but the operator runs in "${this.namespaceName}"; create the MigConfiguration with namespace "${this.namespaceName}" (the MIG manager reads its own namespace)`);
    }
    this.mig = props.mig;

    this.namespace = new KubernetesNamespaceV1(this, 'namespace', {
      metadata: {
        name: this.namespaceName,
        // Operands are privileged DaemonSets with host paths (device plugin, DCGM, MIG manager).
        labels: { ...GPU_OPERATOR_LABELS, 'pod-security.kubernetes.io/enforce': 'privileged' },
      },
    });
    props.mig?.placeAfter(this.namespace);
    if (props.timeSlicing) {
      this.devicePluginConfigMap = new KubernetesConfigMapV1(this, 'device-plugin-config', {
        metadata: { name: DEFAULT_DEVICE_PLUGIN_CONFIG_MAP_NAME, namespace: this.namespaceName, labels: { ...GPU_OPERATOR_LABELS } },
        data: { [DEVICE_PLUGIN_CONFIG_KEY]: toYaml(devicePluginConfig(props.timeSlicing, props.mig ? 'mixed' : 'none')) },
        dependsOn: [this.namespace],
      });
    }
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.gpuOperator,
      releaseName: DEFAULT_GPU_OPERATOR_RELEASE,
      namespace: this.namespaceName,
      values: gpuOperatorValues({
        amiFamily: this.amiFamily,
        migConfigMapName: props.mig?.configMapName,
        devicePluginConfigMapName: this.devicePluginConfigMap ? DEFAULT_DEVICE_PLUGIN_CONFIG_MAP_NAME : undefined,
        serviceMonitor: props.serviceMonitor ?? false,
        serviceMonitorLabels: props.serviceMonitorLabels ?? {},
        nodeSelector: props.nodeSelector,
      }),
      overrides: props.overrides,
      timeoutSeconds: 900,
      dependsOn: [
        this.namespace,
        ...(props.mig ? [props.mig.configMap] : []),
        ...(this.devicePluginConfigMap ? [this.devicePluginConfigMap] : []),
        ...(props.dependsOn ?? []),
      ],
    });
  }

  /** The Helm values as synthesized. */
  public get values(): PlainObject {
    return this.chart.values;
  }
}

/** On Bottlerocket the host runs the device plugin and applies MIG and time-slicing itself. */
function checkHostFeatures(scope: Construct, amiFamily: GpuAmiFamily, props: NvidiaGpuOperatorProps): void {
  if (amiFamily !== 'bottlerocket') return;
  if (props.mig) {
    failProp(
      scope,
      'mig',
      props.mig.node.path,
      'cannot be applied on Bottlerocket: its host device plugin and MIG manager own the GPUs; use amiFamily "al2023" for MIG pools, or set settings.kubelet-device-plugins.nvidia.device-sharing-strategy = "mig" and settings.kubelet-device-plugins.nvidia.mig.profile in the node class user data instead',
    );
  }
  if (props.timeSlicing) {
    failProp(
      scope,
      'timeSlicing',
      props.timeSlicing,
      'cannot be applied on Bottlerocket: the host runs the device plugin; set settings.kubelet-device-plugins.nvidia.device-sharing-strategy = "time-slicing" and settings.kubelet-device-plugins.nvidia.time-slicing.replicas in the node class user data, or use amiFamily "al2023"',
    );
  }
}
