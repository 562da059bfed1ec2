/**
 * What the TypeScript blocks of README.md and docs/ take as given. Most blocks are excerpts of an app
 * ("the examples below assume `app` and a stack set with its cluster"); install-test.js compiles
 * each block as the body of a function, against the packed package, with the names it uses imported
 * from here and from 'cdktf-mlops'. A name a block declares itself shadows the one here.
 *
 * Not compiled in this repository (tsconfig.json excludes it: 'cdktf-mlops' resolves only in the
 * temporary project of the install test).
 */
import { App, TerraformStack } from 'cdktf';
import {
  ArgoWorkflows,
  DefaultStorageClass,
  DriftMonitorCloud,
  EksCluster,
  ExternalSecretsAccess,
  GpuNodePool,
  IClusterRef,
  InferenceService,
  InferenceServiceIdentity,
  Karpenter,
  KarpenterAws,
  ManagedRedis,
  MlflowCloud,
  MlflowTrackingServer,
  Monitoring,
  MonitoringCloud,
  Network,
  PipelineEvents,
  SecretStore,
  SecureBucket,
  ServingGateway,
  StackSet,
  TrainingPipelineCloud,
} from 'cdktf-mlops';

/** The cdktf app (`new App()`). */
export declare const app: App;
/** Any stack of the app. */
export declare const stack: TerraformStack;
/** A stack set connected to its cluster (`set.connect(clusterRef)`), so `set.platform` and `set.workloads` exist. */
export declare const set: StackSet;
/** Name of the EKS cluster. */
export declare const clusterName: string;
/** The VPC of the cluster (cloud layer). */
export declare const network: Network;
/** The EKS cluster (cloud layer). */
export declare const cluster: EksCluster;
/** `ClusterRef.fromEksCluster(cluster)`, or `ClusterRef.fromName(...)` for an existing cluster. */
export declare const clusterRef: IClusterRef;
/** The default StorageClass (platform layer). */
export declare const storage: DefaultStorageClass;
/** The secrets foundation (docs/catalog/secrets.md): the External Secrets Operator's role (cloud layer). */
export declare const access: ExternalSecretsAccess;
/** The secrets foundation: the ClusterSecretStore (workloads layer). */
export declare const store: SecretStore;
/** Karpenter's AWS side (cloud layer). */
export declare const karpenterAws: KarpenterAws;
/** The Karpenter controller (platform layer). */
export declare const karpenter: Karpenter;
/** A GPU node pool (workloads layer). */
export declare const pool: GpuNodePool;
/** The spot-first inference GPU pool (workloads layer). */
export declare const inference: GpuNodePool;
/** A MIG-partitioned H100 pool offering `3g.40gb` slices (workloads layer). */
export declare const llmPool: GpuNodePool;
/** The MLflow tracking server (workloads layer). */
export declare const mlflow: MlflowTrackingServer;
/** A bucket (cloud layer). */
export declare const bucket: SecureBucket;
/** The Pod Identity role of an inference service (cloud layer). */
export declare const identity: InferenceServiceIdentity;
/** A bucket of model versions (cloud layer). */
export declare const models: SecureBucket;
/** The GPU pool training runs on (workloads layer). */
export declare const trainingPool: GpuNodePool;
/** MLflow's cloud half (cloud layer). */
export declare const mlflowCloud: MlflowCloud;
/** Monitoring's cloud half (cloud layer). */
export declare const monCloud: MonitoringCloud;
/** kube-prometheus-stack (platform layer). */
export declare const monitoring: Monitoring;
/** The drift monitor's cloud half (cloud layer). */
export declare const driftCloud: DriftMonitorCloud;
/** The serving gateway (workloads layer). */
export declare const gateway: ServingGateway;
/** A training pipeline's cloud half (docs/catalog/pipelines.md). */
export declare const churnCloud: TrainingPipelineCloud;
/** Argo Workflows (platform layer). */
export declare const workflows: ArgoWorkflows;
/** The pipelines' event bus and webhook (workloads layer). */
export declare const pipelineEvents: PipelineEvents;
/** MLflow client credentials synced for the pipeline (`mlflow.syncClientCredentials(...)`). */
export declare const credentials: ReturnType<MlflowTrackingServer['syncClientCredentials']>;
/** An InferenceService with `pipelineRollout` (workloads layer). */
export declare const sklearn: InferenceService;
/** The customer managed KMS key of the set's data (data layer). */
export declare const kmsKeyArn: string;
/** The secrets foundation as one object: the operator's role (cloud) and the ClusterSecretStore (workloads). */
export declare const secrets: { readonly access: ExternalSecretsAccess; readonly store: SecretStore };
/** The ServingGateway the LLM gateway attaches to (workloads layer). */
export declare const llmProxy: ServingGateway;
/** An LLM InferenceService (workloads layer). */
export declare const llm: InferenceService;
/** The token-budget cache (ElastiCache Redis with an AUTH token; data layer). */
export declare const rateLimitRedis: ManagedRedis;
