/**
 * Adds monitoring, drift detection and automated retraining to a stack set:
 * - cloud: the Grafana admin secret (`MonitoringCloud`), the Evidently token and the drift jobs'
 *   read-only data roles (`DriftMonitorCloud`);
 * - platform: kube-prometheus-stack (`Monitoring`), KEDA (`Keda`), the GPU dashboard, and the drift
 *   namespace with Evidently, the Pushgateway and the drift CronJobs (`DriftMonitorPlatform`);
 * - workloads: the GPU/serving alert rules (`MlopsAlertRules`), the KServe and Envoy PodMonitors
 *   (`InferenceMetricsMonitors`, sets that serve models), the Karpenter PodMonitor and Feast
 *   ServiceMonitor (`PlatformMetricsMonitors`), and the drift rules, Pushgateway ServiceMonitor and
 *   retraining ScaledJobs (`DriftMonitor`).
 *
 * Call after `set.connect(cluster)`, after the `DefaultStorageClass` (pass it in `dependsOn`) and —
 * for models with `retraining` — after the `GpuNodePool` they name (the scheduling contract checks
 * the retraining Job against the pools registered at that moment).
 */
import { ITerraformDependable } from 'cdktf';
import { Preset, StackSet } from '../../src/core';
import { AlertWebhook, DriftMonitor, DriftMonitorCloud, DriftMonitorPlatform, GpuDashboard, InferenceMetricsMonitors, Keda, MlopsAlertRules, MlopsAlertRulesProps, MonitoredModelSpec, Monitoring, MonitoringCloud, PlatformMetricsMonitors } from '../../src/monitoring';

/** What {@link addMonitoring} created, for other parts to use. */
export interface MonitoringHandle {
  readonly cloud: MonitoringCloud;
  /** kube-prometheus-stack: `prometheusUrl`, `namespaceName`. */
  readonly monitoring: Monitoring;
  readonly keda: Keda;
  readonly dashboard: GpuDashboard;
  readonly alertRules: MlopsAlertRules;
  /** PodMonitors of the KServe model servers and Envoy Gateway proxies (sets that serve models). */
  readonly inferenceMonitors?: InferenceMetricsMonitors;
  /** PodMonitors of Karpenter (NodePool usage and limits) and, when given, the Feast online server. */
  readonly platformMonitors: PlatformMetricsMonitors;
  readonly drift: { readonly cloud: DriftMonitorCloud; readonly platform: DriftMonitorPlatform; readonly monitor: DriftMonitor };
}

/** Options of {@link addMonitoring}. */
export interface MonitoringOptions {
  /** EKS cluster name (Pod Identity associations). */
  readonly clusterName: string;
  /** The monitored models (drift job, threshold, optional retraining on a GPU pool). */
  readonly models: readonly MonitoredModelSpec[];
  /** @default 'prod' */
  readonly preset?: Preset;
  /** Alert thresholds. @default MLOPS_ALERT_DEFAULTS */
  readonly alerts?: MlopsAlertRulesProps;
  /**
   * Namespaces whose pods may reach the Evidently UI/API (e.g. notebooks).
   * @default - none
   */
  readonly evidentlyClientNamespaces?: readonly string[];
  /**
   * CIDRs that may reach the Evidently UI directly (the VPC CIDR, for a front door's ALB).
   * @default - none
   */
  readonly evidentlyAllowedCidrs?: readonly string[];
  /**
   * Platform resources the monitoring release and the drift volumes wait for (the `DefaultStorageClass`).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Namespace of a Feast feature store to scrape (its `featureServer.metricsNamespaces` must admit
   * the monitoring namespace).
   * @default - none
   */
  readonly feastNamespace?: string;
  /**
   * Whether the set serves models (KServe, Envoy Gateway): adds their PodMonitors. A set without
   * serving gets none (they would select no pod).
   * @default true
   */
  readonly serving?: boolean;
  /**
   * Customer managed KMS key of the Grafana and Evidently secrets.
   * @default - the AWS managed key aws/secretsmanager
   */
  readonly kmsKeyArn?: string;
  /**
   * Alertmanager webhook receivers (e.g. `ArgoEventsCloud.alertWebhook`: the drift alert starts training pipelines).
   * @default - none
   */
  readonly alertWebhooks?: readonly AlertWebhook[];
}

/** Adds monitoring, one drift monitor and its retraining to `set`. */
export function addMonitoring(set: StackSet, options: MonitoringOptions): MonitoringHandle {
  const preset = options.preset;
  const cloud = new MonitoringCloud(set.cloud, 'monitoring', { preset, kmsKeyArn: options.kmsKeyArn });
  const driftCloud = new DriftMonitorCloud(set.cloud, 'drift', { clusterName: options.clusterName, models: options.models, preset, kmsKeyArn: options.kmsKeyArn });

  const monitoring = new Monitoring(set.platform, 'monitoring', { cloud, preset, dependsOn: options.dependsOn, alertWebhooks: options.alertWebhooks });
  const keda = new Keda(set.platform, 'keda', { preset });
  const dashboard = new GpuDashboard(set.platform, 'gpu-dashboard', { namespace: monitoring.namespaceName, dependsOn: [monitoring.namespace] });
  const driftPlatform = new DriftMonitorPlatform(set.platform, 'drift', {
    cloud: driftCloud,
    monitoringNamespace: monitoring.namespaceName,
    evidentlyClientNamespaces: options.evidentlyClientNamespaces,
    evidentlyAllowedCidrs: options.evidentlyAllowedCidrs,
    dependsOn: options.dependsOn,
  });

  const alertRules = new MlopsAlertRules(set.workloads, 'mlops-alerts', { ...options.alerts, namespace: monitoring.namespaceName });
  const inferenceMonitors = options.serving === false ? undefined : new InferenceMetricsMonitors(set.workloads, 'inference-monitors', { namespace: monitoring.namespaceName });
  const platformMonitors = new PlatformMetricsMonitors(set.workloads, 'platform-monitors', { namespace: monitoring.namespaceName, feastNamespace: options.feastNamespace });
  const monitor = new DriftMonitor(set.workloads, 'drift', { platform: driftPlatform, prometheusUrl: monitoring.prometheusUrl });
  return { cloud, monitoring, keda, dashboard, alertRules, inferenceMonitors, platformMonitors, drift: { cloud: driftCloud, platform: driftPlatform, monitor } };
}
