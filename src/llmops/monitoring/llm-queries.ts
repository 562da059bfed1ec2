/**
 * PromQL of the LLM alerts, recording rules and dashboard, as pure functions. Every metric they
 * name is exported by a pinned component — vLLM 0.24.0 in KServe's huggingfaceserver image
 * (`VLLM_METRICS`), the Envoy AI Gateway v1.1.0 external processor (`GEN_AI_METRICS`) — or recorded
 * by the library itself (`LLMOPS_RECORDED`); test/contract/llm-metrics.contract.test.ts checks each
 * name against ../shared/upstream/vllm/metrics-v0.24.0.txt and the AI gateway fixture. A metric
 * name is always followed by its label matchers (`{…}`), so the contract test can find them.
 */
import { VLLM_METRICS } from '../../serving/llm-autoscaling';
import { GEN_AI_LABELS, GEN_AI_METRICS } from '../gateway/constants';

/** Metrics the library records. */
export const LLMOPS_RECORDED = {
  /** US dollars per hour of the tokens a tenant uses on a model, labels `gen_ai_request_model`, `tenant_id`. */
  tokenCost: 'llmops:token_cost_dollars_per_hour',
} as const;

const M = GEN_AI_LABELS.requestModel;
const T = GEN_AI_LABELS.tokenType;

/** Tokens per second of a type, by the given labels. */
export function tokenRateExpr(by: readonly string[], tokenTypes = 'input|output'): string {
  return `sum by (${by.join(', ')}) (rate(${GEN_AI_METRICS.tokenUsage}_sum{${T}=~"${tokenTypes}"}[5m]))`;
}

/** The token cost of one model per tenant in $/hour: input and output tokens times their prices. */
export function tokenCostExpr(model: string, inputPerMillion: number, outputPerMillion: number): string {
  const rate = (type: string) => `rate(${GEN_AI_METRICS.tokenUsage}_sum{${M}="${model}", ${T}="${type}"}[5m])`;
  return `sum by (${M}, ${GEN_AI_LABELS.tenant}) ((${rate('input')} * ${inputPerMillion}) or (${rate('output')} * ${outputPerMillion})) * 3600 / 1000000`;
}

/** A latency quantile of a gateway histogram by model. */
export function gatewayQuantileExpr(q: number, histogram: string): string {
  return `histogram_quantile(${q}, sum by (le, ${M}) (rate(${histogram}_bucket{}[5m])))`;
}

/** A latency quantile of a vLLM histogram by model. */
export function vllmQuantileExpr(q: number, histogram: string): string {
  return `histogram_quantile(${q}, sum by (le, namespace, model_name) (rate(${histogram}_bucket{}[5m])))`;
}

/** Requests waiting in vLLM's queue above `threshold`, per model. */
export function queueBacklogExpr(threshold: number): string {
  return `sum by (namespace, model_name) (${VLLM_METRICS.requestsWaiting}{}) > ${threshold}`;
}

/** KV-cache usage of the fullest replica above `ratio`, per model. */
export function kvCacheSaturatedExpr(ratio: number): string {
  return `max by (namespace, model_name) (${VLLM_METRICS.kvCacheUsage}{}) > ${ratio}`;
}

/** p95 time to first token (vLLM, server side) above `seconds`, per model. */
export function timeToFirstTokenExpr(seconds: number): string {
  return `${vllmQuantileExpr(0.95, VLLM_METRICS.timeToFirstToken)} > ${seconds}`;
}

/** Requests preempted by vLLM (KV cache too small for the load), per model. */
export function preemptionsExpr(): string {
  return `sum by (namespace, model_name) (rate(${VLLM_METRICS.preemptions}{}[5m])) > 0`;
}

/** Share of gateway requests that ended in an error above `ratio`, per model. */
export function gatewayErrorRatioExpr(ratio: number): string {
  const count = `${GEN_AI_METRICS.requestDuration}_count`;
  return `sum by (${M}) (rate(${count}{${GEN_AI_LABELS.errorType}!=""}[5m])) / sum by (${M}) (rate(${count}{}[5m])) > ${ratio}`;
}
