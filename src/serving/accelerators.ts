/**
 * GPU and MIG requests of a predictor, and the vLLM settings of LLM serving. A GPU request names
 * the `GpuNodePool` that serves it: the pod gets that pool's tolerations and node selector, and the
 * scheduling contract (`assertSchedulable`) checks that the pool can run it at synth.
 */
import { GPU_RESOURCE } from '../compute/gpu-node-pool';
import { migResourceName } from '../compute/mig/resources';
import { NodePoolOffer, Toleration } from '../compute/scheduling/types';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { MODEL_SERVER_CONTAINER_PORT } from './constants';

/** What a predictor needs of a GPU node pool (`GpuNodePool` implements it). */
export interface IServingGpuPool {
  /** Karpenter NodePool name. */
  readonly nodePoolName: string;
  /** Tolerations a pod needs to land on the pool's nodes (its GPU taints). */
  readonly tolerations: readonly Toleration[];
  /** Node selector that pins a pod to the pool. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** What the pool offers (for the scheduling contract). */
  readonly offer: NodePoolOffer;
}

/** A GPU request of one predictor pod. */
export interface GpuRequest {
  /** The pool whose nodes serve the request. */
  readonly pool: IServingGpuPool;
  /**
   * Whole GPUs per pod. Exactly one of `gpus` and `migProfile`.
   * @default - none
   */
  readonly gpus?: number;
  /**
   * MIG profile of the slice(s), e.g. `3g.40gb` (requests `nvidia.com/mig-3g.40gb`).
   * @default - none
   */
  readonly migProfile?: string;
  /**
   * Number of MIG slices per pod.
   * @default 1
   */
  readonly migSlices?: number;
}

/** Zod schema of {@link GpuRequest} (used by predictors and training pipelines). */
export const gpuRequestSchema = Schemas.props<GpuRequest>()({
  pool: Schemas.construct('a GpuNodePool', { nodePoolName: z.string(), tolerations: z.array(z.any()), nodeSelector: z.record(z.string(), z.string()), offer: z.any() }),
  gpus: Schemas.positiveInt('GPU count').optional(),
  migProfile: z.string().regex(/^\d+g\.\d+gb(\+me)?$/, { message: 'is not a MIG profile; use e.g. "3g.40gb"' }).optional(),
  migSlices: Schemas.positiveInt('slice count').optional(),
});

/** The extended resources a GPU request asks for, e.g. `{ 'nvidia.com/mig-3g.40gb': 1 }`. */
export function gpuResources(request: GpuRequest): Record<string, number> {
  if (request.migProfile !== undefined) return { [migResourceName(request.migProfile)]: request.migSlices ?? 1 };
  return { [GPU_RESOURCE]: request.gpus ?? 1 };
}

/** Number of CUDA devices the model server sees (vLLM's tensor parallel size). */
export function deviceCount(request: GpuRequest): number {
  return request.migProfile !== undefined ? (request.migSlices ?? 1) : (request.gpus ?? 1);
}

/** Weight dtypes vLLM accepts. */
export type LlmDtype = 'auto' | 'float16' | 'bfloat16' | 'float32';

/** vLLM settings of an LLM served by KServe's Hugging Face runtime. */
export interface LlmOptions {
  /**
   * Maximum context length (prompt + output tokens); bounds the KV cache.
   * @default - the model's own maximum (often too large for a MIG slice: set it)
   */
  readonly maxModelLen?: number;
  /**
   * Weight dtype.
   * @default 'auto'
   */
  readonly dtype?: LlmDtype;
  /**
   * Fraction of GPU memory vLLM may use.
   * @default - vLLM's default (0.9)
   */
  readonly gpuMemoryUtilization?: number;
  /**
   * Extra vLLM engine arguments, e.g. `['--enable-prefix-caching']`.
   * @default - none
   */
  readonly extraArgs?: readonly string[];
  /**
   * Size of the shared-memory volume at /dev/shm (NCCL and PyTorch workers use it).
   * @default '2Gi'
   */
  readonly sharedMemory?: string;
  /**
   * How long the server may take to download and load the model before Kubernetes restarts it.
   * @default 1800 (30 minutes)
   */
  readonly startupTimeoutSeconds?: number;
}

/** Defaults of {@link LlmOptions}. */
export const LLM_DEFAULTS = { dtype: 'auto' as LlmDtype, sharedMemory: '2Gi', startupTimeoutSeconds: 1800 } as const;

/** HTTP port of KServe's model servers (the port {@link MODEL_SERVER_CONTAINER_PORT} declares). */
export const MODEL_SERVER_PORT = MODEL_SERVER_CONTAINER_PORT.containerPort;

/** KServe model server health routes. */
export const HEALTH_PATHS = { ready: '/v2/health/ready', live: '/v2/health/live' } as const;

/** Period of the startup probe (its failure threshold is the timeout divided by it). */
export const STARTUP_PROBE_PERIOD_SECONDS = 30;

/** Model server args of a vLLM-backed Hugging Face predictor. */
export function llmArgs(options: LlmOptions, tensorParallelSize: number): string[] {
  const args = ['--backend=vllm', `--dtype=${options.dtype ?? LLM_DEFAULTS.dtype}`, `--tensor-parallel-size=${tensorParallelSize}`];
  if (options.maxModelLen !== undefined) args.push(`--max_model_len=${options.maxModelLen}`);
  if (options.gpuMemoryUtilization !== undefined) args.push(`--gpu-memory-utilization=${options.gpuMemoryUtilization}`);
  return [...args, ...(options.extraArgs ?? [])];
}

/** The probes of an LLM server: a long startup probe (model download and load), then readiness and liveness. */
export function llmProbes(options: LlmOptions): Record<string, unknown> {
  const timeout = options.startupTimeoutSeconds ?? LLM_DEFAULTS.startupTimeoutSeconds;
  // KServe's model server registers the V2 health routes for every runtime (protocol/rest/v2_endpoints.py).
  const httpGet = (path: string): Record<string, unknown> => ({ path, port: MODEL_SERVER_PORT });
  return {
    startupProbe: { httpGet: httpGet(HEALTH_PATHS.ready), periodSeconds: STARTUP_PROBE_PERIOD_SECONDS, failureThreshold: Math.ceil(timeout / STARTUP_PROBE_PERIOD_SECONDS), timeoutSeconds: 10 },
    readinessProbe: { httpGet: httpGet(HEALTH_PATHS.ready), periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet: httpGet(HEALTH_PATHS.live), periodSeconds: 30, failureThreshold: 5, timeoutSeconds: 10 },
  };
}

/** Name of the shared-memory volume (the same name the Hugging Face ClusterServingRuntime uses, so the two merge). */
export const SHM_VOLUME = 'devshm';
