/**
 * `LlmAlertRules` (workloads layer): a PrometheusRule for the LLM services —
 *
 * | rule | what | default |
 * |---|---|---|
 * | `llmops:token_cost_dollars_per_hour` (recording) | $/hour of each priced model's tokens, per tenant | — |
 * | `LlmRequestQueueBacklog` | requests waiting in vLLM's queue: the autoscaler is at `maxReplicas` or the GPU pool at its limit | > 20 for 10m |
 * | `LlmKvCacheSaturated` | a replica's KV cache full: long contexts queue or are preempted | > 95% for 10m |
 * | `LlmTimeToFirstTokenHigh` | p95 time to first token (vLLM) | > 2 s for 10m |
 * | `LlmPreempting` | vLLM preempts requests (KV cache too small for the load) | any for 15m |
 * | `LlmGatewayErrorRateHigh` | share of AI-gateway requests that failed (includes 429s of exhausted budgets) | > 5% for 10m |
 *
 * PromQL in `llm-queries.ts`. Prometheus selects the rule without a release label (`Monitoring`
 * sets `ruleSelectorNilUsesHelmValues: false`).
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../../core/layers/mlops-stack';
import { Schemas, validateProps } from '../../core/validation';
import { MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS } from '../../monitoring/constants';
import { AlertRule, rule } from '../../monitoring/mlops-alert-rules';
import { PricedModel } from '../gateway/llm-gateway';
import { gatewayErrorRatioExpr, kvCacheSaturatedExpr, LLMOPS_RECORDED, preemptionsExpr, queueBacklogExpr, timeToFirstTokenExpr, tokenCostExpr } from './llm-queries';
import { KubernetesManifest } from '../../core/resources/kubernetes-manifest';

/** Thresholds of the alerts. */
export const LLM_ALERT_DEFAULTS = {
  queueBacklog: 20,
  queueFor: '10m',
  kvCacheRatio: 0.95,
  kvCacheFor: '10m',
  timeToFirstTokenSeconds: 2,
  timeToFirstTokenFor: '10m',
  preemptionsFor: '15m',
  gatewayErrorRatio: 0.05,
  gatewayErrorFor: '10m',
} as const;

/** Props of {@link LlmAlertRules}. */
export interface LlmAlertRulesProps {
  /** Namespace of the PrometheusRule. @default 'monitoring' */
  readonly namespace?: string;
  /** Models with a token price (`LlmGateway.pricedModels`): one cost recording rule each. @default - none */
  readonly pricedModels?: readonly PricedModel[];
  /** Waiting requests of a model above which `LlmRequestQueueBacklog` fires. @default 20 */
  readonly queueBacklog?: number;
  /** KV-cache usage (0–1) above which `LlmKvCacheSaturated` fires. @default 0.95 */
  readonly kvCacheRatio?: number;
  /** p95 time to first token (seconds) above which `LlmTimeToFirstTokenHigh` fires. @default 2 */
  readonly timeToFirstTokenSeconds?: number;
  /** Share of failed gateway requests above which `LlmGatewayErrorRateHigh` fires. @default 0.05 */
  readonly gatewayErrorRatio?: number;
}

const schema = Schemas.props<LlmAlertRulesProps>()({
  namespace: Schemas.k8sName().optional(),
  pricedModels: z
    .array(Schemas.object({ model: z.string().min(1), pricing: Schemas.object({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }) }))
    .optional(),
  queueBacklog: z.number().positive().optional(),
  kvCacheRatio: z.number().gt(0).max(1, { message: 'is above 1; give a share of the KV cache (0–1)' }).optional(),
  timeToFirstTokenSeconds: z.number().positive().optional(),
  gatewayErrorRatio: z.number().gt(0).max(1, { message: 'is above 1; give a share between 0 and 1' }).optional(),
});

/** A recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

/** The PrometheusRule of the LLM services. */
export class LlmAlertRules extends Construct {
  public readonly manifest: KubernetesManifest;
  public readonly groups: ReadonlyArray<{ name: string; rules: ReadonlyArray<AlertRule | RecordingRule> }>;

  constructor(scope: Construct, id: string, props: LlmAlertRulesProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'LlmAlertRules');
    const o = { ...LLM_ALERT_DEFAULTS, ...props };
    const cost: RecordingRule[] = (props.pricedModels ?? []).map((m) => ({ record: LLMOPS_RECORDED.tokenCost, expr: tokenCostExpr(m.model, m.pricing.inputPerMillion, m.pricing.outputPerMillion) }));
    this.groups = [
      ...(cost.length > 0 ? [{ name: 'llmops.cost', rules: cost }] : []),
      {
        name: 'llmops.serving',
        rules: [
          rule('LlmRequestQueueBacklog', queueBacklogExpr(o.queueBacklog), o.queueFor, 'warning', 'LLM {{ $labels.namespace }}/{{ $labels.model_name }} has a request backlog', `More than ${o.queueBacklog} requests wait in vLLM's queue for ${o.queueFor}: the service is at maxReplicas or its GPU pool at its limit.`),
          rule('LlmKvCacheSaturated', kvCacheSaturatedExpr(o.kvCacheRatio), o.kvCacheFor, 'warning', 'LLM {{ $labels.namespace }}/{{ $labels.model_name }} has a full KV cache', `A replica's KV cache stayed above ${o.kvCacheRatio * 100}% for ${o.kvCacheFor}; long contexts queue or are preempted.`),
          rule('LlmTimeToFirstTokenHigh', timeToFirstTokenExpr(o.timeToFirstTokenSeconds), o.timeToFirstTokenFor, 'warning', 'LLM {{ $labels.namespace }}/{{ $labels.model_name }} answers slowly', `p95 time to first token above ${o.timeToFirstTokenSeconds}s for ${o.timeToFirstTokenFor}.`),
          rule('LlmPreempting', preemptionsExpr(), o.preemptionsFor, 'warning', 'LLM {{ $labels.namespace }}/{{ $labels.model_name }} preempts requests', `vLLM preempted requests for ${o.preemptionsFor}: its KV cache is too small for the load (lower max_model_len, give it more GPU memory, or scale out).`),
          rule('LlmGatewayErrorRateHigh', gatewayErrorRatioExpr(o.gatewayErrorRatio), o.gatewayErrorFor, 'critical', 'Model {{ $labels.gen_ai_request_model }} fails through the LLM gateway', `More than ${o.gatewayErrorRatio * 100}% of its requests failed for ${o.gatewayErrorFor} (including 429s of exhausted token budgets).`),
        ],
      },
    ];
    this.manifest = new KubernetesManifest(this, 'rule', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.prometheusRule,
        metadata: { name: 'llmops', namespace: props.namespace ?? MONITORING_DEFAULTS.namespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } },
        spec: { groups: this.groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ ...r })) })) },
      },
    });
  }
}
