/**
 * Contract of model serving with upstream KServe v0.20.0, Gateway API v1.6.1, cert-manager v1.21.1
 * and Knative Operator v1.21.4: every custom resource the serving constructs emit validates against
 * its CRD (and sets no field the CRD does not define — the API server would prune it), and every Helm
 * value set exists in the pinned chart's values.yaml (cert-manager's also validate against its
 * values.schema.json).
 *
 * The Knative Operator's chart values and KnativeServing CRD are not in ../shared/upstream; they are
 * fixtures copied from knative/operator knative-v1.21.4 (test/contract/fixtures/knative-operator-v1.21.4,
 * sources in their header comments).
 *
 * Envoy Gateway's chart values (../shared/upstream/charts/gateway-helm) and its EnvoyProxy CRD
 * (crds/envoy-gateway) are checked by the chart contracts (chart-contracts.ts) and
 * llmops.contract.test.ts (the values the AI gateway requires, the v1.9.0 Backend and
 * BackendTrafficPolicy CRDs from test/contract/fixtures/envoy-gateway-v1.9.0).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CHARTS } from '../../src/core/versions';
import { InferenceService } from '../../src/serving/inference-service';
import { KnativeServing } from '../../src/serving/knative-serving';
import { knativeOperatorValues, knativeServingSpec } from '../../src/serving/knative-values';
import { KServe } from '../../src/serving/kserve';
import { certManagerValues, kserveResourcesValues, kserveRuntimeConfigsValues } from '../../src/serving/kserve-values';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { ServingRuntime } from '../../src/serving/serving-runtime';
import { platformStack, resourceList, synth } from '../helpers/synth';
import { chartSchema, chartValues, crdSchemas, undefinedFields, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';
import { churnIdentity, migPool, SKLEARN_URI, stacks } from '../serving/fixture';
import { CHART_CONTRACTS } from './chart-contracts';


/** cert-manager value paths its templates read without a default (documented in chart-contracts.ts). */
const CERT_MANAGER_FREE_FORM = [...(CHART_CONTRACTS[CHARTS.certManager.chart].freeForm ?? [])];

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
      expect({ key, pruned: undefinedFields(rest, schema) }).toEqual({ key, pruned: [] });
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

/** The pinned Knative Operator data (fixtures; see the header comments of the files). */
const KNATIVE_FIXTURES = path.join(__dirname, 'fixtures', `knative-operator-${CHARTS.knativeOperator.version}`);
const knativeOperatorChartValues = (): any => parse(fs.readFileSync(path.join(KNATIVE_FIXTURES, 'values.yaml'), 'utf8'));
const knativeServingCrd = (): any => parse(fs.readFileSync(path.join(KNATIVE_FIXTURES, 'operator.knative.dev_knativeservings.yaml'), 'utf8'));

/**
 * knative-operator value paths its template (templates/operator.yaml) reads without a default in
 * values.yaml: the pods' `securityContext` (`toYaml …securityContext`); the webhook's `affinity` is a
 * Kubernetes Affinity (`toYaml …operator_webhook.affinity`) whose default holds only a podAntiAffinity.
 */
const KNATIVE_OPERATOR_FREE_FORM = ['knative_operator.knative_operator.securityContext', 'knative_operator.operator_webhook.securityContext', 'knative_operator.operator_webhook.affinity'];

/** Validates against an openAPIV3Schema (Kubernetes extensions turned into plain JSON Schema). */
function validateAgainst(schema: any, value: any): string[] {
  const strip = (node: any): any => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const out: any = Object.fromEntries(Object.entries(node).filter(([k]) => !k.startsWith('x-kubernetes-')).map(([k, v]) => [k, strip(v)]));
    if (node['x-kubernetes-int-or-string']) {
      delete out.type;
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    }
    return out;
  };
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(strip(schema));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every Knative-mode resource: the KnativeServing (prod and dev) and InferenceServices in each Knative shape. */
function knativeManifests(): any[] {
  const { app, cloud, workloads } = stacks();
  const kserve = new KServe(platformStack(app), 'kserve', { deploymentMode: 'Knative' });
  const knative = new KnativeServing(workloads, 'knative', { kserve });
  new KnativeServing(workloads, 'knative-dev', { kserve, preset: 'dev', config: { autoscaler: { 'scale-to-zero-grace-period': '60s' } } });
  const identity = churnIdentity(cloud);
  const pool = migPool(workloads);
  const predictor = { modelFormat: 'sklearn' as const, storageUri: SKLEARN_URI, resources: RESOURCES };
  const common = { namespace: 'models', deploymentMode: 'Knative' as const, knative };
  new InferenceService(workloads, 'zero', { ...common, identity, predictor, minReplicas: 0, maxReplicas: 4, autoscaling: { metric: 'rps', targetUtilization: 50 }, scaleToZeroRetention: '10m' });
  new InferenceService(workloads, 'canary', { ...common, identity, predictor, maxReplicas: 4, canary: { percent: 20, predictor: { storageUri: `${SKLEARN_URI}-b` } } });
  new InferenceService(workloads, 'llm', {
    ...common,
    minReplicas: 0,
    predictor: {
      modelFormat: 'huggingface',
      storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
      resources: { requests: { cpu: '4', memory: '32Gi' }, limits: { cpu: '8', memory: '48Gi' } },
      gpu: { pool, migProfile: '3g.40gb' },
      llm: { maxModelLen: 8192 },
    },
  });
  return resourceList(synth(workloads), 'kubernetes_manifest')
    .map((r) => r.manifest)
    .filter((m) => /serving\.kserve\.io|operator\.knative\.dev/.test(m.apiVersion));
}

describe('serving contract, Knative mode', () => {
  const manifests = knativeManifests();

  test('every kind is emitted', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual([
      'InferenceService/models/canary',
      'InferenceService/models/llm',
      'InferenceService/models/zero',
      'KnativeServing/knative-serving/knative-serving',
      'KnativeServing/knative-serving/knative-serving',
    ]);
  });

  test('the fixture is the pinned chart version and its KnativeServing CRD serves the apiVersion used', () => {
    expect(knativeOperatorChartValues().knative_operator.knative_operator.tag).toBe(CHARTS.knativeOperator.version);
    expect(knativeOperatorChartValues().knative_operator.operator_webhook.tag).toBe(CHARTS.knativeOperator.version);
    const crd = knativeServingCrd();
    expect([crd.metadata.name, crd.spec.group, crd.spec.names.kind, crd.spec.scope]).toEqual(['knativeservings.operator.knative.dev', 'operator.knative.dev', 'KnativeServing', 'Namespaced']);
    expect(crd.spec.versions.map((v: any) => [v.name, v.served, v.storage])).toEqual([['v1beta1', true, true]]);
    expect(CHART_CONTRACTS[CHARTS.knativeOperator.chart]).toEqual({ version: CHARTS.knativeOperator.version });
  });

  test('the KnativeServing resources validate against the CRD and set no pruned field', () => {
    const schema = knativeServingCrd().spec.versions[0].schema.openAPIV3Schema;
    for (const m of manifests.filter((x) => x.kind === 'KnativeServing')) {
      expect(`${m.apiVersion}`).toBe(`${knativeServingCrd().spec.group}/v1beta1`);
      const { metadata: _m, ...rest } = m;
      expect(validateAgainst(schema, { ...rest, metadata: {} })).toEqual([]);
      expect(undefinedFields(rest, schema)).toEqual([]);
    }
    // A wrong shape is caught (the check is not vacuous).
    expect(validateAgainst(schema, { spec: { 'high-availability': { replicas: 'two' }, ingress: { kourier: { enabled: 'yes' } } } }).length).toBe(2);
  });

  test('the Knative InferenceServices validate against the KServe CRD and set no pruned field', () => {
    for (const m of manifests.filter((x) => x.kind === 'InferenceService')) {
      const key = `${m.kind}/${m.metadata.name}`;
      expect({ key, errors: validateCustomResource(m) }).toEqual({ key, errors: [] });
      const schema = crdSchemas().get(`${m.apiVersion}/${m.kind}`)!.schema as any;
      const { metadata: _m, ...rest } = m;
      expect({ key, pruned: undefinedFields(rest, schema) }).toEqual({ key, pruned: [] });
    }
    const canary = manifests.find((m) => m.metadata.name === 'canary');
    expect(canary.spec.predictor.canaryTrafficPercent).toBe(20);
  });

  test('knative-operator values are chart keys; kserve-resources values in Knative mode too', () => {
    expect(unknownValuePaths(knativeOperatorValues(), knativeOperatorChartValues(), KNATIVE_OPERATOR_FREE_FORM)).toEqual([]);
    expect(unknownValuePaths(knativeOperatorValues({ nodeSelector: { pool: 'ops' } }), knativeOperatorChartValues(), KNATIVE_OPERATOR_FREE_FORM)).toEqual([]);
    expect(unknownValuePaths(kserveResourcesValues({ deploymentMode: 'Knative', region: 'us-east-1' }), chartValues('kserve-resources'))).toEqual([]);
  });

  test('upstream facts the Knative constructs rely on', () => {
    // The chart has no nodeSelector value: system-node placement must be an affinity.
    expect(Object.keys(knativeOperatorChartValues().knative_operator.knative_operator).sort()).toEqual(['affinity', 'containerSecurityContext', 'image', 'resources', 'tag', 'tolerations']);
    // The webhook's default affinity (kept by Helm's map merge) spreads its replicas.
    expect(Object.keys(knativeOperatorChartValues().knative_operator.operator_webhook.affinity)).toEqual(['podAntiAffinity']);
    // The fields knativeServingSpec sets exist in the CRD.
    const spec = knativeServingCrd().spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
    expect(Object.keys(spec.ingress.properties.kourier.properties)).toEqual(expect.arrayContaining(['enabled', 'service-type']));
    expect(spec.config.additionalProperties).toEqual({ additionalProperties: { type: 'string' }, type: 'object' });
    expect(Object.keys(spec.workloads.items.properties)).toEqual(expect.arrayContaining(['name', 'nodeSelector']));
    expect(Object.keys(knativeServingSpec()).sort()).toEqual(['config', 'high-availability', 'ingress', 'version', 'workloads']);
    // kserve-resources reads the Istio switch the Knative mode turns off (default false).
    expect(chartValues('kserve-resources').kserve.controller.gateway.disableIstioVirtualHost).toBe(false);
    // InferenceService accepts the Knative-mode predictor fields the library sets.
    const predictor = (crdSchemas().get('serving.kserve.io/v1beta1/InferenceService')!.schema as any).properties.spec.properties.predictor.properties;
    expect([predictor.canaryTrafficPercent.type, predictor.minReplicas.type, predictor.scaleMetric.enum]).toEqual(['integer', 'integer', ['cpu', 'memory', 'concurrency', 'rps']]);
  });
});
