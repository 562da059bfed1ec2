/**
 * Contract of the LLMOps layer with its pinned upstreams:
 * - Langfuse chart 2.0.0 (../shared/upstream/charts/langfuse-v4): every value the library sets is a
 *   key of the chart, the bundled stores are off, no secret is a value;
 * - Envoy AI Gateway v1.1.0: the controller chart's values (charts/ai-gateway-helm), its CRDs
 *   (crds/envoy-ai-gateway: AIGatewayRoute, AIServiceBackend and their CEL rules), and the Envoy
 *   Gateway settings it requires (envoy-ai-gateway/envoy-gateway-values.yaml and the token rate
 *   limit add-on) on the installed Envoy Gateway v1.9.0 (charts/gateway-helm; Backend and
 *   BackendTrafficPolicy CRDs from test/contract/fixtures/envoy-gateway-v1.9.0);
 * - the conditions the library relies on to run AI Gateway v1.1.0 (tested with Envoy Gateway
 *   v1.8.1) on Envoy Gateway v1.9.0 (see `AiGateway`): no `mergeBackends`, no shared rate limit
 *   rules, no QuotaPolicy, Backends of one plain hostname endpoint;
 * - metrics: every metric an LLM alert, recording rule, dashboard panel or autoscaling trigger reads
 *   is exported by vLLM 0.24.0 (../shared/upstream/vllm/metrics-v0.24.0.txt, always registered) or by
 *   the AI gateway's external processor (test/contract/fixtures/envoy-ai-gateway-v1.1.0/metrics.txt),
 *   or recorded by the library;
 * - the InferenceService's KEDA autoscaling obeys KServe v0.20.0's webhook rules for autoscalerClass
 *   keda (`validateScalingKedaCompExtension`: no scaleMetric, External metrics with a query and a
 *   target value).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { deepMerge } from '../../src/core/merge';
import { CHARTS } from '../../src/core/versions';
import { aiGatewayValues } from '../../src/llmops/gateway/ai-gateway';
import { LLM_DASHBOARD_PANELS } from '../../src/llmops/monitoring/llm-dashboard';
import { LLMOPS_RECORDED } from '../../src/llmops/monitoring/llm-queries';
import { envoyGatewayValues } from '../../src/serving/envoy-gateway';
import { resourceList, TfJson } from '../helpers/synth';
import { chartValues, crdSchemas, requireUpstream, undefinedFields, unknownValuePaths, validateCustomResource } from '../helpers/upstream';
import { langfuseFixture, llmFixture } from '../llmops/fixture';
import { CHART_CONTRACTS } from './chart-contracts';

const langfuse = langfuseFixture();
const llm = llmFixture();
const manifests = (json: TfJson) => resourceList(json, 'kubernetes_manifest').map((r) => r.manifest);
const release = (json: TfJson, chart: string) => resourceList(json, 'helm_release').find((r) => r.chart === chart);
/** Paths of `required` (leaves) that `actual` does not hold with the same value. */
function missingFields(actual: any, required: any, prefix = ''): string[] {
  if (required === null || typeof required !== 'object' || Array.isArray(required)) return JSON.stringify(actual) === JSON.stringify(required) ? [] : [prefix];
  return Object.keys(required).flatMap((k) => missingFields(actual?.[k], required[k], prefix ? `${prefix}.${k}` : k));
}

const upstreamYaml = (...p: string[]) => parse(fs.readFileSync(path.join(requireUpstream(), ...p), 'utf8'));

describe('Langfuse chart 2.0.0', () => {
  test('the pinned chart is the one of the upstream data', () => {
    expect(CHARTS.langfuse.version).toBe('2.0.0');
    expect(chartValues('langfuse-v4').clickhouse.cluster).toBeDefined();
  });

  test('every value set is a key of the chart; bundled stores off', () => {
    const values = parse(release(langfuse.workloadsJson(), 'langfuse').values[0]);
    expect(unknownValuePaths(values, chartValues('langfuse-v4'))).toEqual([]);
    expect([values.postgresql.deploy, values.redis.deploy, values.clickhouse.deploy, values.s3.deploy]).toEqual([false, false, false, false]);
    // the chart's S3 secrets stay empty: it then renders no access key env at all (Pod Identity)
    expect(values.s3.accessKeyId).toBeUndefined();
    expect(values.s3.secretAccessKey).toBeUndefined();
  });

  test('every secret the chart reads comes from a secretKeyRef or an existing Secret', () => {
    const v = parse(release(langfuse.workloadsJson(), 'langfuse').values[0]);
    const defaults = chartValues('langfuse-v4');
    // the chart's own value slots for secrets, each left at its empty default
    for (const p of [['langfuse', 'salt', 'value'], ['langfuse', 'encryptionKey', 'value'], ['langfuse', 'nextauth', 'secret', 'value'], ['postgresql', 'auth', 'password'], ['redis', 'auth', 'password'], ['clickhouse', 'auth', 'password']]) {
      const get = (o: any) => p.reduce((x, k) => x?.[k], o);
      expect({ path: p.join('.'), default: get(defaults), ours: get(v) }).toEqual({ path: p.join('.'), default: '', ours: undefined });
    }
  });
});

describe('Envoy AI Gateway v1.1.0 on Envoy Gateway v1.9.0', () => {
  test('the pinned charts', () => {
    expect([CHARTS.aiGateway.version, CHARTS.aiGatewayCrds.version, CHARTS.envoyGateway.version]).toEqual(['v1.1.0', 'v1.1.0', 'v1.9.0']);
    expect(CHART_CONTRACTS['ai-gateway-helm'].valuesDir).toBe('ai-gateway-helm');
  });

  test('the controller\'s values are keys of its chart', () => {
    expect(unknownValuePaths(aiGatewayValues({ preset: 'prod' }), chartValues('ai-gateway-helm'))).toEqual([]);
  });

  test('Envoy Gateway runs with exactly what the AI gateway requires, and the rate limit add-on\'s backend', () => {
    const ours = parse(release(llm.platformJson(), 'gateway-helm').values[0]);
    const defaults = chartValues('gateway-helm');
    expect(unknownValuePaths(ours, defaults, [...(CHART_CONTRACTS['gateway-helm'].freeForm ?? [])])).toEqual([]);
    const required = upstreamYaml('envoy-ai-gateway', 'envoy-gateway-values.yaml').config.envoyGateway;
    // Helm merges our values over the chart's defaults: the result must hold every required field.
    const merged = deepMerge(defaults.config.envoyGateway, ours.config.envoyGateway) as any;
    expect(missingFields(merged, required)).toEqual([]);
    expect(merged.extensionManager).toEqual(required.extensionManager);
    const addon = upstreamYaml('envoy-ai-gateway', 'envoy-gateway-values-addon.token_ratelimit.yaml').config.envoyGateway.rateLimit;
    expect(ours.config.envoyGateway.rateLimit.backend.type).toBe(addon.backend.type);
    expect(Object.keys(ours.config.envoyGateway.rateLimit.backend.redis).sort()).toEqual(['tls', 'url']);
    expect(envoyGatewayValues({ preset: 'dev' })).not.toHaveProperty('config');
  });

  test('AIGatewayRoute, AIServiceBackend, Backend and BackendTrafficPolicy validate, set no pruned field, and meet the CEL rules', () => {
    const crs = manifests(llm.workloadsJson()).filter((m) => ['AIGatewayRoute', 'AIServiceBackend', 'Backend', 'BackendTrafficPolicy'].includes(m.kind));
    expect(crs.map((m) => m.kind).sort()).toEqual(['AIGatewayRoute', 'AIServiceBackend', 'AIServiceBackend', 'Backend', 'Backend', 'BackendTrafficPolicy']);
    for (const m of crs) {
      expect({ name: m.metadata.name, errors: validateCustomResource(m) }).toEqual({ name: m.metadata.name, errors: [] });
      const schema = crdSchemas().get(`${m.apiVersion}/${m.kind}`)!.schema as any;
      expect({ name: m.metadata.name, unknown: undefinedFields({ spec: m.spec }, schema) }).toEqual({ name: m.metadata.name, unknown: [] });
    }
    // AIServiceBackend: "BackendRef must be a Backend resource of Envoy Gateway"
    for (const b of crs.filter((m) => m.kind === 'AIServiceBackend')) expect(b.spec.backendRef).toMatchObject({ kind: 'Backend', group: 'gateway.envoyproxy.io' });
    // AIGatewayRoute rules: "cannot mix InferencePool and AIServiceBackend references"; "route-not-found is reserved"
    for (const r of crs.find((m) => m.kind === 'AIGatewayRoute').spec.rules) {
      expect(r.backendRefs.every((b: any) => b.group === undefined && b.kind === undefined)).toBe(true);
      expect(r.name).not.toBe('route-not-found');
    }
  });

  test('what Envoy Gateway v1.9 changed is avoided: no mergeBackends, no shared rate limit rules, no QuotaPolicy, plain hostname Backends', () => {
    const all = manifests(llm.workloadsJson());
    for (const proxy of all.filter((m) => m.kind === 'EnvoyProxy')) expect(proxy.spec).not.toHaveProperty('mergeBackends');
    expect(all.some((m) => m.kind === 'QuotaPolicy')).toBe(false);
    const btp = all.find((m) => m.kind === 'BackendTrafficPolicy');
    expect(btp.spec.rateLimit.global.rules.filter((r: any) => r.shared)).toEqual([]);
    for (const b of all.filter((m) => m.kind === 'Backend')) {
      expect(b.spec.endpoints).toHaveLength(1);
      expect(Object.keys(b.spec.endpoints[0])).toEqual(['fqdn']);
      expect(b.spec).not.toHaveProperty('tls');
    }
    // the EnvoyProxy CRD of v1.9.0 does define mergeBackends (so its absence is a choice, not an old schema)
    expect(crdSchemas().get('gateway.envoyproxy.io/v1alpha1/EnvoyProxy')!.schema).toHaveProperty('properties.spec.properties.mergeBackends');
  });
});

/** Metric names a PromQL expression reads: identifiers directly followed by `{` (the library always writes matchers). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]);
}

/** Exposed series names of a metrics list: counters get `_total`, histograms `_bucket`, `_sum`, `_count`. */
function exposed(lines: string[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    const [name, type] = line.split('\t');
    if (type === 'counter') out.add(name.endsWith('_total') ? name : `${name}_total`);
    else if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) out.add(`${name}${s}`);
    else out.add(name);
  }
  return out;
}

describe('metrics of the LLM alerts, dashboard and autoscaling exist in the pinned components', () => {
  const vllmLines = fs.readFileSync(path.join(requireUpstream(), 'vllm', 'metrics-v0.24.0.txt'), 'utf8').split('\n').filter((l) => l.startsWith('vllm:'));
  const vllm = exposed(vllmLines.filter((l) => l.split('\t')[3] === 'always'));
  const gateway = exposed(fs.readFileSync(path.join(__dirname, 'fixtures', 'envoy-ai-gateway-v1.1.0', 'metrics.txt'), 'utf8').split('\n').filter((l) => l.startsWith('gen_ai_')));
  const known = new Set([...vllm, ...gateway, ...Object.values(LLMOPS_RECORDED)]);

  test('the lists are the pinned ones', () => {
    expect(vllm.has('vllm:num_requests_waiting')).toBe(true);
    expect(vllm.has('vllm:gpu_cache_usage_perc')).toBe(false);
    expect(gateway.has('gen_ai_client_token_usage_sum')).toBe(true);
  });

  test('every metric of the rules, panels and KEDA triggers', () => {
    const rules = manifests(llm.workloadsJson()).find((m) => m.kind === 'PrometheusRule' && m.metadata.name === 'llmops');
    const isvc = manifests(llm.workloadsJson()).find((m) => m.kind === 'InferenceService' && m.metadata.name === 'llm');
    const exprs = [
      ...rules.spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr)),
      ...LLM_DASHBOARD_PANELS.map((p) => p.expr),
      ...isvc.spec.predictor.autoScaling.metrics.map((m: any) => m.external.metric.query).filter((q: string) => q.includes('vllm:')),
    ];
    const names = [...new Set(exprs.flatMap(metricNames))].sort();
    expect(names.length).toBeGreaterThan(8);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });

  test('KServe v0.20.0 webhook rules for autoscalerClass keda', () => {
    const isvc = manifests(llm.workloadsJson()).find((m) => m.kind === 'InferenceService' && m.metadata.name === 'llm');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('keda');
    expect(isvc.spec.predictor.scaleMetric).toBeUndefined();
    for (const m of isvc.spec.predictor.autoScaling.metrics) {
      expect(m.type).toBe('External');
      expect(m.external.metric.query).not.toBe('');
      expect(m.external.target.value).toMatch(/^[0-9.]+$/);
    }
    // (the InferenceService itself validates against its CRD in reference-stacks.contract.test.ts)
  });
});
