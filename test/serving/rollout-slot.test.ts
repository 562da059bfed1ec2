/** The pipeline rollout slot of an InferenceService (Standard mode, HTTPRoute weights). */
import { InferenceService } from '../../src/serving/inference-service';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { resourceList, synth } from '../helpers/synth';
import { churnIdentity, SKLEARN_URI, stacks } from './fixture';

const RESOURCES = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } };

function slot() {
  const { cloud, workloads } = stacks();
  const gateway = new ServingGateway(workloads, 'gateway', { routeNamespaces: ['models'] });
  const svc = new InferenceService(workloads, 'churn', {
    namespace: 'models',
    identity: churnIdentity(cloud),
    gateway,
    pipelineRollout: { canaryReplicas: 2 },
    predictor: { modelFormat: 'sklearn', storageUri: SKLEARN_URI, resources: RESOURCES },
  });
  const all = Object.fromEntries(resourceList(synth(workloads), 'kubernetes_manifest').map((r: any) => [`${r.manifest.kind}/${r.manifest.metadata.name}`, r]));
  return { svc, all };
}

const { svc, all } = slot();

test('a canary InferenceService serving the stable model, at 0% of the route until a pipeline moves it', () => {
  const canary = all['InferenceService/churn-canary'].manifest;
  expect(canary.spec.predictor.model.storageUri).toBe(SKLEARN_URI);
  expect([canary.spec.predictor.minReplicas, canary.spec.predictor.maxReplicas]).toEqual([2, 2]);
  expect(canary.metadata.labels['mlops.cdktf.io/serving-track']).toBe('canary');
  const backends = all['HTTPRoute/churn'].manifest.spec.rules[0].backendRefs;
  expect(backends).toEqual([
    { kind: 'Service', name: 'churn-predictor', port: 80, weight: 100, filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-mlops-serving-track', value: 'stable' }] } }] },
    { kind: 'Service', name: 'churn-canary-predictor', port: 80, weight: 0, filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-mlops-serving-track', value: 'canary' }] } }] },
  ]);
});

test('the fields the pipeline changes are computed fields: Terraform accepts the live value while its configuration is unchanged', () => {
  expect(all['InferenceService/churn'].computed_fields).toEqual(['metadata.annotations', 'metadata.labels', 'spec.predictor.model.storageUri']);
  expect(all['InferenceService/churn-canary'].computed_fields).toEqual(['metadata.annotations', 'metadata.labels', 'spec.predictor.model.storageUri']);
  expect(all['HTTPRoute/churn'].computed_fields).toEqual(['metadata.annotations', 'metadata.labels', 'spec.rules[0].backendRefs[0].weight', 'spec.rules[0].backendRefs[1].weight']);
});

test('the rollout target names exactly the objects and the Envoy clusters the pipeline acts on', () => {
  expect(svc.rolloutTarget).toEqual({
    namespace: 'models',
    stableName: 'churn',
    canaryName: 'churn-canary',
    routeName: 'churn',
    stableBackend: 0,
    canaryBackend: 1,
    stableServiceName: 'churn-predictor',
    canaryServiceName: 'churn-canary-predictor',
    canaryEnvoyCluster: 'httproute/models/churn/rule/0/backend/1',
    stableEnvoyCluster: 'httproute/models/churn/rule/0/backend/0',
    readablePrefixes: ['s3://acme-models/models/churn/'],
  });
});

test('a service without the slot keeps the provider\'s default computed fields and has no target', () => {
  const { workloads, cloud } = stacks();
  const plain = new InferenceService(workloads, 'plain', { namespace: 'models', identity: churnIdentity(cloud, 'plain'), predictor: { modelFormat: 'sklearn', storageUri: SKLEARN_URI, resources: RESOURCES } });
  expect(plain.rolloutTarget).toBeUndefined();
  const isvc = resourceList(synth(workloads), 'kubernetes_manifest').find((r: any) => r.manifest.metadata.name === 'plain');
  expect(isvc.computed_fields).toEqual(['metadata.annotations', 'metadata.labels']);
});
