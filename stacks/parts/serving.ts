/**
 * Adds model serving to a stack set: KServe (cert-manager, CRDs, controller in Standard mode,
 * cluster runtimes) and Envoy Gateway in the platform layer; per service a Pod Identity role in the
 * cloud layer; the ServingGateway and the InferenceServices in the workloads layer —
 *
 * - `llm`: an LLM served by vLLM (KServe's Hugging Face runtime) on one MIG slice of the GPU pool
 *   the caller passes (create the pool first: the scheduling contract checks the slice fits), with
 *   an optional canary routed by the gateway;
 * - `sklearn` (when `sklearnModel` is given): a scikit-learn model from S3 on CPU, HPA on CPU
 *   utilization.
 *
 * Both are reachable inside the cluster through the gateway at `<name>.<namespace>.<domain>`.
 */
import { ITerraformDependable } from 'cdktf';
import { GpuNodePool } from '../../src/compute';
import { Preset, StackSet, SyncedSecret } from '../../src/core';
import { CanaryProps, EnvoyGateway, EnvoyGatewayAiSettings, IInferenceServiceIdentity, InferenceService, InferenceServiceIdentity, KServe, LlmAutoscalingProps, s3Uri, ServingGateway, ServingGatewayProps } from '../../src/serving';

/** Where the sklearn model is. */
export interface S3ModelLocation {
  /** Bucket of the model (may be a reference to a bucket of the cloud layer, e.g. MLflow's artifact bucket). */
  readonly bucket: string;
  /** Exact key prefix of the model directory, e.g. `models/churn/v3`. */
  readonly prefix: string;
  /** KMS key of the bucket when it uses SSE-KMS. @default - SSE-S3 */
  readonly kmsKeyArn?: string;
  /**
   * The prefix the service may read, when wider than `prefix` (e.g. `models/churn`, so versions a
   * training pipeline publishes under `models/churn/versions/` are readable too).
   * @default - `prefix`
   */
  readonly readPrefix?: string;
  /** A training pipeline rolls new versions out to it (`pipelineRollout` slot). @default false */
  readonly pipelineRollout?: boolean;
}

/** Options of {@link addServing}. */
export interface ServingOptions {
  /** EKS cluster name (Pod Identity associations). */
  readonly clusterName: string;
  /** The GPU pool (MIG-partitioned) the LLM runs on; must offer `llmMigProfile`. */
  readonly gpuPool: GpuNodePool;
  /**
   * The sklearn model in S3.
   * @default - no sklearn service
   */
  readonly sklearnModel?: S3ModelLocation;
  /**
   * The LLM (`hf://org/model[:revision]` or an `s3://` URI readable through `llmModel`).
   * @default 'hf://Qwen/Qwen2.5-7B-Instruct'
   */
  readonly llmStorageUri?: string;
  /**
   * MIG profile of the LLM's slice.
   * @default '3g.40gb'
   */
  readonly llmMigProfile?: string;
  /**
   * A canary of the LLM (e.g. a new model revision in `predictor.storageUri`), routed by the gateway.
   * @default - none
   */
  readonly llmCanary?: CanaryProps;
  /** A SyncedSecret with key `HF_TOKEN` in `namespace`, for gated models. @default - none */
  readonly hubToken?: SyncedSecret;
  /** AWS identity of the LLM (required for an `s3://` llmStorageUri, e.g. a `ModelMirror`'s). @default - none */
  readonly llmIdentity?: IInferenceServiceIdentity;
  /** Queue/KV-cache autoscaling of the LLM (KEDA). @default - fixed size (1 replica) */
  readonly llmAutoscaling?: { readonly props: LlmAutoscalingProps; readonly minReplicas: number; readonly maxReplicas: number };
  /** What the LLM's InferenceServices wait for (e.g. the weight mirror Jobs). @default - none */
  readonly llmDependsOn?: ITerraformDependable[];
  /** Run Envoy Gateway with Envoy AI Gateway's settings. @default - without */
  readonly envoyGatewayAi?: EnvoyGatewayAiSettings;
  /** Namespace of the services. @default 'models' */
  readonly namespace?: string;
  /** @default 'prod' */
  readonly preset?: Preset;
  /**
   * How the serving gateway is reached (e.g. a TLS NLB of the front door).
   * @default - inside the cluster only
   */
  readonly gatewayExposure?: Pick<ServingGatewayProps, 'exposure' | 'loadBalancer' | 'domain'>;
}

/** What {@link addServing} created. */
export interface ServingHandle {
  readonly kserve: KServe;
  readonly envoyGateway: EnvoyGateway;
  readonly gateway: ServingGateway;
  readonly llm: InferenceService;
  /** The sklearn service and its role, when `sklearnModel` was given. */
  readonly sklearn?: InferenceService;
  readonly sklearnIdentity?: InferenceServiceIdentity;
}

/** Adds serving to `set` (call after `set.connect(cluster)` and after creating `gpuPool`). */
export function addServing(set: StackSet, options: ServingOptions): ServingHandle {
  const namespace = options.namespace ?? 'models';
  const preset = options.preset;
  const kserve = new KServe(set.platform, 'kserve', { namespaces: [namespace], preset });
  const envoyGateway = new EnvoyGateway(set.platform, 'envoy-gateway', { preset, aiGateway: options.envoyGatewayAi });
  const gateway = new ServingGateway(set.workloads, 'serving-gateway', { routeNamespaces: [namespace], preset, ...options.gatewayExposure });

  const sklearn = options.sklearnModel ? addSklearn(set, options.sklearnModel, { clusterName: options.clusterName, namespace, gateway, preset }) : undefined;
  const llm = new InferenceService(set.workloads, 'llm', {
    namespace,
    gateway,
    preset,
    minReplicas: options.llmAutoscaling?.minReplicas ?? 1,
    maxReplicas: options.llmAutoscaling?.maxReplicas,
    llmAutoscaling: options.llmAutoscaling?.props,
    identity: options.llmIdentity,
    dependsOn: options.llmDependsOn,
    hubToken: options.hubToken,
    routeTimeout: '300s',
    canary: options.llmCanary,
    predictor: {
      modelFormat: 'huggingface',
      storageUri: options.llmStorageUri ?? 'hf://Qwen/Qwen2.5-7B-Instruct',
      // A 3g.40gb slice: bf16 weights of a 7–8B model (~16 GB) plus KV cache for 8k tokens.
      resources: { requests: { cpu: '4', memory: '24Gi' }, limits: { cpu: '8', memory: '32Gi' } },
      gpu: { pool: options.gpuPool, migProfile: options.llmMigProfile ?? '3g.40gb' },
      llm: { maxModelLen: 8192, dtype: 'bfloat16', gpuMemoryUtilization: 0.9 },
    },
  });
  return { kserve, envoyGateway, gateway, llm, sklearn: sklearn?.service, sklearnIdentity: sklearn?.identity };
}

/** A scikit-learn model from S3 on CPU, HPA on CPU utilization, with a role reading only its prefix. */
function addSklearn(
  set: StackSet,
  model: S3ModelLocation,
  context: { clusterName: string; namespace: string; gateway: ServingGateway; preset?: Preset },
): { service: InferenceService; identity: InferenceServiceIdentity } {
  const identity = new InferenceServiceIdentity(set.cloud, 'sklearn-identity', {
    clusterName: context.clusterName,
    namespace: context.namespace,
    serviceName: 'sklearn',
    models: [{ bucket: model.bucket, prefix: model.readPrefix ?? model.prefix }],
    kmsKeyArns: model.kmsKeyArn ? [model.kmsKeyArn] : undefined,
  });
  const service = new InferenceService(set.workloads, 'sklearn', {
    namespace: context.namespace,
    identity,
    gateway: context.gateway,
    preset: context.preset,
    minReplicas: 2,
    maxReplicas: 6,
    autoscaling: { metric: 'cpu', targetUtilization: 70 },
    ...(model.pipelineRollout ? { pipelineRollout: {} } : {}),
    predictor: {
      modelFormat: 'sklearn',
      storageUri: s3Uri(model.bucket, model.prefix),
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    },
  });
  return { service, identity };
}
