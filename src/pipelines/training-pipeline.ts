/**
 * `TrainingPipeline` (workloads layer): continuous training of one model — new data or drift or a
 * schedule starts a run that validates the data, trains on a GPU pool, evaluates the candidate
 * against the production model, registers it in MLflow and rolls it out to an InferenceService as a
 * canary that Prometheus judges, then promotes or rolls it back. It creates:
 *
 * - the WorkflowTemplate `<name>` in the pipeline namespace (`workflow-template.ts`);
 * - its service accounts and RBAC (`pipeline-rbac.ts`);
 * - its EventSources and Sensor in the events namespace (`pipeline-triggers.ts`).
 *
 * Checked at construction: the train step fits a registered GPU pool (scheduling contract); the
 * namespace is one Argo Workflows runs pipelines in; the new-data trigger has its queue (and the
 * queue its trigger); a drift trigger names a monitored model that does not also retrain through a
 * KEDA `RetrainingJob` (two runs per drift episode would race to register); the rollout's model
 * prefix is readable by the InferenceService and its analysis window fits its interval.
 *
 * Step contract (what each image reads and writes): docs/catalog/pipelines.md.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { assertSchedulable } from '../compute/scheduling/scheduling-contract';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { failProp, Schemas, validateProps } from '../core/validation';
import { METRICS } from '../monitoring/constants';
import { durationSeconds, MonitoredModelSpec } from '../monitoring/drift-spec';
import { gpuResources } from '../serving/accelerators';
import { ArgoWorkflows } from './argo-workflows';
import { PIPELINE_LABELS } from './constants';
import { PipelineEvents } from './pipeline-events';
import { PipelineRbac } from './pipeline-rbac';
import { CANARY_ANALYSIS_DEFAULTS, PIPELINE_STEP_DEFAULTS, PipelineRollout, pipelineRolloutSchema, PipelineSteps, pipelineStepsSchema, PipelineTriggers, pipelineTriggersSchema } from './pipeline-spec';
import { renderEventSources, renderSensor } from './pipeline-triggers';
import { RANGE_PLACEHOLDER } from './rollout-scripts';
import { pipelineServiceAccounts, TrainingPipelineCloud } from './training-pipeline-cloud';
import { renderWorkflowTemplate, ResolvedRollout } from './workflow-template';

/** The MLflow side of a pipeline. */
export interface PipelineMlflow {
  /** Tracking URI (`MlflowTrackingServer.trackingUri`). */
  readonly trackingUri: string;
  /**
   * Secret in the pipeline namespace with `MLFLOW_TRACKING_USERNAME`/`_PASSWORD`
   * (`mlflow.syncClientCredentials(..., { namespace })`).
   */
  readonly credentialsSecretName: string;
  /** Registered model name. */
  readonly registeredModelName: string;
  /** Experiment the runs log to. @default - the pipeline name */
  readonly experimentName?: string;
}

/** Props of {@link TrainingPipeline}. */
export interface TrainingPipelineProps {
  /** The cloud half: name, namespace, roles, the new-data queue. */
  readonly cloud: TrainingPipelineCloud;
  /** Argo Workflows (its pipeline namespaces). */
  readonly workflows: ArgoWorkflows;
  /** The EventBus and the alert webhook. */
  readonly events: PipelineEvents;
  readonly mlflow: PipelineMlflow;
  /** The data a run works on unless its trigger says otherwise (`s3://<bucket>/<prefix>/`). */
  readonly dataUri: string;
  readonly steps: PipelineSteps;
  /** What starts a run (at least one). */
  readonly triggers: PipelineTriggers;
  /** Roll registered versions out to an InferenceService. @default - the run ends at register */
  readonly rollout?: PipelineRollout;
  /** Feast feature server URL given to the steps. @default - none */
  readonly featureServerUrl?: string;
  /** Longest a whole run may take (Go duration). @default '24h' */
  readonly runTimeout?: string;
  /**
   * The drift monitor's models (`DriftMonitorCloud.models`): with a drift trigger, its model must be
   * one of them and must not also retrain through a KEDA `RetrainingJob`.
   * @default - not checked
   */
  readonly monitoredModels?: readonly MonitoredModelSpec[];
}

const schema = Schemas.object({
  cloud: Schemas.construct('a TrainingPipelineCloud', { name: z.string(), namespace: z.string() }),
  workflows: Schemas.construct('an ArgoWorkflows', { pipelineNamespaces: z.record(z.string(), z.unknown()) }),
  events: Schemas.construct('a PipelineEvents', { namespace: z.string() }),
  monitoredModels: z.array(Schemas.construct('a monitored model (DriftMonitorCloud.models)', { name: z.string() })).optional(),
  mlflow: Schemas.object({
    trackingUri: Schemas.httpUrl('pass the tracking server URI'),
    credentialsSecretName: Schemas.k8sName(),
    registeredModelName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'is not a plain registered model name; use letters, digits, ".", "_" and "-"' }),
    experimentName: z.string().min(1).optional(),
  }),
  dataUri: z.string().regex(/^s3:\/\/[^/\s]+\/([^\s*?"]+\/)*$/, { message: 'is not an S3 URI; use s3://<bucket>/<prefix>/' }),
  steps: pipelineStepsSchema,
  triggers: pipelineTriggersSchema,
  rollout: pipelineRolloutSchema.optional(),
  featureServerUrl: Schemas.httpUrl().optional(),
  runTimeout: Schemas.duration().optional(),
});

/** The default analysis queries on the canary's Envoy cluster (Envoy Gateway's per-backend cluster). */
export function canaryQueries(envoyCluster: string): ResolvedRollout['queries'] {
  const sel = `envoy_cluster_name="${envoyCluster}"`;
  const r = `[${RANGE_PLACEHOLDER}]`;
  return {
    errorRatio: `sum(rate(${METRICS.envoyUpstreamRqXx}{${sel},envoy_response_code_class="5"}${r})) / sum(rate(${METRICS.envoyUpstreamRqTotal}{${sel}}${r}))`,
    latencyP95Ms: `histogram_quantile(0.95, sum by (le) (rate(${METRICS.envoyUpstreamRqTime}_bucket{${sel}}${r})))`,
    requests: `sum(increase(${METRICS.envoyUpstreamRqTotal}{${sel}}${r}))`,
  };
}

/** One model's continuous training: WorkflowTemplate, RBAC, EventSources and Sensor. */
export class TrainingPipeline extends Construct {
  /** Pipeline (and WorkflowTemplate) name. */
  public readonly name: string;
  public readonly workflowTemplate: KubernetesManifest;
  public readonly sensor: KubernetesManifest;
  /** EventSources by trigger (`schedule`, `newData`). */
  public readonly eventSources: Readonly<Record<string, KubernetesManifest>>;
  public readonly rbac: PipelineRbac;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'TrainingPipeline');
    const { cloud, steps, triggers } = props;
    this.name = cloud.name;
    const namespace = cloud.namespace;
    if (!Object.keys(props.workflows.pipelineNamespaces).includes(namespace)) {
      failProp(this, 'cloud.namespace', namespace, `is not a namespace Argo Workflows runs pipelines in (${Object.keys(props.workflows.pipelineNamespaces).join(', ')}); add it to ArgoWorkflows' pipelineNamespaces`);
    }
    if (triggers.newData && !cloud.newData) failProp(this, 'triggers.newData', true, 'needs the new-data queue; give TrainingPipelineCloud `newData` (bucket and prefix)');
    if (!triggers.newData && cloud.newData) failProp(this, 'triggers.newData', triggers.newData, 'is off but the cloud half has a new-data queue; turn it on or drop `newData` from TrainingPipelineCloud');
    if (triggers.drift) checkDriftModel(this, triggers.drift.model, props.monitoredModels);
    const gpu = steps.train.gpu;
    assertSchedulable(this, { workload: `training pipeline ${this.name} (train step)`, resources: gpuResources(gpu), tolerations: gpu.pool.tolerations, nodeSelector: gpu.pool.nodeSelector });
    const rollout = props.rollout ? resolveRollout(this, props.rollout) : undefined;

    const stack = TerraformStack.of(this);
    const region = stack instanceof MlopsStack ? stack.region : cloud.region;
    const labels = { [PIPELINE_LABELS.component]: 'training-pipeline', [PIPELINE_LABELS.pipeline]: this.name };
    const accounts = pipelineServiceAccounts(this.name);
    this.rbac = new PipelineRbac(this, 'rbac', {
      name: this.name,
      pipelineNamespace: namespace,
      eventsNamespace: props.events.namespace,
      labels,
      rollout: props.rollout?.target,
      newData: cloud.newData !== undefined,
    });
    this.workflowTemplate = new KubernetesManifest(this, 'workflow-template', {
      manifest: renderWorkflowTemplate({
        name: this.name,
        namespace,
        labels,
        accounts,
        region,
        artifactPrefix: `${cloud.storage.artifactPrefix}/${this.name}`,
        mlflow: { ...props.mlflow, experimentName: props.mlflow.experimentName ?? this.name },
        featureServerUrl: props.featureServerUrl,
        dataUri: props.dataUri,
        steps,
        gpu: { resources: gpuResources(gpu), tolerations: gpu.pool.tolerations, nodeSelector: gpu.pool.nodeSelector },
        rollout,
        runTimeoutSeconds: durationSeconds(props.runTimeout ?? PIPELINE_STEP_DEFAULTS.runTimeout),
      }),
    });
    const triggerSpec = {
      name: this.name,
      eventsNamespace: props.events.namespace,
      pipelineNamespace: namespace,
      eventBusName: props.events.eventBusName,
      labels,
      accounts,
      dataUri: props.dataUri,
      schedule: triggers.schedule,
      newData: cloud.newData ? { region, queueName: cloud.newData.queueName } : undefined,
      drift: triggers.drift ? { model: triggers.drift.model, eventSource: props.events.alertEventSource.name, event: props.events.alertEventSource.event } : undefined,
    };
    const sources: Record<string, KubernetesManifest> = {};
    for (const [key, manifest] of Object.entries(renderEventSources(triggerSpec))) {
      sources[key] = new KubernetesManifest(this, `event-source-${key}`, { manifest, dependsOn: [props.events.eventBus] });
    }
    this.eventSources = sources;
    this.sensor = new KubernetesManifest(this, 'sensor', {
      manifest: renderSensor(triggerSpec),
      dependsOn: [props.events.eventBus, this.workflowTemplate, ...Object.values(this.rbac.serviceAccounts)],
    });
  }
}

/** The drift trigger's model: monitored, and not also retrained by KEDA. */
function checkDriftModel(scope: Construct, model: string, models: readonly MonitoredModelSpec[] | undefined): void {
  if (!models) return;
  const spec = models.find((m) => m.name === model);
  if (!spec) failProp(scope, 'triggers.drift.model', model, `is not a monitored model (${models.map((m) => m.name).join(', ') || 'none'}); monitor it with the DriftMonitor first`);
  if (spec.retraining) {
    failProp(scope, 'triggers.drift.model', model, 'also retrains through a KEDA RetrainingJob (`retraining` of its MonitoredModelSpec); one drift episode would start two trainings that race to register; drop `retraining` (the pipeline replaces it)');
  }
}

/** Checks the rollout and resolves its durations and queries. */
function resolveRollout(scope: Construct, r: PipelineRollout): ResolvedRollout {
  const t = r.target;
  if (!t.readablePrefixes.some((p) => r.modelUriPrefix.startsWith(p))) {
    failProp(scope, 'rollout.modelUriPrefix', r.modelUriPrefix, `is not readable by InferenceService ${t.stableName} (its identity reads ${t.readablePrefixes.join(', ') || 'no S3 prefix'}); put versions under one of them or grant the identity this prefix`);
  }
  const a = { ...CANARY_ANALYSIS_DEFAULTS, ...r.analysis };
  const window = durationSeconds(a.window);
  const interval = durationSeconds(a.interval);
  if (interval < 60) failProp(scope, 'rollout.analysis.interval', a.interval, 'is under 1m; Envoy is scraped every 30 s, so a shorter rate() window has too few samples');
  if (window < interval || window % interval !== 0) {
    failProp(scope, 'rollout.analysis.window', a.window, `must be a whole multiple of the interval (${a.interval}); e.g. "10m" with "1m"`);
  }
  return {
    namespace: t.namespace,
    stable: t.stableName,
    canary: t.canaryName,
    route: t.routeName,
    stableBackend: t.stableBackend,
    canaryBackend: t.canaryBackend,
    stableService: t.stableServiceName,
    canaryService: t.canaryServiceName,
    canaryPercent: r.canaryPercent,
    modelUriPrefix: r.modelUriPrefix,
    prometheusUrl: r.prometheusUrl,
    readyTimeoutSeconds: durationSeconds(r.readyTimeout ?? PIPELINE_STEP_DEFAULTS.readyTimeout),
    windowSeconds: window,
    intervalSeconds: interval,
    maxErrorRatio: a.maxErrorRatio,
    maxLatencyP95Ms: a.maxLatencyP95Ms,
    minRequests: a.minRequests,
    queries: canaryQueries(t.canaryEnvoyCluster),
  };
}

