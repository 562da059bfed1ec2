/**
 * Constants of monitoring, drift detection and retraining: API versions and kinds of the custom
 * resources the constructs emit, install defaults, label keys, and the metric names the alert
 * rules, dashboard and retraining trigger query.
 *
 * Metric names and labels, with where they were checked:
 * - DCGM exporter (`DCGM_FI_PROF_GR_ENGINE_ACTIVE`, `DCGM_FI_DEV_FB_USED`, `DCGM_FI_DEV_FB_FREE`;
 *   labels `gpu`, `UUID`, `modelName`, `Hostname`; MIG instances add `GPU_I_ID` and `GPU_I_PROFILE`)
 *   — NVIDIA dcgm-exporter `etc/default-counters.csv` and `etc/dcp-metrics-included.csv` (both list
 *   them). Activity is `DCGM_FI_PROF_GR_ENGINE_ACTIVE` (a 0–1 ratio, Volta and newer): it is
 *   reported for whole GPUs and for each MIG instance, while `DCGM_FI_DEV_GPU_UTIL` reads 0 on MIG
 *   instances (dcgm-exporter issues #216, #430), which would make a busy MIG node look idle.
 * - kube-state-metrics (`kube_pod_status_phase`, `kube_pod_container_resource_requests` with the
 *   resource name sanitized: `nvidia.com/gpu` → `nvidia_com_gpu`, `nvidia.com/mig-1g.10gb` →
 *   `nvidia_com_mig_1g_10gb`).
 * - Karpenter v1 (`karpenter_nodepools_usage`, `karpenter_nodepools_limit`, labels `nodepool` and
 *   `resource_type`; the resource type is the resource name lower-cased with `-` → `_`, so
 *   `nvidia.com/gpu` stays `nvidia.com/gpu`) — kubernetes-sigs/karpenter
 *   `pkg/controllers/metrics/nodepool/controller.go` and the v1 migration table (v1beta1
 *   `karpenter_nodepool_usage` was renamed `karpenter_nodepools_usage`).
 * - KServe Python model servers (`request_predict_seconds` histogram, label `model_name`) —
 *   kserve `python/kserve/kserve/metrics.py`.
 * - Envoy Gateway proxies (`envoy_cluster_upstream_rq_xx{envoy_response_code_class}` and
 *   `envoy_cluster_upstream_rq_total`, label `envoy_cluster_name`, served on port 19001 at
 *   `/stats/prometheus`) — gateway.envoyproxy.io "Proxy Metrics" task (v1.9).
 */
import { K8S_LABELS, MLOPS_LABELS } from '../core/labels';

/** apiVersion of ServiceMonitor, PodMonitor and PrometheusRule (prometheus-operator). */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';
/** apiVersion of ScaledJob (KEDA). */
export const KEDA_API_VERSION = 'keda.sh/v1alpha1';

/** Kinds the monitoring constructs emit. */
export const MONITORING_KINDS = {
  serviceMonitor: 'ServiceMonitor',
  podMonitor: 'PodMonitor',
  prometheusRule: 'PrometheusRule',
  scaledJob: 'ScaledJob',
} as const;

/** Where and how the monitoring stack is installed by default. */
export const MONITORING_DEFAULTS = {
  /** Namespace of kube-prometheus-stack (Prometheus, Alertmanager, Grafana, the operator). */
  namespace: 'monitoring',
  /** Helm release name of kube-prometheus-stack. */
  releaseName: 'kube-prometheus-stack',
  /** Kubernetes Secret Grafana reads its admin user and password from. */
  grafanaAdminSecretName: 'grafana-admin',
  /** Keys of that Secret (the chart's `grafana.admin.userKey`/`passwordKey` defaults). */
  grafanaAdminUserKey: 'admin-user',
  grafanaAdminPasswordKey: 'admin-password',
  /** Grafana admin user name (not a secret). */
  grafanaAdminUser: 'admin',
  /** Prometheus retention by time. */
  retention: '15d',
  /** Prometheus retention by size (must stay below the volume size). */
  retentionSize: '45GB',
  /** Prometheus volume size. */
  prometheusStorage: '50Gi',
  /** Alertmanager volume size. */
  alertmanagerStorage: '5Gi',
  /** Storage class of the volumes (created by `DefaultStorageClass`: encrypted gp3). */
  storageClass: 'gp3-encrypted',
  /** In-cluster URL of Prometheus (the chart names its Service `<release>-prometheus`). */
  prometheusPort: 9090,
} as const;

/** The in-cluster URL of Prometheus for a release in a namespace. */
export function prometheusUrl(releaseName: string, namespace: string): string {
  return `http://${releaseName}-prometheus.${namespace}.svc:${MONITORING_DEFAULTS.prometheusPort}`;
}

/** Where and how KEDA is installed by default. */
export const KEDA_DEFAULTS = { namespace: 'keda', releaseName: 'keda' } as const;

/** Label the Grafana dashboard sidecar looks for (chart default `grafana.sidecar.dashboards.label`). */
export const GRAFANA_DASHBOARD_LABEL = { key: 'grafana_dashboard', value: '1' } as const;

/** Label keys the monitoring constructs put on what they create. */
export const MONITORING_LABELS = {
  component: MLOPS_LABELS.component,
  model: MLOPS_LABELS.model,
  name: K8S_LABELS.name,
} as const;

/** Metric names the rules and dashboards use (see the file comment for where each was checked). */
export const METRICS = {
  dcgmGrEngineActive: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
  dcgmFbUsed: 'DCGM_FI_DEV_FB_USED',
  dcgmFbFree: 'DCGM_FI_DEV_FB_FREE',
  podPhase: 'kube_pod_status_phase',
  podRequests: 'kube_pod_container_resource_requests',
  nodePoolUsage: 'karpenter_nodepools_usage',
  nodePoolLimit: 'karpenter_nodepools_limit',
  kservePredictSeconds: 'request_predict_seconds',
  envoyUpstreamRqXx: 'envoy_cluster_upstream_rq_xx',
  envoyUpstreamRqTotal: 'envoy_cluster_upstream_rq_total',
  /** Envoy's upstream request time histogram (milliseconds). */
  envoyUpstreamRqTime: 'envoy_cluster_upstream_rq_time',
} as const;

/** kube-state-metrics' names of the GPU extended resources (regex for `resource=~`). */
export const KSM_GPU_RESOURCE_REGEX = 'nvidia_com_gpu|nvidia_com_mig.*';

/**
 * Metrics the drift job pushes (to the Pushgateway, grouping `job="drift", model="<name>"`) and the
 * one the retraining Job pushes when it starts. The drift job (user code) must push the first two
 * with exactly these names; the library pushes the third itself.
 */
export const DRIFT_METRICS = {
  /** Share of drifted columns (0–1), Evidently's `DriftedColumnsCount(...).share`. */
  shareOfDriftedColumns: 'mlops_drift_share_of_drifted_columns',
  /** Per-feature drift score, label `feature`. */
  featureScore: 'mlops_drift_feature_score',
  /** Unix time a retraining run started (pushed by the retraining Job's init container). */
  retrainStarted: 'mlops_retrain_started_timestamp_seconds',
} as const;

/** Pushgateway grouping `job` labels. */
export const PUSH_JOBS = { drift: 'drift', retrain: 'retrain' } as const;

/** Name of the drift alert (the retraining trigger reads its `ALERTS` series). */
export const DRIFT_ALERT_NAME = 'MlopsModelDrift';

/** Where the drift service (Evidently, Pushgateway, drift jobs) runs by default. */
export const DRIFT_DEFAULTS = {
  namespace: 'mlops-drift',
  evidentlyName: 'evidently',
  evidentlyPort: 8000,
  evidentlyWorkspace: '/workspace',
  evidentlyStorage: '20Gi',
  /** Kubernetes Secret holding `EVIDENTLY_SECRET` (the token API clients send). */
  evidentlySecretName: 'evidently-secret',
  evidentlySecretKey: 'token',
  pushgatewayName: 'pushgateway',
  pushgatewayPort: 9091,
} as const;

/** Environment variables the library gives the drift and training containers. */
export const DRIFT_ENV = {
  model: 'MLOPS_MODEL',
  referenceUri: 'MLOPS_REFERENCE_DATA_URI',
  currentUri: 'MLOPS_CURRENT_DATA_URI',
  pushgatewayUrl: 'MLOPS_PUSHGATEWAY_URL',
  pushJob: 'MLOPS_PUSHGATEWAY_JOB',
  evidentlyUrl: 'EVIDENTLY_URL',
  evidentlySecret: 'EVIDENTLY_SECRET',
  evidentlyProject: 'EVIDENTLY_PROJECT',
  mlflowTrackingUri: 'MLFLOW_TRACKING_URI',
  mlflowModelName: 'MLFLOW_REGISTERED_MODEL_NAME',
} as const;
