import { parse } from 'yaml';
import { NvidiaGpuOperator } from '../../../src/compute/gpu-operator';
import { MigConfiguration } from '../../../src/compute/mig';
import { addresses, onlyResource, platformStack, resourceAt, resourceList, synth, workloadsStack } from '../../helpers/synth';

const RESOURCES = {
  operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  validator: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
  devicePlugin: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  gfd: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  dcgmExporter: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
  migManager: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
};

/** Values of the AL2023 operator without MIG or time-slicing. */
const AL2023_VALUES = {
  operator: { nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }, resources: RESOURCES.operator },
  daemonsets: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
  driver: { enabled: false },
  toolkit: { enabled: false },
  cdi: { enabled: false },
  validator: { resources: RESOURCES.validator },
  devicePlugin: { enabled: true, resources: RESOURCES.devicePlugin },
  gfd: { enabled: true, resources: RESOURCES.gfd },
  dcgmExporter: { enabled: true, resources: RESOURCES.dcgmExporter, serviceMonitor: { enabled: false, additionalLabels: {} } },
  migManager: { enabled: false, resources: RESOURCES.migManager },
};

function release(json: any): any {
  return onlyResource(json, 'helm_release');
}

describe('NvidiaGpuOperator', () => {
  test('AL2023: driver and toolkit off, device plugin on, operator on system nodes, operands tolerate the GPU taint', () => {
    const stack = platformStack();
    const op = new NvidiaGpuOperator(stack, 'gpu');
    const json = synth(stack);
    const r = release(json);
    expect([r.name, r.namespace, r.repository, r.chart, r.version, r.create_namespace, r.timeout]).toEqual([
      'gpu-operator',
      'gpu-operator',
      'https://helm.ngc.nvidia.com/nvidia',
      'gpu-operator',
      'v26.7.0',
      false,
      900,
    ]);
    expect(parse(r.values[0])).toEqual(AL2023_VALUES);
    expect(op.values).toEqual(AL2023_VALUES);
    expect(onlyResource(json, 'kubernetes_namespace_v1').metadata).toEqual({
      name: 'gpu-operator',
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-mlops', 'app.kubernetes.io/part-of': 'gpu-operator', 'pod-security.kubernetes.io/enforce': 'privileged' },
    });
    expect(r.depends_on).toEqual(Object.keys(addresses(json, 'kubernetes_namespace_v1')));
    expect(resourceList(json, 'kubernetes_config_map_v1')).toEqual([]);
  });

  test('Bottlerocket: the host runs the device plugin, so the operator does not', () => {
    const stack = platformStack();
    const op = new NvidiaGpuOperator(stack, 'gpu', { amiFamily: 'bottlerocket' });
    expect(op.values).toEqual({ ...AL2023_VALUES, devicePlugin: { enabled: false, resources: RESOURCES.devicePlugin } });
  });

  test('MIG: mixed strategy and the MIG manager pointed at MigConfiguration’s ConfigMap, created after the namespace', () => {
    const stack = platformStack();
    const mig = new MigConfiguration(stack, 'mig', { pools: [{ configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } }] });
    const op = new NvidiaGpuOperator(stack, 'gpu', { mig });
    expect(op.values).toEqual({
      ...AL2023_VALUES,
      mig: { strategy: 'mixed' },
      migManager: { enabled: true, resources: RESOURCES.migManager, config: { create: false, name: 'mlops-mig-parted-config', default: 'all-disabled' } },
    });
    const json = synth(stack);
    const ids = addresses(json, 'kubernetes_namespace_v1', 'kubernetes_config_map_v1');
    const nsId = Object.keys(ids).find((k) => k.startsWith('kubernetes_namespace_v1'))!;
    const cmId = Object.keys(ids).find((k) => k.startsWith('kubernetes_config_map_v1'))!;
    expect(resourceAt(json, 'kubernetes_config_map_v1', '/mig/config-map').depends_on).toEqual([nsId]);
    expect(release(json).depends_on).toEqual([nsId, cmId]);
  });

  test('time-slicing: a device-plugin ConfigMap and devicePlugin.config pointing at it', () => {
    const stack = platformStack();
    const op = new NvidiaGpuOperator(stack, 'gpu', { timeSlicing: { replicas: 4 } });
    expect(op.values.devicePlugin).toEqual({
      enabled: true,
      resources: RESOURCES.devicePlugin,
      config: { create: false, name: 'mlops-device-plugin-config', default: 'default' },
    });
    const cm = onlyResource(synth(stack), 'kubernetes_config_map_v1');
    expect(cm.metadata.name).toBe('mlops-device-plugin-config');
    expect(parse(cm.data.default)).toEqual({
      version: 'v1',
      flags: { migStrategy: 'none' },
      sharing: { timeSlicing: { renameByDefault: false, failRequestsGreaterThanOne: true, resources: [{ name: 'nvidia.com/gpu', replicas: 4 }] } },
    });
  });

  test('time-slicing next to MIG uses the mixed strategy in the plugin config too', () => {
    const stack = platformStack();
    const mig = new MigConfiguration(stack, 'mig', { pools: [{ configName: 'a', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } }] });
    new NvidiaGpuOperator(stack, 'gpu', { mig, timeSlicing: { replicas: 2, renameByDefault: true } });
    const cm = resourceAt(synth(stack), 'kubernetes_config_map_v1', '/gpu/device-plugin-config');
    expect(parse(cm.data.default).flags).toEqual({ migStrategy: 'mixed' });
    expect(parse(cm.data.default).sharing.timeSlicing.renameByDefault).toBe(true);
  });

  test('ServiceMonitor only when asked (Prometheus Operator CRDs present), with labels', () => {
    const op = new NvidiaGpuOperator(platformStack(), 'gpu', { serviceMonitor: true, serviceMonitorLabels: { release: 'kube-prometheus-stack' } });
    expect(op.values.dcgmExporter).toEqual({
      enabled: true,
      resources: RESOURCES.dcgmExporter,
      serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } },
    });
  });

  test('nodeSelector replaces the system-node label of the operator (existing clusters); Linux stays', () => {
    const op = new NvidiaGpuOperator(platformStack(), 'gpu', { nodeSelector: { 'node.example.com/pool': 'infra' } });
    expect((op.values.operator as any).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node.example.com/pool': 'infra' });
  });

  test('dependsOn orders the release after the given resources', () => {
    const stack = platformStack();
    const other = new NvidiaGpuOperator(stack, 'first', { namespace: 'first' });
    new NvidiaGpuOperator(stack, 'gpu', { dependsOn: [other.chart.release] });
    const release = resourceAt(synth(stack), 'helm_release', 'gpu/chart/release');
    expect(release.depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.gpu_namespace_/), expect.stringMatching(/^helm_release\.first_chart_release_[A-F0-9]{8}$/)]);
  });

  test('overrides merge over the library values', () => {
    const op = new NvidiaGpuOperator(platformStack(), 'gpu', { overrides: { gfd: { enabled: false } } });
    expect(op.values.gfd).toEqual({ enabled: false, resources: RESOURCES.gfd });
  });

  test.each([
    [{ amiFamily: 'bottlerocket', timeSlicing: { replicas: 4 } }, 'test-platform/gpu: timeSlicing = {"replicas":4} cannot be applied on Bottlerocket: the host runs the device plugin; set settings.kubelet-device-plugins.nvidia.device-sharing-strategy = "time-slicing" and settings.kubelet-device-plugins.nvidia.time-slicing.replicas in the node class user data, or use amiFamily "al2023"'],
    [{ timeSlicing: { replicas: 1 } }, 'test-platform/gpu: timeSlicing.replicas = 1 is under 2, which shares nothing; use 2 or more, or leave timeSlicing out'],
    [{ amiFamily: 'ubuntu' }, 'test-platform/gpu: amiFamily = "ubuntu" is not a supported AMI family; use "al2023" or "bottlerocket"'],
  ])('rejects %j', (props, message) => {
    expect(() => new NvidiaGpuOperator(platformStack(), 'gpu', props as any)).toThrow(new Error(message));
  });

  test('rejects MIG on Bottlerocket and a MigConfiguration in another namespace', () => {
    const stack = platformStack();
    const mig = new MigConfiguration(stack, 'mig', { pools: [{ configName: 'a', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } }] });
    expect(() => new NvidiaGpuOperator(stack, 'br', { amiFamily: 'bottlerocket', mig })).toThrow(
      new Error(
        'test-platform/br: mig = "test-platform/mig" cannot be applied on Bottlerocket: its host device plugin and MIG manager own the GPUs; use amiFamily "al2023" for MIG pools, or set settings.kubelet-device-plugins.nvidia.device-sharing-strategy = "mig" and settings.kubelet-device-plugins.nvidia.mig.profile in the node class user data instead',
      ),
    );
    const other = new MigConfiguration(stack, 'mig2', { pools: [{ configName: 'a', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } }], namespace: 'nvidia' });
    expect(() => new NvidiaGpuOperator(stack, 'gpu', { mig: other })).toThrow(
      new Error('test-platform/gpu: mig = "test-platform/mig2" is in namespace "nvidia" but the operator runs in "gpu-operator"; create the MigConfiguration with namespace "gpu-operator" (the MIG manager reads its own namespace)'),
    );
  });

  test('belongs in the platform layer', () => {
    expect(() => new NvidiaGpuOperator(workloadsStack(), 'gpu')).toThrow('test-workloads/gpu: NvidiaGpuOperator belongs in the platform layer');
  });

  test('a MIG pool spec instead of a MigConfiguration, or a second operator on the cluster, is a ValidationError', () => {
    const stack = platformStack();
    expect(() => new NvidiaGpuOperator(stack, 'spec', { mig: { configName: 'a', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } } as any })).toThrow(
      'test-platform/spec: mig = {"configName":"a","gpu":"A100-40GB","layout":{"7g.40gb":1}} is not a MigConfiguration; create new MigConfiguration(platform, \'mig-config\', { pools: [<your MIG pool specs>] }) and pass it',
    );
    new NvidiaGpuOperator(stack, 'gpu');
    expect(() => new NvidiaGpuOperator(stack, 'gpu2')).toThrow(
      'test-platform/gpu2/chart: releaseName = "gpu-operator" names Helm release gpu-operator/gpu-operator on cluster "test-cluster", which test-platform/gpu/chart already creates; give one of them another name or namespace',
    );
  });
});
