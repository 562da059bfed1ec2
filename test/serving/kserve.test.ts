import { parse } from 'yaml';
import { KServe } from '../../src/serving/kserve';
import { addresses, platformStack, resourceAt, resources, synth, workloadsStack } from '../helpers/synth';

function values(release: any): any {
  return parse(release.values[0]);
}

describe('KServe', () => {
  test('installs cert-manager, kserve-crd, kserve-resources and runtime configs in that order', () => {
    const stack = platformStack();
    new KServe(stack, 'kserve', { namespaces: ['models'] });
    const json = synth(stack);
    const releases = resources(json, 'helm_release');
    const byName: Record<string, { id: string; r: any }> = Object.fromEntries(Object.entries(releases).map(([id, r]: [string, any]) => [r.name, { id, r }]));
    expect(Object.keys(byName).sort()).toEqual(['cert-manager', 'kserve', 'kserve-crd', 'kserve-runtime-configs']);
    const ref = (name: string) => `helm_release.${byName[name].id}`;
    expect(byName['cert-manager'].r.depends_on).toBeUndefined();
    expect(byName['kserve-crd'].r.depends_on).toEqual([ref('cert-manager')]);
    expect(byName.kserve.r.depends_on).toEqual([ref('kserve-crd')]);
    expect(byName['kserve-runtime-configs'].r.depends_on).toEqual([ref('kserve')]);
    expect(Object.values(byName).map(({ r }) => [r.chart, r.repository, r.version, r.namespace])).toEqual([
      ['cert-manager', 'https://charts.jetstack.io', 'v1.21.1', 'cert-manager'],
      ['kserve-crd', 'oci://ghcr.io/kserve/charts', 'v0.20.0', 'kserve'],
      ['kserve-resources', 'oci://ghcr.io/kserve/charts', 'v0.20.0', 'kserve'],
      ['kserve-runtime-configs', 'oci://ghcr.io/kserve/charts', 'v0.20.0', 'kserve'],
    ]);
    expect(byName['kserve-crd'].r.values).toBeUndefined();
    expect(addresses(json, 'kubernetes_namespace_v1')).toEqual({
      'kubernetes_namespace_v1.kserve_namespace-models_383FE188': 'test-platform/kserve/namespace-models',
    });
  });

  test('runs the controller in Standard mode on system nodes, cluster-internal, S3 region without keys', () => {
    const stack = platformStack();
    new KServe(stack, 'kserve');
    const v = values(resourceAt(synth(stack), 'helm_release', 'kserve/resources/release'));
    expect(v).toEqual({
      kserve: {
        controller: {
          deploymentMode: 'Standard',
          gateway: { disableIngressCreation: true },
          imagePullPolicy: 'IfNotPresent',
          nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
          resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '300Mi' } },
        },
        storage: { s3: { region: 'us-east-1', useHttps: '1', verifySSL: '1' } },
      },
    });
  });

  test('enables the cluster serving runtimes but not the vLLM runtime whose image is "latest"', () => {
    const stack = platformStack();
    new KServe(stack, 'kserve');
    const v = values(resourceAt(synth(stack), 'helm_release', 'kserve/runtime-configs/release'));
    expect(v).toEqual({ kserve: { servingruntime: { enabled: true, vllmserver: { disabled: true } } } });
  });

  test('cert-manager installs its CRDs, is HA in prod and single in dev', () => {
    const prod = platformStack();
    new KServe(prod, 'kserve');
    const p = values(resourceAt(synth(prod), 'helm_release', 'kserve/cert-manager/release'));
    expect(p.crds).toEqual({ enabled: true, keep: true });
    expect([p.replicaCount, p.webhook.replicaCount, p.cainjector.replicaCount]).toEqual([2, 2, 2]);
    expect([p.podDisruptionBudget, p.webhook.podDisruptionBudget]).toEqual([
      { enabled: true, minAvailable: 1 },
      { enabled: true, minAvailable: 1 },
    ]);
    expect(p.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    const dev = platformStack();
    new KServe(dev, 'kserve', { preset: 'dev' });
    const d = values(resourceAt(synth(dev), 'helm_release', 'kserve/cert-manager/release'));
    expect([d.replicaCount, d.podDisruptionBudget.enabled]).toEqual([1, false]);
  });

  test('an existing cert-manager is not installed; kserve-crd then depends on nothing', () => {
    const stack = platformStack();
    new KServe(stack, 'kserve', { certManager: 'existing' });
    const json = synth(stack);
    expect(Object.values(resources(json, 'helm_release')).map((r: any) => r.name).sort()).toEqual(['kserve', 'kserve-crd', 'kserve-runtime-configs']);
    expect(resourceAt(json, 'helm_release', 'kserve/crd/release').depends_on).toBeUndefined();
  });

  test('belongs in the platform layer', () => {
    expect(() => new KServe(workloadsStack(), 'kserve')).toThrow(
      'test-workloads/kserve: KServe belongs in the platform layer but was created in workloads stack "test-workloads"',
    );
  });

  test('bad props name the fix', () => {
    expect(() => new KServe(platformStack(), 'kserve', { namespaces: ['Models'] })).toThrow('test-platform/kserve: namespaces[0] = "Models" is not a DNS-1123 label');
    expect(() => new KServe(platformStack(), 'kserve', { controllerResources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { memory: '1Gi' } } })).toThrow(
      'test-platform/kserve: controllerResources.requests.cpu = "lots" is not a Kubernetes quantity; use e.g. "500m", "2", "4Gi"',
    );
  });
});
