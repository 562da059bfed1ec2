import {
  gpuIdleExpr,
  gpuPendingPodsExpr,
  inferenceErrorRateExpr,
  inferenceLatencyExpr,
  InferenceMetricsMonitors,
  MlopsAlertRules,
  nodePoolGpuLimitExpr,
} from '../../src/monitoring';
import { platformStack, synth, workloadsStack } from '../helpers/synth';
import { errorOf, manifests } from './fixtures';

describe('alert expressions', () => {
  test('GPU pods pending: Pending pods that request a GPU or MIG slice (kube-state-metrics names)', () => {
    expect(gpuPendingPodsExpr()).toBe(
      'max by (namespace, pod) (kube_pod_status_phase{phase="Pending"}) == 1 and on (namespace, pod) max by (namespace, pod) (kube_pod_container_resource_requests{resource=~"nvidia_com_gpu|nvidia_com_mig.*"}) > 0',
    );
  });
  test('GPU idle: every GPU of a node under the threshold', () => {
    expect(gpuIdleExpr(5)).toBe('max by (Hostname) (DCGM_FI_PROF_GR_ENGINE_ACTIVE) * 100 < 5');
  });
  test('NodePool GPU limit: Karpenter v1 usage >= limit per pool and resource type', () => {
    expect(nodePoolGpuLimitExpr()).toBe(
      'sum by (nodepool, resource_type) (karpenter_nodepools_usage{resource_type=~"nvidia.com/gpu|nvidia.com/mig_.*"}) >= on (nodepool, resource_type) sum by (nodepool, resource_type) (karpenter_nodepools_limit{resource_type=~"nvidia.com/gpu|nvidia.com/mig_.*"})',
    );
  });
  test('KServe latency and Envoy error rate', () => {
    expect(inferenceLatencyExpr(0.5)).toBe('histogram_quantile(0.95, sum by (namespace, model_name, le) (rate(request_predict_seconds_bucket[5m]))) > 0.5');
    expect(inferenceErrorRateExpr(0.01)).toBe(
      'sum by (envoy_cluster_name) (rate(envoy_cluster_upstream_rq_xx{envoy_response_code_class="5"}[5m])) / sum by (envoy_cluster_name) (rate(envoy_cluster_upstream_rq_total[5m])) > 0.01',
    );
  });
});

describe('MlopsAlertRules', () => {
  test('default thresholds and windows', () => {
    const stack = workloadsStack();
    new MlopsAlertRules(stack, 'alerts');
    const rule = manifests(synth(stack))['PrometheusRule/mlops-alerts'];
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.metadata.namespace).toBe('monitoring');
    expect(rule.spec.groups.map((g: any) => [g.name, g.rules.map((r: any) => [r.alert, r.expr, r.for, r.labels.severity])])).toEqual([
      [
        'mlops.gpu',
        [
          ['MlopsGpuPodPending', gpuPendingPodsExpr(), '15m', 'warning'],
          ['MlopsGpuIdle', 'max by (Hostname) (DCGM_FI_PROF_GR_ENGINE_ACTIVE) * 100 < 5', '30m', 'warning'],
          ['MlopsNodePoolGpuLimitReached', nodePoolGpuLimitExpr(), '5m', 'warning'],
        ],
      ],
      [
        'mlops.serving',
        [
          ['MlopsInferenceLatencyHigh', 'histogram_quantile(0.95, sum by (namespace, model_name, le) (rate(request_predict_seconds_bucket[5m]))) > 1', '10m', 'warning'],
          ['MlopsInferenceErrorRateHigh', inferenceErrorRateExpr(0.05), '10m', 'critical'],
        ],
      ],
    ]);
  });

  test('custom thresholds reach the expressions', () => {
    const stack = workloadsStack();
    new MlopsAlertRules(stack, 'alerts', { gpuPendingFor: '5m', gpuIdleUtilPercent: 10, gpuIdleFor: '1h', latencyP95Seconds: 0.25, errorRatio: 0.01 });
    const rules = manifests(synth(stack))['PrometheusRule/mlops-alerts'].spec.groups.flatMap((g: any) => g.rules);
    expect(rules.map((r: any) => [r.alert, r.for])).toEqual([
      ['MlopsGpuPodPending', '5m'],
      ['MlopsGpuIdle', '1h'],
      ['MlopsNodePoolGpuLimitReached', '5m'],
      ['MlopsInferenceLatencyHigh', '10m'],
      ['MlopsInferenceErrorRateHigh', '10m'],
    ]);
    expect(rules[1].expr).toBe('max by (Hostname) (DCGM_FI_PROF_GR_ENGINE_ACTIVE) * 100 < 10');
    expect(rules[3].expr).toBe(inferenceLatencyExpr(0.25));
    expect(rules[4].expr).toBe(inferenceErrorRateExpr(0.01));
  });

  test('validation messages', () => {
    expect(errorOf(() => new MlopsAlertRules(workloadsStack(), 'alerts', { errorRatio: 5 }))).toBe('test-workloads/alerts: errorRatio = 5 is above 1; give a share between 0 and 1');
    expect(errorOf(() => new MlopsAlertRules(workloadsStack(), 'alerts', { gpuPendingFor: '15 min' }))).toBe(
      'test-workloads/alerts: gpuPendingFor = "15 min" is not a Prometheus duration; use e.g. "15m" or "1h"',
    );
    expect(errorOf(() => new MlopsAlertRules(platformStack(), 'alerts'))).toBe(
      'test-platform/alerts: MlopsAlertRules belongs in the workloads layer but was created in platform stack "test-platform"; create it in the workloads stack of the stack set (stackSet.workloads).',
    );
  });
});

describe('InferenceMetricsMonitors', () => {
  test('PodMonitors for KServe model servers (any namespace) and Envoy Gateway proxies', () => {
    const stack = workloadsStack();
    new InferenceMetricsMonitors(stack, 'monitors');
    const m = manifests(synth(stack));
    expect(m['PodMonitor/kserve-model-servers'].spec).toEqual({
      namespaceSelector: { any: true },
      selector: { matchExpressions: [{ key: 'serving.kserve.io/inferenceservice', operator: 'Exists' }] },
      podMetricsEndpoints: [{ portNumber: 8080, path: '/metrics', interval: '30s' }],
    });
    expect(m['PodMonitor/envoy-gateway-proxies'].spec).toEqual({
      namespaceSelector: { matchNames: ['envoy-gateway-system'] },
      selector: { matchLabels: { 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway' } },
      podMetricsEndpoints: [{ portNumber: 19001, path: '/stats/prometheus', interval: '30s' }],
    });
  });
});
