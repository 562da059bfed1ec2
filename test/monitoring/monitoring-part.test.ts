import { addMonitoring } from '../../stacks/parts/monitoring';
import { GpuNodePool, GpuNodePoolProps } from '../../src/compute';
import { StackSet } from '../../src/core/layers/stack-set';
import { fakeClusterRef, synth, TEST_ENV, testApp } from '../helpers/synth';
import { KARPENTER, model } from './fixtures';

test('addMonitoring puts each piece in its layer and the whole set passes the deployability check', () => {
  const set = new StackSet(testApp(), { ...TEST_ENV, name: 'set' });
  set.connect(fakeClusterRef);
  const pool = new GpuNodePool(set.workloads, 'training', { karpenter: KARPENTER, name: 'training', instanceFamilies: ['g6e'], limits: { gpu: 8 } } as GpuNodePoolProps);
  const handle = addMonitoring(set, {
    clusterName: 'test-cluster',
    preset: 'dev',
    models: [model({ retraining: { container: { image: 'train:1.0' }, gpuPool: pool, mlflowTrackingUri: 'http://mlflow.mlflow.svc:5000' } })],
  });
  const [data, cloud, platform, workloads] = [synth(set.data), synth(set.cloud), synth(set.platform), synth(set.workloads)] as any[];
  // the Grafana and Evidently secrets outlive the cluster: data stack; the drift roles stay in cloud
  expect(Object.keys(data.resource.aws_secretsmanager_secret)).toHaveLength(2);
  expect(cloud.resource.aws_secretsmanager_secret).toBeUndefined();
  expect(Object.keys(cloud.resource.aws_iam_role)).toEqual([expect.stringMatching(/^drift_churn-drift-role_/)]);
  expect(Object.values<any>(platform.resource.helm_release).map((r) => r.chart).sort()).toEqual(['keda', 'kube-prometheus-stack']);
  expect(Object.values<any>(workloads.resource.kubernetes_manifest).map((r) => `${r.manifest.kind}/${r.manifest.metadata.name}`).sort()).toEqual([
    'EC2NodeClass/training',
    'NodePool/training',
    'PodMonitor/envoy-gateway-proxies',
    'PodMonitor/karpenter',
    'PodMonitor/kserve-model-servers',
    'PrometheusRule/mlops-alerts',
    'PrometheusRule/mlops-drift',
    'ScaledJob/churn-retrain',
    'ServiceMonitor/pushgateway',
  ]);
  expect(handle.drift.monitor.retrainingJobs.churn.query).toContain('model="churn"');
  expect(handle.monitoring.prometheusUrl).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
});
