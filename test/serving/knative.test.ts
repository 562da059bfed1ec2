/** KServe's Knative mode: the Knative Operator (platform), KnativeServing (workloads), Knative InferenceServices. */
import { parse } from 'yaml';
import { InferenceService, InferenceServiceProps } from '../../src/serving/inference-service';
import { KnativeServing } from '../../src/serving/knative-serving';
import { KServe } from '../../src/serving/kserve';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { platformStack, resourceAt, resourceList, synth, testApp, workloadsStack } from '../helpers/synth';
import { churnIdentity, migPool, SKLEARN_URI, stacks, wholeGpuPool } from './fixture';

const RESOURCES = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } };
const SYSTEM = { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' };
const SYSTEM_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            { key: 'mlops.cdktf.io/node-role', operator: 'In', values: ['system'] },
          ],
        },
      ],
    },
  },
};
const KNATIVE_DEPLOYMENTS = ['activator', 'autoscaler', 'autoscaler-hpa', 'controller', 'webhook', 'net-kourier-controller', '3scale-kourier-gateway'];

/** A platform stack with KServe in Knative mode and a workloads stack with Knative Serving, one app. */
function knativeSetup(options: { preset?: 'dev' | 'prod' } = {}) {
  const { app, cloud, workloads } = stacks();
  const platform = platformStack(app);
  const kserve = new KServe(platform, 'kserve', { deploymentMode: 'Knative', namespaces: ['models'], preset: options.preset });
  const knative = new KnativeServing(workloads, 'knative', { kserve, preset: options.preset });
  return { app, cloud, platform, workloads, kserve, knative, identity: churnIdentity(cloud) };
}

function sklearnProps(setup: ReturnType<typeof knativeSetup>, overrides: Partial<InferenceServiceProps> = {}): InferenceServiceProps {
  return {
    namespace: 'models',
    identity: setup.identity,
    deploymentMode: 'Knative',
    knative: setup.knative,
    predictor: { modelFormat: 'sklearn', storageUri: SKLEARN_URI, resources: RESOURCES },
    ...overrides,
  };
}

describe('KServe in Knative mode (platform layer)', () => {
  test('adds the pinned Knative Operator release and the knative-serving namespace', () => {
    const { platform } = knativeSetup();
    const json = synth(platform);
    expect(resourceList(json, 'helm_release').map((r) => r.name).sort()).toEqual(['cert-manager', 'knative-operator', 'kserve', 'kserve-crd', 'kserve-runtime-configs']);
    const operator = resourceAt(json, 'helm_release', 'kserve/knative-operator/release');
    expect([operator.chart, operator.repository, operator.version, operator.namespace, operator.create_namespace]).toEqual([
      'knative-operator',
      'https://knative.github.io/operator',
      'v1.21.4',
      'knative-operator',
      true,
    ]);
    expect(operator.depends_on).toBeUndefined();
    expect(parse(operator.values[0])).toEqual({
      knative_operator: {
        knative_operator: { affinity: SYSTEM_AFFINITY, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
        operator_webhook: { affinity: SYSTEM_AFFINITY, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
      },
    });
    expect(resourceAt(json, 'kubernetes_namespace_v1', 'kserve/knative-serving-namespace').metadata).toEqual({
      name: 'knative-serving',
      labels: { 'app.kubernetes.io/part-of': 'knative-serving' },
    });
  });

  test('runs the KServe controller in Knative mode without the Istio virtual host', () => {
    const { platform, kserve } = knativeSetup();
    const v = parse(resourceAt(synth(platform), 'helm_release', 'kserve/resources/release').values[0]);
    expect(v.kserve.controller.deploymentMode).toBe('Knative');
    expect(v.kserve.controller.gateway).toEqual({ disableIngressCreation: true, disableIstioVirtualHost: true });
    expect([kserve.deploymentMode, kserve.knativeServingNamespace, kserve.controllerDeploymentName]).toEqual(['Knative', 'knative-serving', 'kserve-controller-manager']);
  });

  test('Standard mode installs no Knative Operator and refuses its overrides; Knative mode owns knative-serving', () => {
    const stack = platformStack();
    const kserve = new KServe(stack, 'kserve');
    expect(resourceList(synth(stack), 'helm_release').map((r) => r.name)).not.toContain('knative-operator');
    expect([kserve.knativeOperator, kserve.knativeServingNamespace]).toEqual([undefined, undefined]);
    expect(() => new KServe(platformStack(), 'kserve', { deploymentMode: 'Knative', namespaces: ['models', 'knative-serving'] })).toThrow(
      'test-platform/kserve: namespaces = ["models","knative-serving"] includes "knative-serving", which Knative mode creates for Knative Serving; run models in another namespace',
    );
    expect(() => new KServe(platformStack(), 'kserve', { overrides: { knativeOperator: { foo: 1 } } })).toThrow(
      'test-platform/kserve: overrides.knativeOperator = {"foo":1} applies to Knative mode only (the Knative Operator is not installed in Standard mode); drop it or set deploymentMode: "Knative"',
    );
  });
});

describe('KnativeServing (workloads layer)', () => {
  test('the KnativeServing resource: pinned version, Kourier on ClusterIP, feature flags, HA, system nodes; waits for Ready', () => {
    const { workloads } = knativeSetup();
    const json = synth(workloads);
    const ks = resourceAt(json, 'kubernetes_manifest', 'knative/knative-serving');
    expect(ks.manifest).toEqual({
      apiVersion: 'operator.knative.dev/v1beta1',
      kind: 'KnativeServing',
      metadata: { name: 'knative-serving', namespace: 'knative-serving' },
      spec: {
        version: '1.21.3',
        ingress: { kourier: { enabled: true, 'service-type': 'ClusterIP' } },
        config: {
          network: { 'ingress-class': 'kourier.ingress.networking.knative.dev' },
          features: { 'kubernetes.podspec-affinity': 'enabled', 'kubernetes.podspec-nodeselector': 'enabled', 'kubernetes.podspec-tolerations': 'enabled' },
          deployment: { 'registries-skipping-tag-resolving': 'nvcr.io,index.docker.io' },
        },
        'high-availability': { replicas: 2 },
        workloads: KNATIVE_DEPLOYMENTS.map((name) => ({ name, nodeSelector: SYSTEM })),
      },
    });
    expect(ks.wait).toEqual({ condition: [{ type: 'Ready', status: 'True' }] });
    expect(ks.timeouts).toEqual({ create: '15m', update: '15m' });
  });

  test('then restarts the KServe controller through a pod-template annotation', () => {
    const { workloads } = knativeSetup();
    const json = synth(workloads);
    const restart = resourceAt(json, 'kubernetes_annotations', 'knative/kserve-controller-restart');
    expect(restart).toEqual(
      expect.objectContaining({
        api_version: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'kserve-controller-manager', namespace: 'kserve' },
        template_annotations: { 'mlops.cdktf.io/knative-serving-version': '1.21.3' },
        field_manager: 'cdktf-mlops',
        depends_on: ['kubernetes_manifest.knative_knative-serving_8BA5CCF0'],
      }),
    );
    expect(restart.annotations).toBeUndefined();
  });

  test('dev preset: one control-plane replica; config entries merge over the library', () => {
    const { workloads, platform } = knativeSetup({ preset: 'dev' });
    const kserve = platform.node.findChild('kserve') as KServe;
    new KnativeServing(workloads, 'knative-tuned', { kserve, config: { autoscaler: { 'scale-to-zero-grace-period': '60s' }, network: { 'http-protocol': 'Redirected' } } });
    const json = synth(workloads);
    expect(resourceAt(json, 'kubernetes_manifest', 'knative/knative-serving').manifest.spec['high-availability']).toEqual({ replicas: 1 });
    expect(resourceAt(json, 'kubernetes_manifest', 'knative-tuned/knative-serving').manifest.spec.config).toEqual({
      network: { 'ingress-class': 'kourier.ingress.networking.knative.dev', 'http-protocol': 'Redirected' },
      features: { 'kubernetes.podspec-affinity': 'enabled', 'kubernetes.podspec-nodeselector': 'enabled', 'kubernetes.podspec-tolerations': 'enabled' },
      deployment: { 'registries-skipping-tag-resolving': 'nvcr.io,index.docker.io' },
      autoscaler: { 'scale-to-zero-grace-period': '60s' },
    });
  });

  test('needs KServe in Knative mode, and the workloads layer', () => {
    const { app, workloads } = stacks();
    const standard = new KServe(platformStack(app), 'kserve');
    expect(() => new KnativeServing(workloads, 'knative', { kserve: standard })).toThrow(
      'test-workloads/knative: kserve.deploymentMode = "Standard" must be "Knative": Knative Serving is for a KServe installed in Knative mode; create KServe with deploymentMode: "Knative" (it installs the Knative Operator)',
    );
    const platform = platformStack(testApp(), 'other-platform');
    const kserve = new KServe(platform, 'kserve', { deploymentMode: 'Knative' });
    expect(() => new KnativeServing(platform, 'knative', { kserve })).toThrow('other-platform/knative: KnativeServing belongs in the workloads layer');
    expect(() => new KnativeServing(workloads, 'bad', { kserve, config: { 'config-network': { a: 'b' } } })).toThrow(
      'test-workloads/bad: config = "config-network" has a key that is not a Knative ConfigMap name without "config-"; use e.g. "autoscaler", "network"',
    );
    expect(() => new KnativeServing(workloads, 'bad2', { kserve, config: { autoscaler: { 'max-scale': 3 as any } } })).toThrow(
      'test-workloads/bad2: config.autoscaler.max-scale = 3 must be a string (Knative ConfigMap values are strings)',
    );
  });
});

describe('InferenceService in Knative mode', () => {
  test('scale to zero: minReplicas 0, KPA on concurrency, retention annotation; waits for Knative Serving', () => {
    const setup = knativeSetup();
    const svc = new InferenceService(setup.workloads, 'churn', sklearnProps(setup, { minReplicas: 0, maxReplicas: 4, autoscaling: { metric: 'concurrency', targetUtilization: 10 }, scaleToZeroRetention: '15m' }));
    const json = synth(setup.workloads);
    const isvc = resourceAt(json, 'kubernetes_manifest', 'churn/inference-service');
    expect(isvc.manifest).toEqual({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name: 'churn',
        namespace: 'models',
        labels: { 'mlops.cdktf.io/serving-track': 'stable', 'app.kubernetes.io/name': 'churn' },
        annotations: { 'serving.kserve.io/deploymentMode': 'Knative', 'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '15m' },
      },
      spec: {
        predictor: {
          serviceAccountName: 'churn-sa',
          minReplicas: 0,
          maxReplicas: 4,
          scaleMetric: 'concurrency',
          scaleTarget: 10,
          automountServiceAccountToken: false,
          model: {
            name: 'kserve-container',
            modelFormat: { name: 'sklearn' },
            runtime: 'kserve-sklearnserver',
            storageUri: 's3://acme-models/models/churn/v3',
            ports: [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }],
            resources: RESOURCES,
            securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
          },
        },
      },
    });
    expect(isvc.depends_on).toEqual([
      'kubernetes_service_account_v1.churn_service-account_2851AC1F',
      'kubernetes_manifest.knative_knative-serving_8BA5CCF0',
      'kubernetes_annotations.knative_kserve-controller-restart_AC18504B',
    ]);
    expect(resourceList(json, 'kubernetes_manifest').map((r) => r.manifest.kind).sort()).toEqual(['InferenceService', 'KnativeServing']);
    expect(svc.internalUrl).toBe('http://churn-predictor.models.svc.cluster.local');
  });

  test('minReplicas 0 without maxReplicas caps the service at one replica (not unbounded)', () => {
    const setup = knativeSetup();
    new InferenceService(setup.workloads, 'churn', sklearnProps(setup, { minReplicas: 0 }));
    const predictor = resourceAt(synth(setup.workloads), 'kubernetes_manifest', 'churn/inference-service').manifest.spec.predictor;
    expect([predictor.minReplicas, predictor.maxReplicas, predictor.scaleMetric]).toEqual([0, 1, undefined]);
  });

  test('native canary: one InferenceService with the canary predictor and canaryTrafficPercent, no route', () => {
    const setup = knativeSetup();
    const svc = new InferenceService(setup.workloads, 'churn', sklearnProps(setup, { maxReplicas: 4, canary: { percent: 10, predictor: { storageUri: 's3://acme-models/models/churn/v4' } } }));
    const json = synth(setup.workloads);
    const isvcs = resourceList(json, 'kubernetes_manifest').filter((r) => r.manifest.kind === 'InferenceService');
    expect(isvcs).toHaveLength(1);
    const predictor = isvcs[0].manifest.spec.predictor;
    expect([predictor.canaryTrafficPercent, predictor.model.storageUri, predictor.minReplicas, predictor.maxReplicas]).toEqual([10, 's3://acme-models/models/churn/v4', 2, 4]);
    expect(resourceList(json, 'kubernetes_manifest').map((r) => r.manifest.kind).sort()).toEqual(['InferenceService', 'KnativeServing']);
    expect([svc.canaryManifest, svc.route]).toEqual([undefined, undefined]);
  });

  test('an LLM on a MIG slice scales to zero, passes the scheduling contract, gets a cold-start progress deadline', () => {
    const setup = knativeSetup();
    const pool = migPool(setup.workloads);
    new InferenceService(setup.workloads, 'llm', {
      namespace: 'models',
      deploymentMode: 'Knative',
      knative: setup.knative,
      minReplicas: 0,
      maxReplicas: 2,
      scaleToZeroRetention: '30m',
      predictor: {
        modelFormat: 'huggingface',
        storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
        resources: { requests: { cpu: '4', memory: '32Gi' }, limits: { cpu: '8', memory: '48Gi' } },
        gpu: { pool, migProfile: '3g.40gb' },
        llm: { maxModelLen: 8192 },
      },
    });
    const isvc = resourceAt(synth(setup.workloads), 'kubernetes_manifest', 'llm/inference-service').manifest;
    expect(isvc.metadata.annotations).toEqual({
      'serving.kserve.io/deploymentMode': 'Knative',
      'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '30m',
      'serving.knative.dev/progress-deadline': '2700s',
    });
    expect([isvc.spec.predictor.minReplicas, isvc.spec.predictor.maxReplicas]).toEqual([0, 2]);
    expect(isvc.spec.predictor.nodeSelector).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-mig' });
    expect(isvc.spec.predictor.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
  });

  test('a GPU predictor that scales to zero still fails the scheduling contract when no pool serves it', () => {
    const setup = knativeSetup();
    const pool = wholeGpuPool(setup.workloads);
    expect(
      () =>
        new InferenceService(setup.workloads, 'llm', {
          namespace: 'models',
          deploymentMode: 'Knative',
          knative: setup.knative,
          minReplicas: 0,
          predictor: { modelFormat: 'huggingface', storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct', resources: RESOURCES, gpu: { pool, migProfile: '3g.40gb' }, llm: {} },
        }),
    ).toThrow(
      'test-workloads/llm: InferenceService llm (requests nvidia.com/mig-3g.40gb=1 per pod) cannot be scheduled on any GPU node pool:\n' +
        '  - pool "gpu-whole": MIG profile 3g.40gb (nvidia.com/mig-3g.40gb) is not offered (the pool offers nvidia.com/gpu)',
    );
  });
});

describe('deployment mode validation', () => {
  test('a Knative service needs Knative Serving; knative needs Knative mode', () => {
    const setup = knativeSetup();
    expect(() => new InferenceService(setup.workloads, 'a', sklearnProps(setup, { knative: undefined }))).toThrow(
      'test-workloads/a: knative = (missing) is required in Knative mode; pass the KnativeServing of this workloads stack (with KServe installed with deploymentMode: "Knative")',
    );
    expect(() => new InferenceService(setup.workloads, 'b', sklearnProps(setup, { deploymentMode: undefined }))).toThrow(
      'test-workloads/b: knative = "test-workloads/knative" is set but deploymentMode is "Standard"; set deploymentMode: "Knative" to run on Knative Serving, or drop knative',
    );
    const other = workloadsStack(setup.app, 'other-workloads');
    expect(() => new InferenceService(other, 'c', sklearnProps(setup, { identity: undefined, predictor: { modelFormat: 'sklearn', storageUri: 'https://example.com/m.tgz', resources: RESOURCES } }))).toThrow(
      'other-workloads/c: knative = "test-workloads/knative" is in another stack; create the KnativeServing in the same workloads stack as the InferenceService',
    );
  });

  test('Standard-only features are refused in Knative mode', () => {
    const setup = knativeSetup();
    const gateway = new ServingGateway(setup.workloads, 'gateway', { routeNamespaces: ['models'] });
    const v4 = { storageUri: 's3://acme-models/models/churn/v4' };
    expect(() => new InferenceService(setup.workloads, 'a', sklearnProps(setup, { gateway }))).toThrow(
      'test-workloads/a: gateway = "serving" routes to the predictor Service of Standard mode; in Knative mode requests go through Knative Serving (Kourier) and canaries are revision splits, so drop gateway and call internalUrl',
    );
    expect(() => new InferenceService(setup.workloads, 'b', sklearnProps(setup, { canary: { percent: 10, mode: 'mirror', predictor: v4 } }))).toThrow(
      'test-workloads/b: canary.mode = "mirror" is not available in Knative mode (Knative splits traffic between revisions, it cannot mirror); use mode "split", or deploymentMode "Standard" with a ServingGateway',
    );
    expect(() => new InferenceService(setup.workloads, 'c', sklearnProps(setup, { canary: { percent: 10, replicas: 2, predictor: v4 } }))).toThrow(
      'test-workloads/c: canary.replicas = 2 does not apply in Knative mode: the canary revision autoscales between minReplicas and maxReplicas like the stable one; drop canary.replicas',
    );
    expect(() => new InferenceService(setup.workloads, 'd', sklearnProps(setup, { maxReplicas: 4, autoscaling: { metric: 'cpu', targetUtilization: 70 } }))).toThrow(
      'test-workloads/d: autoscaling.metric = "cpu" is not a Knative mode metric; use "concurrency" or "rps" (Knative Pod Autoscaler)',
    );
  });

  test('Knative-only features are refused in Standard mode', () => {
    const { cloud, workloads } = stacks();
    const props: InferenceServiceProps = { namespace: 'models', identity: churnIdentity(cloud), predictor: { modelFormat: 'sklearn', storageUri: SKLEARN_URI, resources: RESOURCES } };
    expect(() => new InferenceService(workloads, 'a', { ...props, minReplicas: 0 })).toThrow(
      'test-workloads/a: minReplicas = 0 must be at least 1; Standard mode scales to zero only with llmAutoscaling (KEDA), or use deploymentMode "Knative"',
    );
    expect(() => new InferenceService(workloads, 'b', { ...props, scaleToZeroRetention: '10m' })).toThrow(
      'test-workloads/b: scaleToZeroRetention = "10m" applies to Knative mode only; drop it or set deploymentMode: "Knative" with minReplicas: 0',
    );
    expect(() => new InferenceService(workloads, 'c', { ...props, maxReplicas: 4, autoscaling: { metric: 'rps', targetUtilization: 200 } })).toThrow(
      'test-workloads/c: autoscaling.metric = "rps" is not a Standard mode metric; use "cpu" or "memory" (HPA)',
    );
    expect(() => new InferenceService(workloads, 'd', { ...props, maxReplicas: 4, autoscaling: { metric: 'cpu', targetUtilization: 150 } })).toThrow(
      'test-workloads/d: autoscaling.targetUtilization = 150 must be 1–100 (percent of the request)',
    );
  });

  test('scale-to-zero retention needs minReplicas 0 and a Knative duration', () => {
    const setup = knativeSetup();
    expect(() => new InferenceService(setup.workloads, 'a', sklearnProps(setup, { minReplicas: 1, scaleToZeroRetention: '10m' }))).toThrow(
      'test-workloads/a: scaleToZeroRetention = "10m" applies only to a service that scales to zero (minReplicas is 1); set minReplicas: 0 or drop scaleToZeroRetention',
    );
    expect(() => new InferenceService(setup.workloads, 'b', sklearnProps(setup, { minReplicas: 0, scaleToZeroRetention: 'ten minutes' }))).toThrow(
      'test-workloads/b: scaleToZeroRetention = "ten minutes" is not a Knative duration; use e.g. "15m" or "1h"',
    );
  });
});
