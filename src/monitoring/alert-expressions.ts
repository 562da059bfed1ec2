/**
 * PromQL of the MLOps alert rules and the retraining trigger, as pure functions (asserted exactly
 * in tests). Metric names and labels: see `constants.ts`.
 */
import { DRIFT_ALERT_NAME, DRIFT_METRICS, KSM_GPU_RESOURCE_REGEX, METRICS, PUSH_JOBS } from './constants';

/** Karpenter `resource_type` values of GPUs and MIG slices (`-` becomes `_`). */
export const KARPENTER_GPU_RESOURCE_REGEX = 'nvidia.com/gpu|nvidia.com/mig_.*';

/** Pods in phase Pending that request a GPU or a MIG slice (one series per pod). */
export function gpuPendingPodsExpr(): string {
  return (
    `max by (namespace, pod) (${METRICS.podPhase}{phase="Pending"}) == 1 ` +
    `and on (namespace, pod) max by (namespace, pod) (${METRICS.podRequests}{resource=~"${KSM_GPU_RESOURCE_REGEX}"}) > 0`
  );
}

/**
 * GPU nodes on which every GPU, and every MIG instance, stayed below `utilPercent` graphics-engine
 * activity (money burning while the node is up).
 */
export function gpuIdleExpr(utilPercent: number): string {
  return `max by (Hostname) (${METRICS.dcgmGrEngineActive}) * 100 < ${utilPercent}`;
}

/** NodePools whose GPU (or MIG) usage reached their limit: Karpenter launches no more such nodes. */
export function nodePoolGpuLimitExpr(): string {
  const sel = `{resource_type=~"${KARPENTER_GPU_RESOURCE_REGEX}"}`;
  return `sum by (nodepool, resource_type) (${METRICS.nodePoolUsage}${sel}) >= on (nodepool, resource_type) sum by (nodepool, resource_type) (${METRICS.nodePoolLimit}${sel})`;
}

/** p95 predict latency per model of KServe's Python model servers above `seconds`. */
export function inferenceLatencyExpr(seconds: number): string {
  return `histogram_quantile(0.95, sum by (namespace, model_name, le) (rate(${METRICS.kservePredictSeconds}_bucket[5m]))) > ${seconds}`;
}

/** Share of 5xx answers per Envoy Gateway route backend above `ratio`. */
export function inferenceErrorRateExpr(ratio: number): string {
  return (
    `sum by (envoy_cluster_name) (rate(${METRICS.envoyUpstreamRqXx}{envoy_response_code_class="5"}[5m])) ` +
    `/ sum by (envoy_cluster_name) (rate(${METRICS.envoyUpstreamRqTotal}[5m])) > ${ratio}`
  );
}

/** Share of drifted columns of `model` above `threshold`. */
export function driftExpr(model: string, threshold: number): string {
  return `max by (model) (${DRIFT_METRICS.shareOfDriftedColumns}{job="${PUSH_JOBS.drift}", model="${model}"}) > ${threshold}`;
}

/** No drift result pushed for `model` for `staleSeconds`. */
export function driftStaleExpr(model: string, staleSeconds: number): string {
  return `time() - max by (model) (push_time_seconds{job="${PUSH_JOBS.drift}", model="${model}"}) > ${staleSeconds}`;
}

/**
 * The retraining trigger of `model`: 1 while its drift alert is firing and no run started in the
 * last `cooldownSeconds`, else 0 (never empty). KEDA starts a Job when the value reaches 1.
 *
 * - `ALERTS{alertstate="firing"}` ties the run to the alert (threshold and window live in one
 *   place, the PrometheusRule);
 * - `mlops_retrain_started_timestamp_seconds` is pushed by the run itself when its pod starts, so
 *   the cooldown does not depend on the user's training code;
 * - `or on () vector(0)` keeps the result defined when nothing matches.
 */
export function retrainTriggerExpr(model: string, cooldownSeconds: number): string {
  return (
    `(max(ALERTS{alertname="${DRIFT_ALERT_NAME}", alertstate="firing", model="${model}"}) ` +
    `unless on () (time() - max(${DRIFT_METRICS.retrainStarted}{job="${PUSH_JOBS.retrain}", model="${model}"}) < ${cooldownSeconds})) ` +
    'or on () vector(0)'
  );
}
