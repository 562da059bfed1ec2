/**
 * Shared fixture of the pipeline tests: the three layers of a stack set with Argo Workflows (archive
 * on a fake MLflow-like instance), Argo Events, a GPU pool, an InferenceService with a pipeline
 * rollout slot behind a gateway, and one TrainingPipeline with all three triggers. Synthesized once
 * per variant and cached.
 */
import { App } from 'cdktf';
import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { existingSecret } from '../../src/core/secrets/secret-source';
import { SecureBucket } from '../../src/core/secure-bucket';
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
  TrainingPipelineProps,
} from '../../src/pipelines';
import { InferenceService, InferenceServiceIdentity, ServingGateway } from '../../src/serving';
import { cloudStack, platformStack, synth, testApp, TfJson, workloadsStack } from '../helpers/synth';

export const MODEL_BUCKET = 'acme-models';
export const DATA_BUCKET_ARN = 'arn:aws:s3:::acme-data';
export const RDS_MASTER_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-abc';

/** The fake shared PostgreSQL instance (MLflow's in the reference sets). */
export const INSTANCE = {
  address: 'mlflow-db.abc.us-east-1.rds.amazonaws.com',
  port: 5432,
  masterUserSecret: existingSecret({ secretArn: RDS_MASTER_ARN, jsonKeys: ['username', 'password'] }),
};

/** The user step images. */
export const IMAGES = {
  validate: 'registry.example.com/churn/validate:1.0.0',
  train: 'registry.example.com/churn/train:1.0.0',
  evaluate: 'registry.example.com/churn/evaluate:1.0.0',
  register: 'registry.example.com/churn/register:1.0.0',
};

export interface Options {
  /** Overrides of the TrainingPipeline props (after the defaults), or the props made from the defaults. */
  readonly pipeline?: Partial<TrainingPipelineProps> | ((defaults: TrainingPipelineProps) => TrainingPipelineProps);
  /** No rollout. */
  readonly noRollout?: boolean;
  /** No new-data queue. */
  readonly noNewData?: boolean;
  /** No archive. */
  readonly noArchive?: boolean;
  readonly app?: App;
}

/** Builds the scenario (throws what the constructs throw). */
export function scenario(o: Options = {}) {
  const app = o.app ?? testApp();
  const cloud = cloudStack(app);
  const platform = platformStack(app);
  const workloads = workloadsStack(app);
  const storage = new ArgoWorkflowsStorage(cloud, 'argo-storage', { archive: o.noArchive ? undefined : {} });
  const workflowsCloud = new ArgoWorkflowsCloud(cloud, 'argo-workflows', { clusterName: 'test-cluster', storage });
  const eventsCloud = new ArgoEventsCloud(cloud, 'argo-events');
  const landing = new SecureBucket(cloud, 'landing', { eventBridgeNotifications: true });
  const pipelineCloud = new TrainingPipelineCloud(cloud, 'churn-pipeline', {
    name: 'churn',
    clusterName: 'test-cluster',
    storage,
    data: [
      { bucketArn: DATA_BUCKET_ARN, prefixes: ['churn'], access: 'read' },
      { bucketArn: `arn:aws:s3:::${MODEL_BUCKET}`, prefixes: ['models/churn/versions'], access: 'read-write' },
    ],
    newData: o.noNewData ? undefined : { bucket: landing, prefix: 'churn/incoming' },
  });
  const identity = new InferenceServiceIdentity(cloud, 'churn-identity', { clusterName: 'test-cluster', namespace: 'models', serviceName: 'churn', models: [{ bucket: MODEL_BUCKET, prefix: 'models/churn' }] });

  const workflows = new ArgoWorkflows(platform, 'argo-workflows', { cloud: workflowsCloud, archive: o.noArchive ? undefined : { instance: INSTANCE } });
  const events = new ArgoEvents(platform, 'argo-events', { cloud: eventsCloud });

  const pool = new GpuNodePool(workloads, 'gpu-training', { karpenter: { nodeRoleName: 'test-karpenter-node' }, instanceFamilies: ['g6e'], limits: { gpu: 8 } });
  const gateway = new ServingGateway(workloads, 'gateway', { routeNamespaces: ['models'] });
  const service = new InferenceService(workloads, 'churn', {
    namespace: 'models',
    identity,
    gateway,
    pipelineRollout: {},
    predictor: { modelFormat: 'sklearn', storageUri: `s3://${MODEL_BUCKET}/models/churn/current/`, resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } },
  });
  const pipelineEvents = new PipelineEvents(workloads, 'pipeline-events', { events });
  const defaults: TrainingPipelineProps = {
    cloud: pipelineCloud,
    workflows,
    events: pipelineEvents,
    mlflow: { trackingUri: 'http://mlflow.mlflow.svc.cluster.local', credentialsSecretName: 'mlflow-credentials', registeredModelName: 'churn-classifier' },
    dataUri: 's3://acme-data/churn/current/',
    steps: {
      validate: { image: IMAGES.validate },
      train: { image: IMAGES.train, args: ['--epochs', '5'], gpu: { pool, gpus: 1 } },
      evaluate: { image: IMAGES.evaluate, gate: { metric: 'val_auc', direction: 'higher', minImprovement: 0.005, threshold: 0.8 } },
      register: { image: IMAGES.register },
    },
    triggers: { schedule: '0 3 * * 1', newData: !o.noNewData, drift: { model: 'churn' } },
    rollout: o.noRollout
      ? undefined
      : { target: service.rolloutTarget!, canaryPercent: 10, modelUriPrefix: `s3://${MODEL_BUCKET}/models/churn/versions/`, prometheusUrl: 'http://prometheus.monitoring.svc:9090' },
  };
  const props = typeof o.pipeline === 'function' ? o.pipeline(defaults) : { ...defaults, ...o.pipeline };
  const pipeline = new TrainingPipeline(workloads, 'churn-pipeline', props);
  const alerts = new PipelineAlertRules(workloads, 'pipeline-alerts', { workflows });
  return { alerts, app, cloud, platform, workloads, storage, workflowsCloud, eventsCloud, pipelineCloud, identity, workflows, events, pool, gateway, service, pipelineEvents, pipeline, props };
}

const cache = new Map<string, { cloud: TfJson; platform: TfJson; workloads: TfJson }>();

/** Synthesized JSON of the three stacks of a scenario variant (cached by its options). */
export function synthScenario(o: Omit<Options, 'app' | 'pipeline'> = {}) {
  const key = JSON.stringify(o);
  if (!cache.has(key)) {
    const s = scenario(o);
    cache.set(key, { cloud: synth(s.cloud), platform: synth(s.platform), workloads: synth(s.workloads) });
  }
  return cache.get(key)!;
}

export { errorOf, manifests } from '../monitoring/fixtures';


/** `${<type>.<logical id>.<attribute>}` of the resource at `pathSuffix` (a reference as Terraform JSON spells it). */
export function refOf(json: TfJson, type: string, pathSuffix: string, attribute: string): string {
  const found = Object.entries<any>(json.resource?.[type] ?? {}).filter(([, r]) => String(r['//']?.metadata?.path ?? '').endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${pathSuffix}, found ${found.length}`);
  return `\${${type}.${found[0][0]}.${attribute}}`;
}

/** `<type>.<logical id>` of the resource at `pathSuffix` (as `depends_on` spells it). */
export function addressOf(json: TfJson, type: string, pathSuffix: string): string {
  return refOf(json, type, pathSuffix, 'x').slice(2, -3);
}
