import { LlmDashboard, llmDashboard, LLM_DASHBOARD_PANELS } from '../../src/llmops/monitoring/llm-dashboard';
import { tokenCostExpr } from '../../src/llmops/monitoring/llm-queries';
import { platformStack, resourceList, synth } from '../helpers/synth';
import { llmFixture } from './fixture';

const f = llmFixture();

describe('LLM alert and cost rules', () => {
  const rule = () => resourceList(f.workloadsJson(), 'kubernetes_manifest').map((r) => r.manifest).find((m) => m.kind === 'PrometheusRule' && m.metadata.name === 'llmops');

  test('a cost recording rule per priced model: input and output tokens times their prices, per tenant, in $/hour', () => {
    const [cost, serving] = rule().spec.groups;
    expect(cost).toEqual({
      name: 'llmops.cost',
      rules: [
        {
          record: 'llmops:token_cost_dollars_per_hour',
          expr: 'sum by (gen_ai_request_model, tenant_id) ((rate(gen_ai_client_token_usage_sum{gen_ai_request_model="llm", gen_ai_token_type="input"}[5m]) * 0.16) or (rate(gen_ai_client_token_usage_sum{gen_ai_request_model="llm", gen_ai_token_type="output"}[5m]) * 0.95)) * 3600 / 1000000',
        },
      ],
    });
    expect(serving.rules.map((r: any) => [r.alert, r.for, r.labels.severity])).toEqual([
      ['LlmRequestQueueBacklog', '10m', 'warning'],
      ['LlmKvCacheSaturated', '10m', 'warning'],
      ['LlmTimeToFirstTokenHigh', '10m', 'warning'],
      ['LlmPreempting', '15m', 'warning'],
      ['LlmGatewayErrorRateHigh', '10m', 'critical'],
    ]);
    expect(serving.rules[0].expr).toBe('sum by (namespace, model_name) (vllm:num_requests_waiting{}) > 20');
    expect(serving.rules[2].expr).toBe('histogram_quantile(0.95, sum by (le, namespace, model_name) (rate(vllm:time_to_first_token_seconds_bucket{}[5m]))) > 2');
    expect(serving.rules[4].expr).toBe('sum by (gen_ai_request_model) (rate(gen_ai_server_request_duration_seconds_count{error_type!=""}[5m])) / sum by (gen_ai_request_model) (rate(gen_ai_server_request_duration_seconds_count{}[5m])) > 0.05');
    expect(tokenCostExpr('m', 1, 2)).toContain('* 1) or (');
  });
});

describe('LlmDashboard', () => {
  test('tokens, cost, latency through the gateway and in vLLM, queue, KV cache and replicas', () => {
    expect(LLM_DASHBOARD_PANELS.map((p) => p.title)).toEqual([
      'Tokens/s by model and type (gateway)',
      'Tokens/s by tenant (input + output)',
      'Token cost by model ($/hour)',
      'Token cost by tenant ($/hour)',
      'Time to first token p95 (gateway)',
      'Time per output token p95 (gateway)',
      'Requests/s and failures/s by model (gateway)',
      'Request duration p95 (gateway)',
      'Requests waiting (vLLM queue)',
      'KV-cache usage (fullest replica)',
      'Time to first token p95 (vLLM)',
      'Inter-token latency p95 (vLLM)',
      'Replicas serving (vLLM)',
      'Generated tokens/s (vLLM)',
    ]);
    const stack = platformStack();
    new LlmDashboard(stack, 'llm-dashboard');
    const [cm] = resourceList(synth(stack), 'kubernetes_config_map_v1');
    expect(cm.metadata).toMatchObject({ name: 'mlops-llm-dashboard', namespace: 'monitoring', labels: { grafana_dashboard: '1' } });
    expect(JSON.parse(cm.data['mlops-llms.json'])).toEqual(llmDashboard());
    expect((llmDashboard() as any).panels[4].targets[0].expr).toBe('histogram_quantile(0.95, sum by (le, gen_ai_request_model) (rate(gen_ai_server_time_to_first_token_seconds_bucket{}[5m])))');
  });
});
