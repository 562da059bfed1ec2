/**
 * Adds continuous training to a stack set:
 * - the engine (`addPipelineEngine`): cloud — Argo Workflows' artifact bucket and archive credentials
 *   (`ArgoWorkflowsStorage`), the server's role, the alert webhook token (`ArgoEventsCloud`);
 *   platform — Argo Workflows with its archive on MLflow's PostgreSQL instance, Argo Events;
 *   workloads — the EventBus and alert webhook (`PipelineEvents`), the pipeline alerts;
 * - one pipeline (`addTrainingPipeline`): its roles and new-data queue (cloud) and the
 *   `TrainingPipeline` (workloads).
 *
 * Give `engine.eventsCloud.alertWebhook` to `addMonitoring({ alertWebhooks })` so the drift alert
 * reaches the pipelines.
 */
import { Preset, StackSet } from '../../src/core';
import { MlflowParts } from './mlflow';
import {
  ArgoEvents,
  ArgoEventsCloud,
  ArgoWorkflows,
  ArgoWorkflowsCloud,
  ArgoWorkflowsStorage,
  PipelineAlertRules,
  PipelineEvents,
  TrainingPipeline,
  TrainingPipelineCloud,
  TrainingPipelineCloudProps,
  TrainingPipelineProps,
} from '../../src/pipelines';

/** What {@link addPipelineEngine} created. */
export interface PipelineEngine {
  readonly storage: ArgoWorkflowsStorage;
  readonly workflowsCloud: ArgoWorkflowsCloud;
  readonly eventsCloud: ArgoEventsCloud;
  readonly workflows: ArgoWorkflows;
  readonly events: ArgoEvents;
  readonly pipelineEvents: PipelineEvents;
  readonly alerts: PipelineAlertRules;
}

/** Options of {@link addPipelineEngine}. */
export interface PipelineEngineOptions {
  readonly clusterName: string;
  /** MLflow: the archive database goes on its PostgreSQL instance. */
  readonly mlflow: MlflowParts;
  /** @default 'prod' */
  readonly preset?: Preset;
  /** Customer managed key of the artifacts and the secrets. @default - AWS managed keys */
  readonly kmsKeyArn?: string;
}

/** Adds Argo Workflows and Argo Events to the three layers of `set`. */
export function addPipelineEngine(set: StackSet, o: PipelineEngineOptions): PipelineEngine {
  const storage = new ArgoWorkflowsStorage(set.cloud, 'argo-workflows-storage', { preset: o.preset, kmsKeyArn: o.kmsKeyArn, archive: {} });
  const workflowsCloud = new ArgoWorkflowsCloud(set.cloud, 'argo-workflows', { clusterName: o.clusterName, storage });
  const eventsCloud = new ArgoEventsCloud(set.cloud, 'argo-events', { preset: o.preset, kmsKeyArn: o.kmsKeyArn });
  const workflows = new ArgoWorkflows(set.platform, 'argo-workflows', { cloud: workflowsCloud, preset: o.preset, archive: { instance: o.mlflow.cloud.database } });
  const events = new ArgoEvents(set.platform, 'argo-events', { cloud: eventsCloud, preset: o.preset });
  const pipelineEvents = new PipelineEvents(set.workloads, 'pipeline-events', { events, preset: o.preset });
  const alerts = new PipelineAlertRules(set.workloads, 'pipeline-alerts', { workflows });
  return { storage, workflowsCloud, eventsCloud, workflows, events, pipelineEvents, alerts };
}

/** Adds one training pipeline: its cloud half now, its workloads half with {@link TrainingPipelineParts.build}. */
export interface TrainingPipelineParts {
  readonly cloud: TrainingPipelineCloud;
  /** Creates the `TrainingPipeline` (after the GPU pool and, for a rollout, the InferenceService). */
  build(props: Omit<TrainingPipelineProps, 'cloud' | 'workflows' | 'events'>): TrainingPipeline;
}

/** Adds a training pipeline's cloud half to `set`; call `build` for its workloads half. */
export function addTrainingPipeline(set: StackSet, engine: PipelineEngine, id: string, cloudProps: Omit<TrainingPipelineCloudProps, 'storage'>): TrainingPipelineParts {
  const cloud = new TrainingPipelineCloud(set.cloud, `${id}-cloud`, { ...cloudProps, storage: engine.storage });
  return {
    cloud,
    build: (props) => new TrainingPipeline(set.workloads, id, { ...props, cloud, workflows: engine.workflows, events: engine.pipelineEvents }),
  };
}
