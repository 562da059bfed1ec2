import { parse } from 'yaml';
import { aiGatewayValues } from '../../src/llmops/gateway/ai-gateway';
import { tokenBudgetRateLimit } from '../../src/llmops/gateway/token-budgets';
import { envoyGatewayValues } from '../../src/serving/envoy-gateway';
import { resourceAt, resourceList, TfJson } from '../helpers/synth';
import { llmFixture } from './fixture';

const f = llmFixture();
const manifests = (json: TfJson, kind: string) => resourceList(json, 'kubernetes_manifest').map((r) => r.manifest).filter((m) => m.kind === kind);

describe('AiGateway (platform)', () => {
  test('CRDs, then the controller with the tenant as a metric label and a cert-manager webhook certificate', () => {
    const releases = resourceList(f.platformJson(), 'helm_release').filter((r) => r.chart.startsWith('ai-gateway'));
    expect(releases.map((r) => [r.chart, r.version, r.namespace, r.repository])).toEqual([
      ['ai-gateway-crds-helm', 'v1.1.0', 'envoy-ai-gateway-system', 'oci://docker.io/envoyproxy'],
      ['ai-gateway-helm', 'v1.1.0', 'envoy-ai-gateway-system', 'oci://docker.io/envoyproxy'],
    ]);
    expect(releases[1].depends_on).toEqual(expect.arrayContaining([`helm_release.${Object.keys(f.platformJson().resource!.helm_release).find((k) => k.startsWith('ai-gateway_crds'))}`]));
    expect(parse(releases[1].values[0])).toEqual(aiGatewayValues({ preset: 'prod' }));
    expect(aiGatewayValues({ preset: 'prod' })).toEqual({
      controller: {
        replicaCount: 2,
        podDisruptionBudget: { enabled: true },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
        metricsRequestHeaderAttributes: 'x-tenant-id:tenant.id',
        logFormat: 'json',
        mutatingWebhook: { certManager: { enable: true } },
      },
      extProc: { logFormat: 'json' },
    });
    expect(aiGatewayValues({ preset: 'dev', certManager: false }).controller).not.toHaveProperty('mutatingWebhook');
  });

  test('Envoy Gateway runs with the extension server, the Backend API and token rate limiting on TLS Redis with AUTH', () => {
    const v = envoyGatewayValues({ aiGateway: { extensionServer: { hostname: 'ai-gateway-controller.envoy-ai-gateway-system.svc.cluster.local', port: 1063 }, rateLimitRedis: { host: 'r.cache.amazonaws.com', port: 6379, passwordSecret: { name: 'ratelimit-redis', key: 'password' } } } }) as any;
    expect(v.config.envoyGateway.extensionApis).toEqual({ enableEnvoyPatchPolicy: true, enableBackend: true });
    expect(v.config.envoyGateway.extensionManager.service).toEqual({ fqdn: { hostname: 'ai-gateway-controller.envoy-ai-gateway-system.svc.cluster.local', port: 1063 } });
    expect(v.config.envoyGateway.rateLimit).toEqual({ backend: { type: 'Redis', redis: { url: 'r.cache.amazonaws.com:6379', tls: {} } } });
    expect(v.config.envoyGateway.provider).toEqual({ kubernetes: { rateLimitDeployment: { container: { env: [{ name: 'REDIS_AUTH', valueFrom: { secretKeyRef: { name: 'ratelimit-redis', key: 'password' } } }] } } } });
    // the base values stay
    expect(v.deployment.replicas).toBe(2);
    expect((envoyGatewayValues({}) as any).config).toBeUndefined();
  });
});

describe('LlmGateway (workloads)', () => {
  test('a Backend and an AIServiceBackend per InferenceService, under KServe\'s OpenAI prefix', () => {
    const json = f.workloadsJson();
    expect(manifests(json, 'Backend').map((b) => [b.metadata.name, b.spec.endpoints])).toEqual([
      ['llm-openai', [{ fqdn: { hostname: 'llm-predictor.models.svc.cluster.local', port: 80 } }]],
      ['llm-canary-openai', [{ fqdn: { hostname: 'llm-canary-predictor.models.svc.cluster.local', port: 80 } }]],
    ]);
    expect(manifests(json, 'AIServiceBackend').map((b) => [b.metadata.name, b.spec])).toEqual([
      ['llm', { schema: { name: 'OpenAI', prefix: '/openai/v1' }, backendRef: { name: 'llm-openai', kind: 'Backend', group: 'gateway.envoyproxy.io' } }],
      ['llm-canary', { schema: { name: 'OpenAI', prefix: '/openai/v1' }, backendRef: { name: 'llm-canary-openai', kind: 'Backend', group: 'gateway.envoyproxy.io' } }],
    ]);
  });

  test('the route: model by the request body, tenant required, the canary\'s share with its model name, token costs recorded', () => {
    const [route] = manifests(f.workloadsJson(), 'AIGatewayRoute');
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'llm', namespace: 'envoy-gateway-system' }]);
    expect(route.spec.rules).toEqual([
      {
        name: 'llm',
        matches: [{ headers: [{ type: 'Exact', name: 'x-ai-eg-model', value: 'llm' }, { type: 'RegularExpression', name: 'x-tenant-id', value: '.+' }] }],
        backendRefs: [{ name: 'llm', weight: 90 }, { name: 'llm-canary', weight: 10, modelNameOverride: 'llm-canary' }],
        timeouts: { request: '300s' },
      },
    ]);
    expect(route.spec.llmRequestCosts.map((c: any) => `${c.type}:${c.metadataKey}`)).toEqual(['InputToken:llm_input_token', 'CachedInputToken:llm_cached_input_token', 'OutputToken:llm_output_token', 'TotalToken:llm_total_token']);
    expect(f.gateway.baseUrl).toBe('http://llm-gateway.envoy-gateway-system.svc.cluster.local/v1');
  });

  test('the LLM gateway listener takes any host name', () => {
    const gw = manifests(f.workloadsJson(), 'Gateway').find((g) => g.metadata.name === 'llm');
    expect(gw.spec.listeners[0]).not.toHaveProperty('hostname');
    const serving = manifests(f.workloadsJson(), 'Gateway').find((g) => g.metadata.name === 'serving');
    expect(serving.spec.listeners[0].hostname).toBe('*.serving.internal');
  });

  test('token budgets: one bucket per named tenant, a Distinct bucket for every other tenant, charged with total tokens', () => {
    const [btp] = manifests(f.workloadsJson(), 'BackendTrafficPolicy');
    expect(btp.metadata).toEqual({ name: 'llm-token-budgets', namespace: 'envoy-gateway-system' });
    expect(btp.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'llm' }]);
    const rules = btp.spec.rateLimit.global.rules;
    expect(rules.map((r: any) => [r.clientSelectors[0].headers, r.limit])).toEqual([
      [[{ name: 'x-tenant-id', type: 'Exact', value: 'team-a' }], { requests: 1000000, unit: 'Hour' }],
      [[{ name: 'x-tenant-id', type: 'Exact', value: 'team-b' }], { requests: 0, unit: 'Day' }],
      [
        [
          { name: 'x-tenant-id', type: 'Distinct' },
          { name: 'x-tenant-id', type: 'Exact', value: 'team-a', invert: true },
          { name: 'x-tenant-id', type: 'Exact', value: 'team-b', invert: true },
        ],
        { requests: 100000, unit: 'Hour' },
      ],
    ]);
    for (const r of rules) expect(r.cost).toEqual({ request: { from: 'Number', number: 0 }, response: { from: 'Metadata', metadata: { namespace: 'io.envoy.ai_gateway', key: 'llm_total_token' } } });
    expect(rules.some((r: any) => 'shared' in r)).toBe(false);
    expect(tokenBudgetRateLimit({ default: { tokens: 5, unit: 'Minute' } })).toEqual({ type: 'Global', global: { rules: [{ clientSelectors: [{ headers: [{ name: 'x-tenant-id', type: 'Distinct' }] }], limit: { requests: 5, unit: 'Minute' }, cost: rules[0].cost }] } });
  });

  test('the rate limit service\'s Redis token is synced into the Envoy Gateway namespace; the policy waits for it', () => {
    const json = f.workloadsJson();
    const es = manifests(json, 'ExternalSecret').find((m) => m.metadata.name === 'ratelimit-redis');
    expect(es.metadata.namespace).toBe('envoy-gateway-system');
    expect(es.spec.data).toEqual([expect.objectContaining({ secretKey: 'password' })]);
    const policy = resourceAt(json, 'kubernetes_manifest', 'llm-gateway/token-budgets');
    expect(policy.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_manifest\.llm-gateway_ratelimit-redis_external-secret_/)]));
  });

  test('the AI gateway metrics are scraped from the external processor of the LLM gateway\'s proxies', () => {
    const [pm] = manifests(f.workloadsJson(), 'PodMonitor');
    expect(pm.spec).toEqual({
      namespaceSelector: { matchNames: ['envoy-gateway-system'] },
      selector: { matchLabels: { 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': 'llm' } },
      podMetricsEndpoints: [{ port: 'aigw-admin', path: '/metrics', interval: '30s' }],
    });
  });

  test('refuses budgets without their Redis, a namespace the gateway does not admit, and a model routed twice', () => {
    expect(() => llmFixture({ gateway: { rateLimitRedisAuth: undefined } })).toThrow('test-workloads/llm-gateway: rateLimitRedisAuth = (missing) is required with tokenBudgets');
    expect(() => llmFixture({ gateway: { namespace: 'rag' } })).toThrow('test-workloads/llm-gateway: namespace = "rag" is not a route namespace of gateway "llm" (models); add it to the ServingGateway\'s routeNamespaces');
    expect(() => llmFixture({ gateway: { models: [{ service: { serviceName: 'a', namespace: 'models' } }, { service: { serviceName: 'b', namespace: 'models' }, model: 'a' }] } })).toThrow('test-workloads/llm-gateway: models = "a" is routed twice; give every model one entry');
    expect(() => llmFixture({ gateway: { tokenBudgets: { default: { tokens: -1, unit: 'Hour' } } } })).toThrow('tokenBudgets.default.tokens = -1 must be at least 0 (0 suspends the tenant)');
  });
});
