/**
 * The builder behind the three reference stack sets. A set is the shared base (network, EKS,
 * encrypted default StorageClass, secrets foundation, Karpenter with a spot-first GPU pool,
 * monitoring, GPU operator) plus one or both feature groups:
 *
 * - `training` (`gpu-training`): an A100 MIG pool, MLflow, Feast, a drift monitor on the
 *   churn model, and continuous training (Argo Workflows + Argo Events): a churn pipeline that new
 *   data and the drift alert start, training on the spot-first GPU pool;
 * - `rag` (`llm-rag`): an H100 MIG pool, KServe with a vLLM LLM on a MIG slice and a canary of a
 *   new model revision, Qdrant for embeddings, a drift monitor on the LLM's prompts.
 *
 * Every set has four stacks (data, cloud, platform, workloads). What must outlive the cluster — the
 * VPC, KMS keys, buckets, the MLflow database, the Feast cache, Secrets Manager secrets — is in the
 * data stack: created there directly (network, platform key, model data) or placed there by the
 * components' cloud halves (`dataScope`). The compute stacks can be destroyed and rebuilt alone.
 *
 * `mlops-platform` has both, and its churn pipeline rolls the trained model out to the sklearn
 * InferenceService (canary, analysis, promotion or rollback). Order matters where one construct
 * checks another: GPU pools are created before the services and jobs that the scheduling contract
 * checks against them, MLflow before the pipeline that registers into it, the InferenceService
 * before the pipeline that rolls out to it, and kube-prometheus-stack before the GPU operator whose
 * DCGM ServiceMonitor needs the CRD.
 */
import { Annotations, App } from 'cdktf';
import { Construct } from 'constructs';
import {
  ClusterRef,
  customerManagedKey,
  DEFAULT_FEAST_NAMESPACE,
  DEFAULT_VECTOR_DB_NAMESPACE,
  AlertWebhook,
  DefaultStorageClass,
  DRIFT_DEFAULTS,
  EksCluster,
  GpuNodePool,
  MigPoolSpec,
  MLFLOW_DEFAULTS,
  MONITORING_DEFAULTS,
  FrontDoorRoute,
  MLFLOW_API_PATHS,
  MonitoredModelSpec,
  Network,
  IRolloutTarget,
  PIPELINE_DEFAULTS,
  prometheusUrl,
  SecureBucket,
  StackSet,
} from '../src';
import { EnvironmentConfig, placeholderWarnings, validateEnvironment } from './config/environment';
import { addFeatureStore } from './parts/featurestore';
import { addFrontDoor, ServingEndpoints } from './parts/frontdoor';
import { addGpuCompute } from './parts/gpu';
import { addGpuOperator, addMigConfiguration, REFERENCE_MIG_POOL } from './parts/gpu-mig';
import { addMlflow, MlflowParts } from './parts/mlflow';
import { addPipelineEngine, addTrainingPipeline, TrainingPipelineParts } from './parts/pipelines';
import { addMonitoring } from './parts/monitoring';
import { addSecretsFoundation } from './parts/secrets';
import { addServing } from './parts/serving';
import { addVectorDatabase } from './parts/vectordb';
import { addLlmopsFoundation, addLlmopsServices, LLMOPS_NAMESPACES } from './parts/llmops';
import { ENVOY_GATEWAY_DEFAULTS } from '../src/serving/envoy-gateway';

/** Which feature groups a reference set has. */
export interface ReferenceFeatures {
  /** A100 MIG pool, MLflow, Feast, drift-triggered retraining. */
  readonly training: boolean;
  /** H100 MIG pool, KServe with a vLLM LLM and a canary, Qdrant. */
  readonly rag: boolean;
}

/** The MIG layout of the LLM pool: two 3g.40gb slices per H100 80GB (16 per p5.48xlarge). */
export const LLM_MIG_POOL: MigPoolSpec = { configName: 'h100-3g40', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } };

/** Namespace of the model servers. */
export const SERVING_NAMESPACE = 'models';

/** The LLM and the revision its canary serves (10% of requests until promoted or removed). */
export const LLM_MODEL = {
  stable: 'hf://Qwen/Qwen2.5-7B-Instruct',
  canary: 'hf://Qwen/Qwen2.5-7B-Instruct-1M',
  canaryPercent: 10,
} as const;

/**
 * Price of the LLM's tokens for the cost panels and rules — an estimate of what a self-hosted token
 * costs, not a bill: one 3g.40gb slice is 1/16 of a p5.48xlarge (US_EAST_1_PRICES: $55.04/h → $3.44/h
 * per slice); assumed throughput of a 7B model on a slice with vLLM: ~1,000 output tokens/s
 * (3.6 M/h → ~$0.95 per million) and ~6× that for prompt tokens (prefill; ~$0.16 per million).
 * Replace it with your own measurement (vllm:generation_tokens_total per replica-hour).
 */
export const LLM_TOKEN_PRICING = { inputPerMillion: 0.16, outputPerMillion: 0.95 } as const;

/** Where the served churn classifier (sklearn) lives in the model-data bucket. */
export const SKLEARN_MODEL_PREFIX = 'models/churn/current';

/** Where the churn pipeline's register step publishes model versions (the sklearn service reads `models/churn/`). */
export const CHURN_MODEL_VERSIONS_PREFIX = 'models/churn/versions';

/** Where new churn data lands: a producer writes a batch, then `_SUCCESS`, and one run starts. */
export const CHURN_INCOMING_PREFIX = 'churn/incoming';

/**
 * The UIs behind the front door: host label → namespace of its Service (its Ingress, and with OIDC
 * its client Secret, live there) and the feature group that brings it (`always` for every set).
 * A new UI is one row here and one `routes.push({ app, backend: <its UI handle> })` where it is
 * built (Langfuse's comes from `rag.finish`).
 */
export const FRONT_DOOR_APPS: Readonly<Record<string, { readonly namespace: string; readonly feature: keyof ReferenceFeatures | 'always' }>> = {
  argo: { namespace: PIPELINE_DEFAULTS.workflowsNamespace, feature: 'training' },
  evidently: { namespace: DRIFT_DEFAULTS.namespace, feature: 'always' },
  grafana: { namespace: MONITORING_DEFAULTS.namespace, feature: 'always' },
  langfuse: { namespace: LLMOPS_NAMESPACES.langfuse, feature: 'rag' },
  mlflow: { namespace: MLFLOW_DEFAULTS.namespace, feature: 'training' },
};

/** Langfuse's paths for SDKs and API clients (`/api/public/…`, authenticated by Langfuse's API keys). */
export const LANGFUSE_API_PATHS: readonly string[] = ['/api/public/'];

/** What {@link buildReferenceSet} created, for tests to inspect. */
export interface ReferenceSet {
  readonly set: StackSet;
  readonly clusterName: string;
  /** GPU pools by construct id, in creation order. */
  readonly gpuPools: Readonly<Record<string, GpuNodePool>>;
}

/** Builds one reference stack set named `<name>-<environment>` with the given feature groups. */
export function buildReferenceSet(app: App, name: string, config: EnvironmentConfig, features: ReferenceFeatures): ReferenceSet {
  validateEnvironment(config);
  const preset = config.preset;
  const clusterName = `${name}-${config.environment}`;
  const set = new StackSet(app, {
    name,
    project: name,
    environment: config.environment,
    region: config.region,
    backend: config.backend,
    allowedAccountIds: config.accountId ? [config.accountId] : undefined,
  });

  // Data: the VPC outlives the cluster (the databases and caches of the data layer sit in it).
  // Cloud: the cluster; platform and workloads stacks talk to it.
  const network = new Network(set.data, 'network', { name: clusterName, clusterName, preset, cidr: config.vpcCidr, azCount: config.azCount });
  const cluster = new EksCluster(set.cloud, 'cluster', {
    name: clusterName,
    network,
    preset,
    endpointPublicAccessCidrs: config.adminCidrs,
    // Deploy from inside the VPC (bastion, CI runners) when the endpoint is private.
    endpointPrivateAccessCidrs: [config.vpcCidr],
    adminPrincipalArns: config.adminPrincipalArns,
    systemNodes: { instanceTypes: config.systemInstanceTypes },
  });
  for (const warning of placeholderWarnings(config)) Annotations.of(set.cloud).addWarning(warning);
  const clusterRef = ClusterRef.fromEksCluster(cluster);
  const { platform } = set.connect(clusterRef);
  const storageClass = new DefaultStorageClass(platform, 'default-storage-class');
  // The secret store serves only the namespaces of components that sync secrets (and `models`, for
  // Qdrant's read-only key), so ExternalSecrets in any other namespace are refused.
  // With OIDC single sign-on the front door syncs its client secret into the namespace of each UI.
  const frontDoorApps = Object.keys(FRONT_DOOR_APPS).filter((app) => FRONT_DOOR_APPS[app].feature === 'always' || features[FRONT_DOOR_APPS[app].feature as keyof ReferenceFeatures]).sort();
  const oidcNamespaces = typeof config.frontDoor?.sso === 'object' ? frontDoorApps.map((app) => FRONT_DOOR_APPS[app].namespace) : [];
  const secretNamespaces = [
    ...new Set([
      ...(features.training ? [MLFLOW_DEFAULTS.namespace, DEFAULT_FEAST_NAMESPACE, PIPELINE_DEFAULTS.pipelineNamespace] : []),
      ...(features.rag
        ? [DEFAULT_VECTOR_DB_NAMESPACE, SERVING_NAMESPACE, LLMOPS_NAMESPACES.langfuse, LLMOPS_NAMESPACES.rag, LLMOPS_NAMESPACES.databaseAdmin, ENVOY_GATEWAY_DEFAULTS.namespace]
        : []),
      ...oidcNamespaces,
    ]),
  ].sort();
  const secrets = addSecretsFoundation(set, { clusterName, preset, namespaces: secretNamespaces });
  // The way in: the AWS Load Balancer Controller, the certificate, single sign-on, ExternalDNS.
  const frontDoor = config.frontDoor
    ? addFrontDoor(set, { cluster, config: config.frontDoor, apps: frontDoorApps, servingNamespaces: features.rag ? [SERVING_NAMESPACE] : [], secretsAccess: secrets.access, preset })
    : undefined;
  // The ALB sends to the pods' IPs from the VPC's subnets: NetworkPolicies around the UIs admit the VPC.
  const frontDoorCidrs = frontDoor ? [config.vpcCidr] : undefined;
  // One key for the secrets and data of the shared components (MLflow and Feast bring their own).
  const platformKey = customerManagedKey(new Construct(set.data, 'platform-key'), {
    description: `${clusterName}: monitoring, drift and vector database secrets, model data`,
    alias: `${name}/${config.environment}/platform`,
  });

  // GPUs: Karpenter (with NodeOverlay for MIG pools scaling from zero), a spot-first whole-GPU pool, MIG pools.
  const gpu = addGpuCompute(set, { cluster, inferenceGpuLimit: config.gpuLimits.inference, featureGates: ['nodeOverlay'] });
  const gpuPools: Record<string, GpuNodePool> = { 'gpu-inference': gpu.inferencePool };
  // MIG layouts are declared once, in the MIG manager's config; each MIG pool takes its own from it.
  const migConfig = addMigConfiguration(set, [...(features.training ? [REFERENCE_MIG_POOL] : []), ...(features.rag ? [LLM_MIG_POOL] : [])]);
  const migPool = (id: string, spec: MigPoolSpec, instanceTypes: string[], limit: number): GpuNodePool => {
    // MIG pools are on-demand: p4d/p5 spot capacity is rare and a reclaimed LLM node drops every slice on it.
    const mig = migConfig!.pool(spec.configName);
    gpuPools[id] = new GpuNodePool(set.workloads, id, { karpenter: gpu.karpenterAws, instanceTypes, capacityTypes: ['on-demand'], limits: { gpu: limit }, mig });
    return gpuPools[id];
  };

  // Reference and current data of the monitored models. Your pipelines write them (e.g. a job that
  // exports inference logs or a KServe payload-logger sink); the library only reads them.
  // Its events go to EventBridge: new data under churn/incoming/ starts the churn pipeline.
  const modelData = new SecureBucket(set.data, 'model-data', { kmsKeyArn: platformKey.arn, eventBridgeNotifications: features.training });
  // A monitored model: its drift job reads `<model>/reference/` and `<model>/current/` of that bucket.
  const monitoredModel = (model: string): MonitoredModelSpec => ({
    name: model,
    referenceDataUri: `s3://${modelData.bucketName}/${model}/reference/`,
    currentDataUri: `s3://${modelData.bucketName}/${model}/current/`,
    dataKmsKeyArns: [platformKey.arn],
    driftJob: { image: config.images.driftJob, args: ['--model', model] },
  });
  const models: MonitoredModelSpec[] = [];
  let mlflow: ReturnType<typeof addMlflow> | undefined;
  let sklearnRollout: IRolloutTarget | undefined;

  const alertWebhooks: AlertWebhook[] = [];
  let churn: { pipeline: TrainingPipelineParts; mlflow: MlflowParts; featureServerUrl: string } | undefined;
  const routes: FrontDoorRoute[] = [];
  let servingEndpoints: ServingEndpoints | undefined;
  if (features.training) {
    migPool('gpu-mig-a100', REFERENCE_MIG_POOL, ['p4d.24xlarge'], config.gpuLimits.migA100);
    mlflow = addMlflow(set, {
      cluster: clusterRef,
      secrets,
      preset,
      frontDoorHost: frontDoor?.cloud.hostFor('mlflow'),
      // The pipeline steps (ml-pipelines) and the model servers log to and read from MLflow.
      clientNamespaces: [...new Set([...MLFLOW_DEFAULTS.clientNamespaces, PIPELINE_DEFAULTS.pipelineNamespace, SERVING_NAMESPACE])].sort(),
    });
    // Model servers and the pipeline steps read features online.
    const feast = addFeatureStore(set, { cluster: clusterRef, secrets, spec: { project: 'mlops', preset, featureServer: { clientNamespaces: [PIPELINE_DEFAULTS.pipelineNamespace, SERVING_NAMESPACE], metricsNamespaces: [MONITORING_DEFAULTS.namespace] } } });
    const engine = addPipelineEngine(set, { clusterName, mlflow, preset, kmsKeyArn: platformKey.arn });
    alertWebhooks.push(engine.eventsCloud.alertWebhook);
    // The churn pipeline's steps read the churn data, write its reference data and publish model versions.
    const pipeline = addTrainingPipeline(set, engine, 'churn-pipeline', {
      name: 'churn',
      clusterName,
      data: [
        { bucketArn: modelData.bucketArn, prefixes: ['churn'], access: 'read', kmsKeyArn: platformKey.arn },
        { bucketArn: modelData.bucketArn, prefixes: ['churn/reference', CHURN_MODEL_VERSIONS_PREFIX], access: 'read-write', kmsKeyArn: platformKey.arn },
      ],
      newData: { bucket: modelData, prefix: CHURN_INCOMING_PREFIX },
    });
    churn = { pipeline, mlflow, featureServerUrl: feast.store.featureServerUrl };
    // MLflow's SDK calls (/api/…) reach its basic-auth; the UI is behind single sign-on. Argo stays in
    // `client` auth mode: after the load balancer's login, the UI asks for a Kubernetes token.
    routes.push({ app: 'mlflow', backend: mlflow.server.ui, apiPaths: MLFLOW_API_PATHS }, { app: 'argo', backend: engine.workflows.ui });
    // The drift alert starts the churn pipeline (no KEDA retraining for it: the pipeline replaces it).
    models.push(monitoredModel('churn'));
  }

  let rag: { finish: (monitoring: ReturnType<typeof addMonitoring>) => FrontDoorRoute } | undefined;
  if (features.rag) {
    // p5.4xlarge (one H100: two 3g.40gb slices, e.g. the LLM and its canary) first; Karpenter picks
    // the cheapest type that fits the pending slices, p5.48xlarge (16 slices) only for more.
    const llmPool = migPool('gpu-mig-h100', LLM_MIG_POOL, ['p5.4xlarge', 'p5.48xlarge'], config.gpuLimits.migH100);
    const vectordb = addVectorDatabase(set, { clusterName, secrets, kmsKeyArn: platformKey.arn, spec: { engine: 'qdrant', preset, clientNamespaces: [SERVING_NAMESPACE, LLMOPS_NAMESPACES.rag] } });
    // The model servers query Qdrant with the read-only key only.
    vectordb.database.syncClientCredentials(set.workloads, 'serving-qdrant-read-only', { namespace: SERVING_NAMESPACE, access: 'read-only' });
    // LLMOps: Langfuse's stores, the token-budget cache, and the LLM's weights mirrored into S3 once
    // (warm starts); Langfuse shares MLflow's PostgreSQL instance where the set has one.
    const llmops = addLlmopsFoundation(set, {
      cluster: clusterRef,
      clusterName,
      preset,
      secrets,
      kmsKeyArn: platformKey.arn,
      servingNamespace: SERVING_NAMESPACE,
      dataBucket: modelData,
      llmSources: { stable: LLM_MODEL.stable, canary: LLM_MODEL.canary },
      sharedDatabase: mlflow?.cloud.database,
    });
    const serving = addServing(set, {
      clusterName,
      gpuPool: llmPool,
      preset,
      namespace: SERVING_NAMESPACE,
      llmStorageUri: llmops.mirrors.stable.storageUri,
      llmMigProfile: '3g.40gb',
      llmCanary: { percent: LLM_MODEL.canaryPercent, predictor: { storageUri: llmops.mirrors.canary!.storageUri } },
      llmIdentity: llmops.llmIdentity,
      llmDependsOn: [llmops.mirrors.stable.job, llmops.mirrors.canary!.job],
      // Scale on vLLM's queue and KV cache (KEDA through KServe); Karpenter adds H100 slices as replicas grow.
      llmAutoscaling: {
        props: { prometheusUrl: prometheusUrl(MONITORING_DEFAULTS.releaseName, MONITORING_DEFAULTS.namespace) },
        minReplicas: 1,
        maxReplicas: preset === 'prod' ? 6 : 2,
      },
      envoyGatewayAi: llmops.envoyGatewayAi,
      // The churn classifier on CPU; with training, the churn pipeline rolls new versions out to it.
      sklearnModel: { bucket: modelData.bucketName, prefix: SKLEARN_MODEL_PREFIX, readPrefix: features.training ? 'models/churn' : undefined, kmsKeyArn: platformKey.arn, pipelineRollout: features.training },
      gatewayExposure: frontDoor?.servingGatewayExposure(),
    });
    servingEndpoints = { gateway: serving.gateway, services: [{ name: 'llm', namespace: SERVING_NAMESPACE }, ...(serving.sklearn ? [{ name: 'sklearn', namespace: SERVING_NAMESPACE }] : [])] };
    models.push(monitoredModel('rag-llm'));
    sklearnRollout = serving.sklearn?.rolloutTarget;
    rag = {
      finish: (monitoring) => {
        // KServe watches the ScaledObjects it makes only if KEDA's CRDs exist when its controller starts.
        const kserveController = serving.kserve.resources.release;
        kserveController.dependsOn = [...(kserveController.dependsOn ?? []), monitoring.keda.chart.release.fqn];
        const { langfuse } = addLlmopsServices(set, llmops, {
          preset,
          secrets,
          serving,
          vectordb: vectordb.database,
          monitoringNamespace: monitoring.monitoring.namespaceName,
          adminEmail: config.llmops.langfuseAdminEmail,
          embeddingImage: config.images.embedding,
          llmPricing: LLM_TOKEN_PRICING,
          tokenBudgets: {
            default: { tokens: config.llmops.defaultTokensPerHour, unit: 'Hour' },
            tenants: Object.fromEntries(Object.entries(config.llmops.tenantTokensPerHour).map(([t, tokens]) => [t, { tokens, unit: 'Hour' as const }])),
          },
          aiGatewayDependsOn: [serving.envoyGateway.chart.release, ...(serving.kserve.certManager ? [serving.kserve.certManager.release] : [])],
          frontDoor: frontDoor && frontDoorCidrs ? { url: `https://${frontDoor.cloud.hostFor('langfuse')}`, cidrs: frontDoorCidrs } : undefined,
        });
        // The SDKs' ingestion and API (`/api/public/…`, Langfuse's API keys) without the load balancer's login.
        return { app: 'langfuse', backend: langfuse.frontDoor, apiPaths: LANGFUSE_API_PATHS };
      },
    };
  }

  if (churn) {
    // MLflow has basic-auth on: the steps log in with the client credentials.
    const credentials = churn.mlflow.server.syncClientCredentials(set.workloads, 'pipeline-mlflow-credentials', { namespace: PIPELINE_DEFAULTS.pipelineNamespace });
    const args = ['--model', 'churn'];
    churn.pipeline.build({
      mlflow: { trackingUri: churn.mlflow.handle.trackingUri, credentialsSecretName: credentials.secretName, registeredModelName: 'churn-classifier' },
      featureServerUrl: churn.featureServerUrl,
      dataUri: `s3://${modelData.bucketName}/churn/current/`,
      steps: {
        validate: { image: config.images.validate, args },
        train: { image: config.images.retraining, args, gpu: { pool: gpu.inferencePool, gpus: 1 } },
        evaluate: { image: config.images.evaluate, args, gate: { metric: 'val_auc', direction: 'higher', minImprovement: 0.002 } },
        register: { image: config.images.register, args },
      },
      triggers: { newData: true, drift: { model: 'churn' } },
      monitoredModels: models,
      rollout: sklearnRollout
        ? { target: sklearnRollout, canaryPercent: 10, modelUriPrefix: `s3://${modelData.bucketName}/${CHURN_MODEL_VERSIONS_PREFIX}/`, prometheusUrl: prometheusUrl(MONITORING_DEFAULTS.releaseName, MONITORING_DEFAULTS.namespace) }
        : undefined,
    });
  }

  const monitoring = addMonitoring(set, {
    clusterName,
    models,
    preset,
    kmsKeyArn: platformKey.arn,
    dependsOn: [storageClass.storageClass],
    feastNamespace: features.training ? DEFAULT_FEAST_NAMESPACE : undefined,
    serving: features.rag,
    alertWebhooks,
    evidentlyAllowedCidrs: frontDoorCidrs,
  });
  routes.push({ app: 'grafana', backend: monitoring.monitoring.grafanaUi }, { app: 'evidently', backend: monitoring.drift.platform.evidentlyUi });
  addGpuOperator(set, {
    mig: migConfig,
    serviceMonitor: true,
    dependsOn: [monitoring.monitoring.chart.release],
  });
  const langfuseRoute = rag?.finish(monitoring);
  if (langfuseRoute) routes.push(langfuseRoute);
  frontDoor?.build(routes, secrets.store, servingEndpoints);
  return { set, clusterName, gpuPools };
}
