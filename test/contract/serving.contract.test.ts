/**
 * Contract of model serving with upstream KServe v0.20.0, Gateway API v1.6.1 and cert-manager
 * v1.21.1: every custom resource the serving constructs emit validates against its CRD (and sets no
 * field the CRD does not define — the API server would prune it), and every Helm value set exists
 * in the pinned chart's values.yaml (cert-manager's also validate against its values.schema.json).
 *
 * Not covered here (no upstream data in ../shared/upstream): Envoy Gateway's chart values and its
 * EnvoyProxy CRD (gateway.envoyproxy.io/v1alpha1) — checked by hand against envoyproxy/gateway v1.9.0.
 */
import { CHARTS } from '../../src/core/versions';
import { InferenceService } from '../../src/serving/inference-service';
import { certManagerValues, kserveResourcesValues, kserveRuntimeConfigsValues } from '../../src/serving/kserve-values';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { ServingRuntime } from '../../src/serving/serving-runtime';
import { resourceList, synth } from '../helpers/synth';
import { chartSchema, chartValues, crdSchemas, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';
import { churnIdentity, migPool, SKLEARN_URI, stacks } from '../serving/fixture';
import { CHART_CONTRACTS } from './chart-contracts';

/**
 * cert-manager value paths read by its templates without (or beyond) a default in values.yaml:
 * `*.podDisruptionBudget.minAvailable` is documented but commented out in values.yaml (read by
 * templates/poddisruptionbudget.yaml, webhook-poddisruptionbudget.yaml, cainjector-poddisruptionbudget.yaml);
 * `*.nodeSelector` is a label map (`toYaml` in each deployment template) whose default holds one label.
 */
const CERT_MANAGER_FREE_FORM = ['', 'webhook.', 'cainjector.'].flatMap((p) => [`${p}podDisruptionBudget.minAvailable`, `${p}nodeSelector`]).concat('startupapicheck.nodeSelector');

const RESOURCES = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } };

/** Every serving custom resource, in each shape the constructs emit. */
function servingManifests(): any[] {
  const { cloud, workloads } = stacks();
  const identity = churnIdentity(cloud);
  const pool = migPool(workloads);
  const gateway = new ServingGateway(workloads, 'gateway', { routeNamespaces: ['models'], tls: { certificateSecretName: 'tls' } });
  const predictor = { modelFormat: 'sklearn' as const, storageUri: SKLEARN_URI, resources: RESOURCES };
  new InferenceService(workloads, 'split', { namespace: 'models', identity, gateway, predictor, maxReplicas: 4, autoscaling: { metric: 'cpu', targetUtilization: 70 }, canary: { percent: 10, predictor: { storageUri: `${SKLEARN_URI}-b` } }, routeTimeout: '60s' });
  new InferenceService(workloads, 'mirror', { namespace: 'models', identity, gateway, predictor, canary: { percent: 50, mode: 'mirror', predictor: { modelFormatVersion: '1' } } });
  const runtime = new ServingRuntime(workloads, 'custom', { namespace: 'models', image: { repository: 'ghcr.io/acme/scorer', tag: '1.4.2' }, modelFormat: 'acme', resources: RESOURCES, protocolVersions: ['v1', 'v2'] });
  new InferenceService(workloads, 'custom-svc', { namespace: 'models', identity, predictor: { runtime, storageUri: SKLEARN_URI, resources: RESOURCES, env: { LOG_LEVEL: 'info' } } });
  new InferenceService(workloads, 'llm', {
    namespace: 'models',
    minReplicas: 1,
    predictor: {
      modelFormat: 'huggingface',
      storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
      resources: { requests: { cpu: '4', memory: '32Gi' }, limits: { cpu: '8', memory: '48Gi' } },
      gpu: { pool, migProfile: '3g.40gb' },
      llm: { maxModelLen: 8192, dtype: 'bfloat16' },
    },
  });
  return resourceList(synth(workloads), 'kubernetes_manifest')
    .map((r) => r.manifest)
    .filter((m) => /serving\.kserve\.io|gateway\.networking\.k8s\.io/.test(m.apiVersion));
}

/** Paths of `value` the schema does not define where the schema is closed (pruned by the API server). */
function prunedFields(value: any, schema: any, path = ''): string[] {
  if (value === null || typeof value !== 'object' || !schema) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => prunedFields(v, schema.items, `${path}[${i}]`));
  if (schema['x-kubernetes-preserve-unknown-fields'] || !schema.properties) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const child = schema.properties[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    return child ? prunedFields(v, child, `${path}.${k}`) : [`${path}.${k}`];
  });
}

describe('serving contract', () => {
  const manifests = servingManifests();

  test('every kind is emitted', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Gateway/serving',
      'GatewayClass/serving',
      'HTTPRoute/mirror',
      'HTTPRoute/split',
      'InferenceService/custom-svc',
      'InferenceService/llm',
      'InferenceService/mirror',
      'InferenceService/mirror-canary',
      'InferenceService/split',
      'InferenceService/split-canary',
      'ServingRuntime/custom',
    ]);
  });

  test('every custom resource validates against its CRD and sets no pruned field', () => {
    for (const m of manifests) {
      const key = `${m.kind}/${m.metadata.name}`;
      expect({ key, errors: validateCustomResource(m) }).toEqual({ key, errors: [] });
      const schema = crdSchemas().get(`${m.apiVersion}/${m.kind}`)!.schema as any;
      const { metadata: _m, ...rest } = m;
      expect({ key, pruned: prunedFields(rest, schema) }).toEqual({ key, pruned: [] });
    }
  });

  test('the pinned charts are the versions the upstream data describes', () => {
    for (const chart of [CHARTS.certManager, CHARTS.kserveCrd, CHARTS.kserveResources, CHARTS.kserveRuntimeConfigs]) {
      expect(CHART_CONTRACTS[chart.chart]).toEqual(expect.objectContaining({ version: chart.version }));
    }
    expect(chartValues('kserve-resources').kserve.version).toBe(CHARTS.kserveResources.version);
    expect(chartValues('kserve-runtime-configs').kserve.version).toBe(CHARTS.kserveRuntimeConfigs.version);
  });

  const options = { deploymentMode: 'Standard' as const, region: 'us-east-1' };

  test.each(['dev', 'prod'] as const)('cert-manager values (%s) are chart keys and match its schema', (preset) => {
    const values = certManagerValues({ ...options, preset });
    expect(unknownValuePaths(values, chartValues('cert-manager'), CERT_MANAGER_FREE_FORM)).toEqual([]);
    expect(validateAgainstChartSchema(values, chartSchema('cert-manager'))).toEqual([]);
  });

  test('kserve-resources and kserve-runtime-configs values are chart keys', () => {
    expect(unknownValuePaths(kserveResourcesValues(options), chartValues('kserve-resources'))).toEqual([]);
    expect(unknownValuePaths(kserveRuntimeConfigsValues(), chartValues('kserve-runtime-configs'))).toEqual([]);
  });

  test('upstream facts the constructs rely on', () => {
    // The chart default is Knative, so the library must set Standard explicitly.
    expect(chartValues('kserve-resources').kserve.controller.deploymentMode).toBe('Knative');
    // Runtimes are off by default; the vLLM runtime image is unpinned (`latest`), so it stays disabled.
    expect(chartValues('kserve-runtime-configs').kserve.servingruntime.enabled).toBe(false);
    expect(chartValues('kserve-runtime-configs').kserve.servingruntime.vllmserver.tag).toBe('latest');
    // The Hugging Face runtime's tag defaults to the chart version (CPU build); GPU LLMs override the image.
    expect(chartValues('kserve-runtime-configs').kserve.servingruntime.huggingfaceserver.tag).toBe('');
    // The InferenceService CRD has spec.canary (replica sizing) besides the Knative-only canaryTrafficPercent.
    const isvc = crdSchemas().get('serving.kserve.io/v1beta1/InferenceService')!.schema as any;
    expect(Object.keys(isvc.properties.spec.properties).sort()).toEqual(['canary', 'explainer', 'predictor', 'transformer']);
    expect(isvc.properties.spec.properties.predictor.properties.scaleMetric.enum).toEqual(['cpu', 'memory', 'concurrency', 'rps']);
  });
});
