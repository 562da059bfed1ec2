/**
 * Constants of continuous training: Argo Workflows and Argo Events API names and install defaults,
 * labels, ports, the metric names the pinned controller exports, and the step contract's paths.
 *
 * Facts checked against the pinned sources:
 * - Argo Workflows v4.0.6 (argoproj/argo-workflows tag v4.0.6) and its chart argo-workflows 1.0.18
 *   (argoproj/argo-helm tag argo-workflows-1.0.18);
 * - Argo Events v1.9.10 (argoproj/argo-events tag v1.9.10) and its chart argo-events 2.4.22.
 */
import { MLOPS_LABELS } from '../core/labels';

/** apiVersion of every Argo Workflows and Argo Events kind. */
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/** Kinds the pipeline constructs emit. */
export const ARGO_KINDS = {
  workflow: 'Workflow',
  workflowTemplate: 'WorkflowTemplate',
  eventBus: 'EventBus',
  eventSource: 'EventSource',
  sensor: 'Sensor',
} as const;

/** Where and how the library installs Argo Workflows and Argo Events by default. */
export const PIPELINE_DEFAULTS = {
  /** Namespace of the Argo Workflows controller and server. */
  workflowsNamespace: 'argo',
  /** Helm release of Argo Workflows (the chart names its objects `<release>-workflow-controller`, `<release>-server`). */
  workflowsRelease: 'argo-workflows',
  /** Namespace the training pipelines run in. */
  pipelineNamespace: 'ml-pipelines',
  /** Namespace of the Argo Events controller, the EventBus, the EventSources and the Sensors. */
  eventsNamespace: 'argo-events',
  /** Helm release of Argo Events. */
  eventsRelease: 'argo-events',
  /** Name of the EventBus (EventSources and Sensors use `default` when they name none). */
  eventBusName: 'default',
  /** Key prefix of the workflow artifacts in the artifact bucket. */
  artifactPrefix: 'argo-artifacts',
  /** The shared webhook EventSource Alertmanager calls. */
  alertWebhookEventSource: 'alertmanager',
  /** Its port and path. */
  alertWebhookPort: 12000,
  alertWebhookEndpoint: '/alerts',
  /** Receiver name in Alertmanager. */
  alertWebhookReceiver: 'argo-events',
} as const;

/** The Argo Server (UI and API). */
export const ARGO_SERVER = {
  /** Port of the server container and of its ClusterIP Service (chart `server.servicePort`). */
  port: 2746,
  /** Path the UI is served under (`server.baseHref`). */
  path: '/',
} as const;

/** Metrics of the workflow controller (chart `controller.metricsConfig`). */
export const ARGO_CONTROLLER_METRICS = {
  /** Container port of the metrics server. */
  port: 9090,
  /** Port of the metrics Service (chart `servicePort`) and its name. */
  servicePort: 8080,
  servicePortName: 'metrics',
  path: '/metrics',
} as const;

/**
 * Metric names the v4.0.6 controller exports (`util/telemetry/metrics_list.go`, exporter
 * `prometheus.New(WithNamespace("argo_workflows"), WithoutCounterSuffixes(), WithoutUnits())`, so a
 * counter keeps its name as is) and the custom metrics the pipelines emit (custom metric names are
 * prefixed with `argo_workflows_` too, docs/metrics.md).
 */
export const ARGO_METRICS = {
  /** Counter of workflows from a WorkflowTemplate as they enter each phase: `name`, `namespace`, `cluster_scope`, `phase`. */
  templateTriggered: 'argo_workflows_workflowtemplate_triggered_total',
  /** 1 on the leading controller (always 1 without leader election). */
  isLeader: 'argo_workflows_is_leader',
  /** Pipeline custom metric: runs by result (`pipeline`, `status`). */
  pipelineRuns: 'argo_workflows_mlops_pipeline_runs',
  /** Pipeline custom metric: canaries rolled back (`pipeline`). */
  pipelineRollbacks: 'argo_workflows_mlops_pipeline_rollbacks',
  /** Pipeline custom metric: versions promoted (`pipeline`). */
  pipelinePromotions: 'argo_workflows_mlops_pipeline_promotions',
} as const;

/** Labels the pipeline constructs put on what they create. */
export const PIPELINE_LABELS = {
  component: MLOPS_LABELS.component,
  pipeline: 'mlops.cdktf.io/pipeline',
} as const;

/** Where a step writes its outputs (an emptyDir mounted at /tmp; read-only root file system). */
export const STEP_OUTPUT_DIR = '/tmp/outputs';

/** Environment variables every user step gets (the step contract, docs/catalog/pipelines.md). */
export const PIPELINE_ENV = {
  pipeline: 'MLOPS_PIPELINE',
  runId: 'MLOPS_RUN_ID',
  trigger: 'MLOPS_TRIGGER',
  dataUri: 'MLOPS_DATA_URI',
  outputDir: 'MLOPS_OUTPUT_DIR',
  mlflowTrackingUri: 'MLFLOW_TRACKING_URI',
  mlflowExperiment: 'MLFLOW_EXPERIMENT_NAME',
  registeredModel: 'MLFLOW_REGISTERED_MODEL_NAME',
  featureServerUrl: 'FEAST_FEATURE_SERVER_URL',
  runIdInput: 'MLOPS_MLFLOW_RUN_ID',
  metric: 'MLOPS_EVAL_METRIC',
  modelAlias: 'MLOPS_MODEL_ALIAS',
  modelUriPrefix: 'MLOPS_MODEL_URI_PREFIX',
} as const;

/** MLflow aliases the pipeline sets. */
export const MODEL_ALIASES = { challenger: 'challenger', champion: 'champion' } as const;

/** Trigger names (the `trigger` workflow parameter and `MLOPS_TRIGGER`). */
export const TRIGGERS = { schedule: 'schedule', newData: 'new-data', drift: 'drift', manual: 'manual' } as const;
