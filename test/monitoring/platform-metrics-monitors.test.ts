import { PlatformMetricsMonitors } from '../../src/monitoring/platform-metrics-monitors';
import { platformStack, synth, workloadsStack } from '../helpers/synth';
import { manifests } from './fixtures';

describe('PlatformMetricsMonitors', () => {
  test('Karpenter by default: its controller pods by the chart selector labels, metrics on 8080', () => {
    const stack = workloadsStack();
    new PlatformMetricsMonitors(stack, 'm');
    const all = manifests(synth(stack));
    expect(Object.keys(all)).toEqual(['PodMonitor/karpenter']);
    expect(all['PodMonitor/karpenter'].metadata.namespace).toBe('monitoring');
    expect(all['PodMonitor/karpenter'].spec).toEqual({
      namespaceSelector: { matchNames: ['kube-system'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'karpenter', 'app.kubernetes.io/instance': 'karpenter' } },
      podMetricsEndpoints: [{ portNumber: 8080, path: '/metrics', interval: '30s' }],
    });
  });

  test('Feast online server through the chart Service\'s metrics port when a namespace is given; Karpenter can be left out', () => {
    const stack = workloadsStack();
    new PlatformMetricsMonitors(stack, 'm', { karpenter: false, feastNamespace: 'features', namespace: 'obs' });
    const all = manifests(synth(stack));
    // A ServiceMonitor: the chart's container does not declare 8000, its Service does (port "metrics").
    expect(Object.keys(all)).toEqual(['ServiceMonitor/feast-feature-server']);
    expect(all['ServiceMonitor/feast-feature-server'].metadata.namespace).toBe('obs');
    expect(all['ServiceMonitor/feast-feature-server'].spec).toEqual({
      namespaceSelector: { matchNames: ['features'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'feast-feature-server' } },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
    });
  });

  test('workloads layer only; a bad namespace names the prop', () => {
    expect(() => new PlatformMetricsMonitors(platformStack(), 'm')).toThrow('PlatformMetricsMonitors belongs in the workloads layer');
    expect(() => new PlatformMetricsMonitors(workloadsStack(), 'm', { feastNamespace: 'Feast_NS' })).toThrow('test-workloads/m: feastNamespace = "Feast_NS"');
  });
});
