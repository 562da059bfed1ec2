/**
 * The predictor of an InferenceService as typed props, and its rendering into the
 * `spec.predictor` of `serving.kserve.io/v1beta1` (the `model` form: model format + runtime).
 */
import { PinnedImage, IMAGES } from '../core/versions';
import { deviceCount, GpuRequest, gpuResources, llmArgs, LlmOptions, llmProbes, LLM_DEFAULTS, SHM_VOLUME } from './accelerators';
import { KSERVE_CONTAINER_NAME, ModelFormat, MODEL_FORMATS, MODEL_SERVER_CONTAINER_PORT } from './constants';
import { containerResources, MODEL_CONTAINER_SECURITY, PredictorResources } from './resources';
import { ServingRuntime } from './serving-runtime';

/** The model server of one predictor. */
export interface PredictorProps {
  /**
   * Model format; picks the cluster runtime of `kserve-runtime-configs` (see `MODEL_FORMATS`).
   * Not used with a custom `runtime` (the runtime names its format).
   * @default - required unless `runtime` is a ServingRuntime
   */
  readonly modelFormat?: ModelFormat;
  /**
   * A custom runtime (a `ServingRuntime` in the same namespace) or the name of a
   * ClusterServingRuntime.
   * @default - the cluster runtime of `modelFormat`
   */
  readonly runtime?: ServingRuntime | string;
  /**
   * Model format version (e.g. `1` for sklearn 1.x).
   * @default - any version the runtime supports
   */
  readonly modelFormatVersion?: string;
  /**
   * Where the model is: `s3://bucket/prefix` (read through the service's Pod Identity; pass
   * `identity`), `https://…`, or `hf://org/model[:revision]`.
   */
  readonly storageUri: string;
  /** Requests and limits of the model server container (required). */
  readonly resources: PredictorResources;
  /**
   * Whole GPUs or MIG slices per pod, from a GPU node pool.
   * @default - CPU only
   */
  readonly gpu?: GpuRequest;
  /**
   * Serve an LLM with vLLM (Hugging Face runtime, `--backend=vllm`). Only with `modelFormat: 'huggingface'`.
   * @default - not an LLM
   */
  readonly llm?: LlmOptions;
  /**
   * Extra model server args.
   * @default - none
   */
  readonly args?: readonly string[];
  /**
   * Extra environment variables (no secrets: use `hubToken` for the hub token).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Inference protocol.
   * @default - the runtime's default
   */
  readonly protocolVersion?: 'v1' | 'v2';
  /**
   * Model server image override, pinned.
   * @default - the runtime's image (for a GPU LLM: IMAGES.kserveHuggingfaceGpu, the CUDA build)
   */
  readonly image?: PinnedImage;
}

/** Pod-level settings of the predictor that the service decides (identity, scheduling, scaling). */
export interface PredictorPodOptions {
  readonly serviceAccountName: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly autoscaling?: { readonly metric: 'cpu' | 'memory' | 'concurrency' | 'rps'; readonly targetUtilization: number };
  /** `spec.predictor.autoScaling` (KEDA metrics and HPA behavior). */
  readonly autoScaling?: Record<string, unknown>;
  /** Secret holding `HF_TOKEN` (model container env). */
  readonly hubTokenSecret?: { readonly name: string; readonly key: string };
}

/** The `runtime` and `modelFormat.name` a predictor resolves to. */
export function resolveRuntime(props: PredictorProps): { runtime: string; formatName: string } {
  if (props.runtime instanceof ServingRuntime) return { runtime: props.runtime.runtimeName, formatName: props.runtime.modelFormat };
  const known = MODEL_FORMATS[props.modelFormat!];
  return { runtime: props.runtime ?? known.runtime, formatName: known.formatName };
}

/**
 * Whether the predictor uses a runtime of the `kserve-runtime-configs` chart, which declares no
 * container port: the predictor then declares {@link MODEL_SERVER_CONTAINER_PORT} itself. A custom
 * `ServingRuntime` declares its own port, and a ClusterServingRuntime named by string is unknown.
 */
export function usesChartRuntime(props: PredictorProps): boolean {
  if (props.runtime instanceof ServingRuntime) return false;
  const { runtime } = resolveRuntime(props);
  return Object.values(MODEL_FORMATS).some((f) => f.runtime === runtime);
}

/** `spec.predictor` of an InferenceService. */
export function renderPredictor(props: PredictorProps, pod: PredictorPodOptions): Record<string, unknown> {
  const { runtime, formatName } = resolveRuntime(props);
  const extended = props.gpu ? gpuResources(props.gpu) : {};
  const args = [...(props.llm ? llmArgs(props.llm, props.gpu ? deviceCount(props.gpu) : 1) : []), ...(props.args ?? [])];
  const env: Array<Record<string, unknown>> = Object.keys(props.env ?? {})
    .sort()
    .map((name) => ({ name, value: props.env![name] }));
  if (pod.hubTokenSecret) env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { ...pod.hubTokenSecret } } });
  const image = props.image ?? (props.llm && props.gpu ? IMAGES.kserveHuggingfaceGpu : undefined);

  const model: Record<string, unknown> = {
    name: KSERVE_CONTAINER_NAME,
    modelFormat: { name: formatName, ...(props.modelFormatVersion ? { version: props.modelFormatVersion } : {}) },
    runtime,
    storageUri: props.storageUri,
    ...(image ? { image: `${image.repository}:${image.tag}` } : {}),
    ...(props.protocolVersion ? { protocolVersion: props.protocolVersion } : {}),
    ...(args.length > 0 ? { args } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(usesChartRuntime(props) ? { ports: [{ ...MODEL_SERVER_CONTAINER_PORT }] } : {}),
    resources: containerResources(props.resources, extended),
    securityContext: structuredClone(MODEL_CONTAINER_SECURITY),
    ...(props.llm ? llmProbes(props.llm) : {}),
    ...(props.llm ? { volumeMounts: [{ name: SHM_VOLUME, mountPath: '/dev/shm' }] } : {}),
  };

  const predictor: Record<string, unknown> = {
    serviceAccountName: pod.serviceAccountName,
    minReplicas: pod.minReplicas,
    maxReplicas: pod.maxReplicas,
    ...(pod.autoscaling ? { scaleMetric: pod.autoscaling.metric, scaleTarget: pod.autoscaling.targetUtilization } : {}),
    ...(pod.autoScaling ? { autoScaling: pod.autoScaling } : {}),
    model,
  };
  if (props.gpu) {
    predictor.nodeSelector = { ...props.gpu.pool.nodeSelector };
    predictor.tolerations = props.gpu.pool.tolerations.map((t) => ({ ...t }));
  }
  if (props.llm) {
    predictor.volumes = [{ name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: props.llm.sharedMemory ?? LLM_DEFAULTS.sharedMemory } }];
  }
  return predictor;
}
