/**
 * `LlmDashboard` (platform layer): the Grafana dashboard "MLOps / LLMs" — tokens per model, type
 * and tenant and their cost (from the AI gateway's token counts and the cost recording rule of
 * `LlmAlertRules`), latency as clients see it through the gateway (time to first token, time per
 * output token) and as vLLM sees it, and the vLLM servers' queue, KV cache and replicas.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Schemas } from '../../core/schemas';
import { validateProps } from '../../core/validation';
import { DashboardPanel, GrafanaDashboard, grafanaDashboardModel } from '../../monitoring/grafana-dashboard';
import { VLLM_METRICS } from '../../serving/llm-autoscaling';
import { GEN_AI_LABELS, GEN_AI_METRICS } from '../gateway/constants';
import { gatewayQuantileExpr, LLMOPS_RECORDED, tokenRateExpr, vllmQuantileExpr } from './llm-queries';

/** uid of the dashboard. */
export const LLM_DASHBOARD_UID = 'mlops-llms';

const M = GEN_AI_LABELS.requestModel;
const byModel = `{{${M}}}`;
const vllmModel = '{{namespace}}/{{model_name}}';

/** The panels, in order (two per row). */
export const LLM_DASHBOARD_PANELS: readonly DashboardPanel[] = [
  { title: 'Tokens/s by model and type (gateway)', expr: tokenRateExpr([M, GEN_AI_LABELS.tokenType], 'input|cached_input|output|reasoning'), legend: `${byModel} {{${GEN_AI_LABELS.tokenType}}}`, unit: 'short' },
  { title: 'Tokens/s by tenant (input + output)', expr: tokenRateExpr([GEN_AI_LABELS.tenant]), legend: `{{${GEN_AI_LABELS.tenant}}}`, unit: 'short' },
  { title: 'Token cost by model ($/hour)', expr: `sum by (${M}) (${LLMOPS_RECORDED.tokenCost}{})`, legend: byModel, unit: 'currencyUSD' },
  { title: 'Token cost by tenant ($/hour)', expr: `sum by (${GEN_AI_LABELS.tenant}) (${LLMOPS_RECORDED.tokenCost}{})`, legend: `{{${GEN_AI_LABELS.tenant}}}`, unit: 'currencyUSD' },
  { title: 'Time to first token p95 (gateway)', expr: gatewayQuantileExpr(0.95, GEN_AI_METRICS.timeToFirstToken), legend: byModel, unit: 's' },
  { title: 'Time per output token p95 (gateway)', expr: gatewayQuantileExpr(0.95, GEN_AI_METRICS.timePerOutputToken), legend: byModel, unit: 's' },
  { title: 'Requests/s and failures/s by model (gateway)', expr: `sum by (${M}, ${GEN_AI_LABELS.errorType}) (rate(${GEN_AI_METRICS.requestDuration}_count{}[5m]))`, legend: `${byModel} {{${GEN_AI_LABELS.errorType}}}`, unit: 'reqps' },
  { title: 'Request duration p95 (gateway)', expr: gatewayQuantileExpr(0.95, GEN_AI_METRICS.requestDuration), legend: byModel, unit: 's' },
  { title: 'Requests waiting (vLLM queue)', expr: `sum by (namespace, model_name) (${VLLM_METRICS.requestsWaiting}{})`, legend: vllmModel, unit: 'short' },
  { title: 'KV-cache usage (fullest replica)', expr: `max by (namespace, model_name) (${VLLM_METRICS.kvCacheUsage}{})`, legend: vllmModel, unit: 'percentunit' },
  { title: 'Time to first token p95 (vLLM)', expr: vllmQuantileExpr(0.95, VLLM_METRICS.timeToFirstToken), legend: vllmModel, unit: 's' },
  { title: 'Inter-token latency p95 (vLLM)', expr: vllmQuantileExpr(0.95, VLLM_METRICS.interTokenLatency), legend: vllmModel, unit: 's' },
  { title: 'Replicas serving (vLLM)', expr: `count by (namespace, model_name) (${VLLM_METRICS.requestsRunning}{})`, legend: vllmModel, unit: 'short' },
  { title: 'Generated tokens/s (vLLM)', expr: `sum by (namespace, model_name) (rate(${VLLM_METRICS.generationTokens}{}[5m]))`, legend: vllmModel, unit: 'short' },
];

/** The dashboard JSON model. */
export function llmDashboard(): Record<string, unknown> {
  return grafanaDashboardModel({ uid: LLM_DASHBOARD_UID, title: 'MLOps / LLMs', tags: ['mlops', 'llm'], panels: LLM_DASHBOARD_PANELS });
}

/** Props of {@link LlmDashboard}. */
export interface LlmDashboardProps {
  /** Namespace of the ConfigMap. @default 'monitoring' */
  readonly namespace?: string;
  /** Resources to wait for (the monitoring namespace). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<LlmDashboardProps>()({ namespace: Schemas.k8sName().optional(), dependsOn: z.array(z.any()).optional() });

/** The LLM dashboard ConfigMap. */
export class LlmDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: LlmDashboardProps = {}) {
    super(scope, id, { name: 'mlops-llm-dashboard', fileName: 'mlops-llms.json', model: llmDashboard(), namespace: props?.namespace, dependsOn: props?.dependsOn });
    validateProps(this, schema, props);
  }
}
