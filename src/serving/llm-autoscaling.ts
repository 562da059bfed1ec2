/**
 * Autoscaling of vLLM InferenceServices on what limits an LLM server — its queue and its KV cache —
 * through KServe's own KEDA integration (Standard mode): the InferenceService gets
 * `serving.kserve.io/autoscalerClass: keda` and `spec.predictor.autoScaling`, and KServe v0.20
 * creates the KEDA ScaledObject of the predictor Deployment itself
 * (`reconcilers/keda/keda_reconciler.go`: one `prometheus` trigger per `External` metric, with
 * `serverAddress`, `query` and `threshold` = `target.value`; `minReplicaCount`/`maxReplicaCount`
 * from min/maxReplicas; the HPA behavior from `autoScaling.behavior`). No second HPA fights KServe's:
 * KServe makes none with this class, and KEDA owns the one it creates.
 *
 * Triggers (KEDA's Prometheus scaler uses `AverageValue`: desired replicas = ceil(value / threshold)):
 * - queue: `sum(vllm:num_requests_waiting)` of the service's pods — requests vLLM could not admit;
 * - KV cache: `sum(vllm:kv_cache_usage_perc)` of its pods — the cache fills before the queue grows
 *   on long contexts;
 * - with `minReplicas: 0`, activation: requests the gateway could not send because the service had
 *   no ready pod (`envoy_cluster_upstream_cx_none_healthy` of its routes' clusters), so a service
 *   scaled to zero wakes on traffic. In Standard mode those first requests get `503` until a pod
 *   is ready (a GPU node takes minutes): retry on the client, or use Knative mode, which holds them.
 * Metric names are those of vLLM 0.24.0, the vLLM of the pinned `IMAGES.kserveHuggingfaceGpu`
 * (KServe v0.20.0 `python/huggingface_server.Dockerfile`: `ARG VLLM_VERSION=0.24.0`). The pods are
 * selected by namespace and pod name (`<name>-predictor-…`), so a canary (`<name>-canary-predictor-…`)
 * is not counted.
 *
 * GPU nodes follow replicas: a new replica that does not fit is Pending until Karpenter launches a
 * node of the GPU pool (bounded by the pool's `limits`); scale-down removes replicas after the
 * stabilization window and Karpenter consolidates the empty node.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { failProp, Schemas } from '../core/validation';
import { predictorServiceName } from './constants';

/** vLLM 0.24.0 metrics the triggers read (vllm/v1/metrics/loggers.py; see ../shared/upstream/vllm). */
export const VLLM_METRICS = {
  requestsWaiting: 'vllm:num_requests_waiting',
  requestsRunning: 'vllm:num_requests_running',
  kvCacheUsage: 'vllm:kv_cache_usage_perc',
  promptTokens: 'vllm:prompt_tokens_total',
  generationTokens: 'vllm:generation_tokens_total',
  timeToFirstToken: 'vllm:time_to_first_token_seconds',
  interTokenLatency: 'vllm:inter_token_latency_seconds',
  e2eLatency: 'vllm:e2e_request_latency_seconds',
  queueTime: 'vllm:request_queue_time_seconds',
  preemptions: 'vllm:num_preemptions_total',
} as const;

/** Envoy's counter of requests a cluster could not send for want of a healthy endpoint. */
export const ENVOY_NO_HEALTHY_UPSTREAM = 'envoy_cluster_upstream_cx_none_healthy';

/** Defaults of {@link LlmAutoscalingProps}. */
export const LLM_AUTOSCALING_DEFAULTS = {
  targetWaitingRequests: 4,
  targetKvCacheUsage: 0.8,
  /** GPU capacity is slow to get back: scale in only after 10 minutes below target. */
  scaleDownStabilizationSeconds: 600,
} as const;

/** Autoscaling of a vLLM predictor on its queue and KV cache (Standard mode, KEDA). */
export interface LlmAutoscalingProps {
  /** Prometheus the triggers query (`Monitoring.prometheusUrl`); it must scrape the model servers. */
  readonly prometheusUrl: string;
  /** Waiting requests per replica to keep. @default 4 */
  readonly targetWaitingRequests?: number;
  /** KV-cache usage (0–1) per replica to keep. @default 0.8 */
  readonly targetKvCacheUsage?: number;
  /** Seconds the metrics must stay below target before replicas are removed. @default 600 */
  readonly scaleDownStabilizationSeconds?: number;
  /**
   * With `minReplicas: 0`: names of more routes (HTTPRoutes, or AIGatewayRoutes — whose HTTPRoute has
   * the same name) in the service's namespace whose traffic wakes the service; its own gateway route
   * always does.
   * @default - none
   */
  readonly activationRoutes?: readonly string[];
}

/** Zod schema of {@link LlmAutoscalingProps}. */
export const llmAutoscalingSchema = Schemas.props<LlmAutoscalingProps>()({
  prometheusUrl: Schemas.httpUrl('pass Monitoring.prometheusUrl'),
  targetWaitingRequests: z.number().positive({ message: 'must be above 0; give the waiting requests per replica to keep' }).optional(),
  targetKvCacheUsage: z.number().gt(0, { message: 'must be above 0' }).lt(1, { message: 'must be below 1; give the KV-cache usage (0–1) per replica to keep, e.g. 0.8' }).optional(),
  scaleDownStabilizationSeconds: z.number().int().min(0).max(3600, { message: 'is over 3600 seconds, the HPA maximum' }).optional(),
  activationRoutes: z.array(Schemas.k8sName()).optional(),
});

/** Pod selector of a service's predictor pods in PromQL. */
export function predictorPodSelector(name: string, namespace: string): string {
  return `namespace="${namespace}", pod=~"${predictorServiceName(name)}-.*"`;
}

/** The queue-depth query. */
export function queueDepthQuery(name: string, namespace: string): string {
  return `sum(${VLLM_METRICS.requestsWaiting}{${predictorPodSelector(name, namespace)}})`;
}

/** The KV-cache query. */
export function kvCacheQuery(name: string, namespace: string): string {
  return `sum(${VLLM_METRICS.kvCacheUsage}{${predictorPodSelector(name, namespace)}})`;
}

/** Requests to the routes' clusters that found no ready pod (Envoy Gateway names a route's clusters `httproute/<ns>/<route>/rule/<i>`). */
export function activationQuery(routes: readonly string[], namespace: string): string {
  return `sum(rate(${ENVOY_NO_HEALTHY_UPSTREAM}{envoy_cluster_name=~"httproute/${namespace}/(${[...routes].sort().join('|')})/rule/.*"}[2m]))`;
}

/** Annotation value and `spec.predictor.autoScaling` of a vLLM predictor. */
export function renderLlmAutoscaling(
  scope: Construct,
  props: LlmAutoscalingProps,
  service: { readonly name: string; readonly namespace: string; readonly minReplicas: number; readonly routed: boolean },
): Record<string, unknown> {
  const d = LLM_AUTOSCALING_DEFAULTS;
  const external = (query: string, value: number) => ({
    type: 'External',
    external: { metric: { backend: 'prometheus', serverAddress: props.prometheusUrl, query }, target: { type: 'Value', value: String(value) } },
  });
  const metrics = [
    external(queueDepthQuery(service.name, service.namespace), props.targetWaitingRequests ?? d.targetWaitingRequests),
    external(kvCacheQuery(service.name, service.namespace), props.targetKvCacheUsage ?? d.targetKvCacheUsage),
  ];
  if (service.minReplicas === 0) {
    const routes = [...(service.routed ? [service.name] : []), ...(props.activationRoutes ?? [])];
    if (routes.length === 0) {
      failProp(scope, 'minReplicas', 0, 'scales to zero, but nothing could wake the service: vLLM exports no metrics without a pod; give the service a gateway or llmAutoscaling.activationRoutes (e.g. its AI gateway route)');
    }
    metrics.push(external(activationQuery([...new Set(routes)], service.namespace), 1));
  }
  return {
    metrics,
    behavior: { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: props.scaleDownStabilizationSeconds ?? d.scaleDownStabilizationSeconds } },
  };
}
