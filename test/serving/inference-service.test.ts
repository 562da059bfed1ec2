import { InferenceService, CANARY_NEEDS_GATEWAY } from '../../src/serving/inference-service';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { ServingRuntime } from '../../src/serving/serving-runtime';
import { platformStack, resourceAt, resourceList, synth } from '../helpers/synth';
import { churnIdentity, SKLEARN_URI, stacks } from './fixture';

const RESOURCES = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } };
const SECURITY = { runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

function manifests(stack: any): Record<string, any> {
  return Object.fromEntries(resourceList(synth(stack), 'kubernetes_manifest').map((r: any) => [`${r.manifest.kind}/${r.manifest.metadata.name}`, r]));
}

function sklearn(overrides: Record<string, unknown> = {}) {
  const { app, cloud, workloads } = stacks();
  const identity = churnIdentity(cloud);
  const props = { namespace: 'models', identity, predictor: { modelFormat: 'sklearn' as const, storageUri: SKLEARN_URI, resources: RESOURCES }, ...overrides };
  return { app, cloud, workloads, identity, props };
}

describe('InferenceService on CPU', () => {
  test('emits the InferenceService, its service account, no route', () => {
    const { workloads, props } = sklearn();
    const svc = new InferenceService(workloads, 'churn', props);
    const json = synth(workloads);
    const isvc = resourceAt(json, 'kubernetes_manifest', 'churn/inference-service');
    expect(isvc.manifest).toEqual({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name: 'churn',
        namespace: 'models',
        labels: { 'mlops.cdktf.io/serving-track': 'stable', 'app.kubernetes.io/name': 'churn' },
        annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'none' },
      },
      spec: {
        predictor: {
          serviceAccountName: 'churn-sa',
          minReplicas: 2,
          maxReplicas: 2,
          automountServiceAccountToken: false,
          model: {
            name: 'kserve-container',
            modelFormat: { name: 'sklearn' },
            runtime: 'kserve-sklearnserver',
            storageUri: 's3://acme-models/models/churn/v3',
            // The chart's runtimes declare no port: without it the model-server PodMonitor keeps no target in Standard mode.
            ports: [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
            securityContext: SECURITY,
          },
        },
      },
    });
    expect(isvc.computed_fields).toEqual(['metadata.annotations', 'metadata.labels']);
    const sa = resourceAt(json, 'kubernetes_service_account_v1', 'churn/service-account');
    expect(sa.metadata).toEqual({ name: 'churn-sa', namespace: 'models', labels: { 'serving.kserve.io/inferenceservice': 'churn' } });
    expect(sa.automount_service_account_token).toBe(false);
    expect(isvc.depends_on).toEqual(['kubernetes_service_account_v1.churn_service-account_2851AC1F']);
    expect(resourceList(json, 'kubernetes_manifest')).toHaveLength(1);
    expect(svc.internalUrl).toBe('http://churn-predictor.models.svc.cluster.local');
    expect(svc.routedHost).toBeUndefined();
  });

  test('autoscaling sets the HPA class, metric and target', () => {
    const { workloads, props } = sklearn({ minReplicas: 1, maxReplicas: 5, autoscaling: { metric: 'cpu', targetUtilization: 70 } });
    new InferenceService(workloads, 'churn', props);
    const m = manifests(workloads)['InferenceService/churn'].manifest;
    expect(m.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('hpa');
    expect([m.spec.predictor.minReplicas, m.spec.predictor.maxReplicas, m.spec.predictor.scaleMetric, m.spec.predictor.scaleTarget]).toEqual([1, 5, 'cpu', 70]);
  });

  test('each model format maps to its cluster runtime', () => {
    const { workloads, props } = sklearn();
    const formats = { xgboost: 'kserve-xgbserver', pytorch: 'kserve-torchserve', triton: 'kserve-tritonserver', lightgbm: 'kserve-lgbserver' } as const;
    for (const [format, runtime] of Object.entries(formats)) {
      new InferenceService(workloads, format, { ...props, name: 'churn', namespace: 'models', predictor: { ...props.predictor, modelFormat: format as any } });
      const m = manifests(workloads)['InferenceService/churn'];
      expect(m).toBeDefined();
      expect([format, m.manifest.spec.predictor.model.runtime]).toEqual([format, runtime]);
      workloads.node.tryRemoveChild(format);
    }
  });

  test('a custom ServingRuntime is emitted and used', () => {
    const { workloads, props } = sklearn();
    const runtime = new ServingRuntime(workloads, 'custom', {
      namespace: 'models',
      image: { repository: 'ghcr.io/acme/scorer', tag: '1.4.2' },
      modelFormat: 'acme-scorer',
      args: ['--model_name={{.Name}}'],
      resources: RESOURCES,
    });
    new InferenceService(workloads, 'churn', { ...props, predictor: { runtime, storageUri: SKLEARN_URI, resources: RESOURCES } });
    const all = manifests(workloads);
    expect(all['ServingRuntime/custom'].manifest).toEqual({
      apiVersion: 'serving.kserve.io/v1alpha1',
      kind: 'ServingRuntime',
      metadata: { name: 'custom', namespace: 'models' },
      spec: {
        supportedModelFormats: [{ name: 'acme-scorer', autoSelect: false }],
        protocolVersions: ['v2'],
        containers: [
          {
            name: 'kserve-container',
            image: 'ghcr.io/acme/scorer:1.4.2',
            args: ['--model_name={{.Name}}'],
            // Knative accepts only an empty name, http1 or h2c on the user container's port.
            ports: [{ containerPort: 8080, name: 'http1', protocol: 'TCP' }],
            resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
            securityContext: SECURITY,
          },
        ],
      },
    });
    const model = all['InferenceService/churn'].manifest.spec.predictor.model;
    expect([model.runtime, model.modelFormat]).toEqual(['custom', { name: 'acme-scorer' }]);
    // The runtime declares the port; the predictor adds none (KServe merges ports by containerPort).
    expect(model.ports).toBeUndefined();
  });

  test('a ClusterServingRuntime named by string gets no declared port (its ports are unknown); a chart runtime named by string does', () => {
    const { workloads, props } = sklearn();
    new InferenceService(workloads, 'own', { ...props, name: 'own', predictor: { ...props.predictor, runtime: 'acme-cluster-runtime' } });
    new InferenceService(workloads, 'chart', { ...props, name: 'chart', predictor: { ...props.predictor, runtime: 'kserve-sklearnserver' } });
    const all = manifests(workloads);
    expect(all['InferenceService/own'].manifest.spec.predictor.model.ports).toBeUndefined();
    expect(all['InferenceService/chart'].manifest.spec.predictor.model.ports).toEqual([{ name: 'http1', containerPort: 8080, protocol: 'TCP' }]);
  });
});

describe('InferenceService validation', () => {
  test('a bad storageUri names the fix', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'churn', { ...props, predictor: { ...props.predictor, storageUri: 'gs://bucket/model' } })).toThrow(
      'test-workloads/churn: predictor.storageUri = "gs://bucket/model" uses the unsupported scheme "gs://"; use s3:// (models in S3, read through Pod Identity), https:// or hf://',
    );
  });

  test('an S3 model needs an identity that can read it', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'a', { ...props, identity: undefined })).toThrow(
      'test-workloads/a: predictor.storageUri = "s3://acme-models/models/churn/v3" is in S3 but the service has no identity; pass identity (an InferenceServiceIdentity in the cloud layer that grants read on this prefix)',
    );
    expect(() => new InferenceService(workloads, 'b', { ...props, predictor: { ...props.predictor, storageUri: 's3://acme-models/models/fraud/v1' } })).toThrow(
      'test-workloads/b: predictor.storageUri = "s3://acme-models/models/fraud/v1" is not readable by the service\'s identity (it grants s3://acme-models/models/churn); add this prefix to the InferenceServiceIdentity\'s models',
    );
    expect(() => new InferenceService(workloads, 'c', { ...props, namespace: 'other' })).toThrow(
      'test-workloads/c: identity = "churn-sa" is bound to namespace "models" but the service runs in "other"; create the identity for namespace "other"',
    );
  });

  test('resources are required', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'churn', { ...props, predictor: { ...props.predictor, resources: undefined as any } })).toThrow(
      'test-workloads/churn: predictor.resources = (missing) is required; give requests (cpu, memory) and limits (memory) so the pod is schedulable and bounded',
    );
  });

  test('autoscaling without room, Knative mode without Knative Serving, and a missing format are refused', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'a', { ...props, autoscaling: { metric: 'cpu', targetUtilization: 70 } })).toThrow(
      'test-workloads/a: autoscaling = {"metric":"cpu","targetUtilization":70} has no room to scale (minReplicas = maxReplicas = 2); set maxReplicas above minReplicas or drop autoscaling',
    );
    expect(() => new InferenceService(workloads, 'b', { ...props, deploymentMode: 'Knative' })).toThrow(
      'test-workloads/b: knative = (missing) is required in Knative mode; pass the KnativeServing of this workloads stack (with KServe installed with deploymentMode: "Knative")',
    );
    expect(() => new InferenceService(workloads, 'c', { ...props, predictor: { storageUri: SKLEARN_URI, resources: RESOURCES } })).toThrow(
      'test-workloads/c: predictor.modelFormat = (missing) is required; choose one of sklearn, xgboost, lightgbm, pytorch, triton, onnx, huggingface, or pass a custom ServingRuntime as runtime',
    );
  });

  test('images must be pinned, env may not hold credentials, limits not below requests, no unknown keys', () => {
    const { workloads, props } = sklearn();
    const make = (id: string, predictor: Record<string, unknown>) => () => new InferenceService(workloads, id, { ...props, name: id, predictor: { ...props.predictor, ...predictor } as any });
    expect(make('a', { image: { repository: 'kserve/sklearnserver', tag: 'latest' } })).toThrow('test-workloads/a: predictor.image.tag = "latest" is "latest"; pin an exact image tag');
    expect(make('b', { image: { repository: 'kserve/sklearnserver:v0.20.0', tag: 'v0.20.0' } })).toThrow(
      'test-workloads/b: predictor.image.repository = "kserve/sklearnserver:v0.20.0" includes a tag or digest; give the repository only and the version in the tag prop',
    );
    expect(make('c', { env: { HF_TOKEN: 'hf_abcdefghijklmnopqrstuvwxyz0123456789' } })).toThrow(
      'test-workloads/c: predictor.env.HF_TOKEN = "(redacted)" looks like a literal credential (its name says it is a credential); it would be stored in plain text in the synthesized JSON and the Terraform state, pass the Hugging Face token as hubToken, and other secrets through a Secret the pod reads',
    );
    expect(make('d', { resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { memory: '2Gi' } } })).toThrow(
      'test-workloads/d: predictor.resources.limits.memory = "2Gi" is below requests.memory (4Gi); the API server refuses a limit below its request, raise the limit or lower the request',
    );
    expect(make('e', { storageUrl: SKLEARN_URI })).toThrow(`test-workloads/e: predictor.storageUrl = "${SKLEARN_URI}" is not a known prop; did you mean "storageUri"?`);
    expect(() => new InferenceService(workloads, 'f', { ...props, maxReplica: 3 } as any)).toThrow('test-workloads/f: maxReplica = 3 is not a known prop; did you mean "maxReplicas"?');
  });

  test('names: a letter first, derived names within 63 characters, one InferenceService per namespace and name', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'a', { ...props, name: '1churn' })).toThrow(
      'test-workloads/a: name = "1churn" does not start with a letter; KServe requires InferenceService names to (its Services are DNS-1035 names)',
    );
    const long = 'c'.repeat(54);
    expect(() => new InferenceService(workloads, 'b', { ...props, name: long })).toThrow(
      `test-workloads/b: name = "${long}" is too long: KServe derives "${long}-predictor" (64 characters) from it, over the 63-character limit of Kubernetes names; use at most 53 characters`,
    );
    expect(() => new InferenceService(workloads, 'c', { ...props, name: 'c'.repeat(53) })).not.toThrow();
    new InferenceService(workloads, 'churn', props);
    expect(() => new InferenceService(workloads, 'churn-again', { ...props, name: 'churn' })).toThrow(
      'test-workloads/churn-again: name = "churn" names InferenceService models/churn on cluster "test-cluster", which test-workloads/churn already creates; give one of them another name or namespace',
    );
  });

  test('belongs in the workloads layer', () => {
    const { props } = sklearn();
    expect(() => new InferenceService(platformStack(), 'churn', props)).toThrow('InferenceService belongs in the workloads layer');
  });
});

describe('canary rollouts', () => {
  function withGateway(overrides: Record<string, unknown> = {}) {
    const ctx = sklearn();
    const gateway = new ServingGateway(ctx.workloads, 'gateway', { routeNamespaces: ['models'] });
    return { ...ctx, gateway, props: { ...ctx.props, gateway, ...overrides } };
  }

  test('in Standard mode without a gateway, canary is refused with the mode-specific reason', () => {
    const { workloads, props } = sklearn();
    expect(() => new InferenceService(workloads, 'churn', { ...props, canary: { percent: 10, predictor: { storageUri: 's3://acme-models/models/churn/v4' } } })).toThrow(
      `test-workloads/churn: canary.percent = 10 ${CANARY_NEEDS_GATEWAY}`,
    );
    expect(CANARY_NEEDS_GATEWAY).toBe(
      'cannot be routed in Standard mode without a gateway: KServe v0.20 honours canaryTrafficPercent only in Knative mode and spec.canary does not route traffic; pass `gateway` (a ServingGateway) so the split is made by HTTPRoute weights',
    );
  });

  test('split: a second InferenceService and HTTPRoute weights 90/10', () => {
    const { workloads, props } = withGateway({ canary: { percent: 10, predictor: { storageUri: 's3://acme-models/models/churn/v4' } } });
    const svc = new InferenceService(workloads, 'churn', props);
    // the typed output of the routed (split) endpoint: the Host the HTTPRoute serves
    expect(svc.routedHost).toBe('churn.models.serving.internal');
    const all = manifests(workloads);
    const canary = all['InferenceService/churn-canary'].manifest;
    expect(canary.metadata.labels['mlops.cdktf.io/serving-track']).toBe('canary');
    expect(canary.spec.predictor.model.storageUri).toBe('s3://acme-models/models/churn/v4');
    expect([canary.spec.predictor.minReplicas, canary.spec.predictor.maxReplicas, canary.spec.predictor.serviceAccountName]).toEqual([1, 1, 'churn-sa']);
    expect(all['InferenceService/churn'].manifest.spec.predictor.model.storageUri).toBe('s3://acme-models/models/churn/v3');
    expect(all['HTTPRoute/churn'].manifest).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'churn', namespace: 'models', labels: { 'app.kubernetes.io/name': 'churn' } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'serving', namespace: 'envoy-gateway-system', sectionName: 'http' }],
        hostnames: ['churn.models.serving.internal'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [
              { kind: 'Service', name: 'churn-predictor', port: 80, weight: 90 },
              { kind: 'Service', name: 'churn-canary-predictor', port: 80, weight: 10 },
            ],
          },
        ],
      },
    });
    expect(all['HTTPRoute/churn'].depends_on).toEqual([
      'kubernetes_manifest.churn_inference-service_0B443DA8',
      'kubernetes_manifest.churn_canary_14A771C1',
    ]);
  });

  test('mirror: all traffic to stable, a share copied to the canary', () => {
    const { workloads, props } = withGateway({ canary: { percent: 25, mode: 'mirror', predictor: { storageUri: 's3://acme-models/models/churn/v4' } } });
    new InferenceService(workloads, 'churn', props);
    const rule = manifests(workloads)['HTTPRoute/churn'].manifest.spec.rules[0];
    expect(rule.backendRefs).toEqual([{ kind: 'Service', name: 'churn-predictor', port: 80 }]);
    expect(rule.filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { kind: 'Service', name: 'churn-canary-predictor', port: 80 }, percent: 25 } }]);
  });

  test('promotion and rollback are prop changes: no canary means one backend', () => {
    const { workloads, props } = withGateway({ predictor: { modelFormat: 'sklearn', storageUri: 's3://acme-models/models/churn/v4', resources: RESOURCES } });
    new InferenceService(workloads, 'churn', props);
    const all = manifests(workloads);
    expect(all['InferenceService/churn-canary']).toBeUndefined();
    expect(all['HTTPRoute/churn'].manifest.spec.rules[0].backendRefs).toEqual([{ kind: 'Service', name: 'churn-predictor', port: 80 }]);
  });

  test('canary percent must be 1–99 and the canary model readable', () => {
    const { workloads, props } = withGateway();
    expect(() => new InferenceService(workloads, 'a', { ...props, canary: { percent: 100, predictor: {} } })).toThrow(
      'test-workloads/a: canary.percent = 100 must be 1–99; to promote, move the canary settings into `predictor` and remove `canary`',
    );
    expect(() => new InferenceService(workloads, 'b', { ...props, canary: { percent: 10, predictor: { storageUri: 's3://other-bucket/models/churn/v4' } } })).toThrow(
      'test-workloads/b: canary.predictor.storageUri = "s3://other-bucket/models/churn/v4" is not readable by the service\'s identity',
    );
    expect(() => new InferenceService(workloads, 'c', { ...props, namespace: 'other', identity: undefined, predictor: { ...props.predictor, storageUri: 'https://example.com/m.tgz' } })).toThrow(
      'test-workloads/c: namespace = "other" is not a route namespace of gateway "serving" (models); add it to the ServingGateway\'s routeNamespaces',
    );
  });
});
