import { Keda, kedaValues, GpuDashboard, GPU_DASHBOARD_FILE, Monitoring, MonitoringCloud } from '../../src/monitoring';
import { addresses, cloudStack, platformStack, resourceAt, synth, testApp } from '../helpers/synth';
import { errorOf } from './fixtures';
import { parse } from 'yaml';

function monitoring(props: Partial<ConstructorParameters<typeof Monitoring>[2]> = {}) {
  const app = testApp();
  const cloud = new MonitoringCloud(cloudStack(app), 'monitoring');
  const stack = platformStack(app);
  const m = new Monitoring(stack, 'monitoring', { cloud, ...props });
  const json = synth(stack) as any;
  const release = resourceAt(json, 'helm_release', 'monitoring/chart/release');
  return { m, json, release, values: parse(release.values[0]) };
}

describe('Monitoring', () => {
  test('release: pinned chart in namespace monitoring, after the namespace and the Grafana Secret', () => {
    const { release } = monitoring();
    expect([release.chart, release.version, release.repository, release.name, release.namespace]).toEqual([
      'kube-prometheus-stack',
      '88.5.3',
      'https://prometheus-community.github.io/helm-charts',
      'kube-prometheus-stack',
      'monitoring',
    ]);
    expect(release.depends_on).toEqual(['kubernetes_namespace_v1.monitoring_namespace_64E21CF9', 'kubernetes_secret_v1.monitoring_grafana-admin_secret_6D8235AA']);
  });

  test('scraping: monitors, rules, probes and scrape configs selected in every namespace, not only the release label', () => {
    const spec = monitoring().values.prometheus.prometheusSpec;
    expect(spec).toMatchObject({
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      ruleSelectorNilUsesHelmValues: false,
      probeSelectorNilUsesHelmValues: false,
      scrapeConfigSelectorNilUsesHelmValues: false,
      serviceMonitorSelector: {},
      serviceMonitorNamespaceSelector: {},
      podMonitorSelector: {},
      podMonitorNamespaceSelector: {},
      ruleSelector: {},
      ruleNamespaceSelector: {},
    });
  });

  test('retention by time and size on an encrypted gp3 volume; Alertmanager persisted; system nodes; requests/limits', () => {
    const { values } = monitoring();
    const spec = values.prometheus.prometheusSpec;
    expect([spec.retention, spec.retentionSize]).toEqual(['15d', '45GB']);
    expect(spec.storageSpec).toEqual({
      volumeClaimTemplate: { spec: { storageClassName: 'gp3-encrypted', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } } },
    });
    expect(spec.resources).toEqual({ requests: { cpu: '500m', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName).toBe('gp3-encrypted');
    expect(values.alertmanager.alertmanagerSpec.replicas).toBe(2);
    expect(values.prometheusOperator.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(values.prometheusOperator.admissionWebhooks.patch.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(values['kube-state-metrics'].nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
  });

  test('images: the CRD upgrade job (busybox:latest) stays off', () => {
    expect(monitoring().values.crds).toEqual({ enabled: true, upgradeJob: { enabled: false } });
  });

  test('Grafana: admin from the existing Secret, no adminPassword; dashboards sidecar on', () => {
    const { values } = monitoring();
    expect(values.grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(values.grafana.adminPassword).toBeUndefined();
    expect(values.grafana.sidecar.dashboards).toEqual({ enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' });
  });

  test('Grafana admin Secret: write-only copy of the generated secret, no literal password anywhere', () => {
    const { json, release } = monitoring();
    const { '//': _m, depends_on: _d, ...secret } = resourceAt(json, 'kubernetes_secret_v1', 'monitoring/grafana-admin/secret');
    expect(secret).toEqual({
      metadata: { name: 'grafana-admin', namespace: 'monitoring' },
      type: 'Opaque',
      data_wo: {
        'admin-password': '${jsondecode(ephemeral.aws_secretsmanager_secret_version.monitoring_grafana-admin_read_5EC65F15.secret_string)["admin-password"]}',
        'admin-user': '${jsondecode(ephemeral.aws_secretsmanager_secret_version.monitoring_grafana-admin_read_5EC65F15.secret_string)["admin-user"]}',
      },
      data_wo_revision: 1,
    });
    expect(release.values[0]).not.toMatch(/adminPassword|password:/i);
  });

  test('dev preset: one Alertmanager and smaller Prometheus', () => {
    const { values } = monitoring({ preset: 'dev' });
    expect(values.alertmanager.alertmanagerSpec.replicas).toBe(1);
    expect(values.prometheus.prometheusSpec.resources).toEqual({ requests: { cpu: '200m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } });
  });

  test('validation: retention size must leave headroom; bad durations and sizes', () => {
    const cloud = () => new MonitoringCloud(cloudStack(testApp()), 'monitoring');
    expect(errorOf(() => new Monitoring(platformStack(), 'monitoring', { cloud: cloud(), retentionSize: '52GB', prometheusStorage: '50Gi' }))).toBe(
      'test-platform/monitoring: retentionSize = "52GB" leaves no headroom on the 50Gi volume; keep retentionSize below 95% of prometheusStorage (WAL and compaction need space)',
    );
    expect(errorOf(() => new Monitoring(platformStack(), 'monitoring', { cloud: cloud(), retention: '15 days' }))).toBe(
      'test-platform/monitoring: retention = "15 days" is not a Prometheus duration; use e.g. "15d" or "720h"',
    );
    expect(errorOf(() => new Monitoring(platformStack(), 'monitoring', { cloud: cloud(), retentionSize: '45Gi' }))).toBe(
      'test-platform/monitoring: retentionSize = "45Gi" is not a Prometheus size; use e.g. "45GB"',
    );
  });
});

describe('MonitoringCloud', () => {
  test('Grafana admin secret: JSON with a non-secret user and a generated password; protected', () => {
    const stack = cloudStack();
    new MonitoringCloud(stack, 'monitoring');
    const json = synth(stack) as any;
    expect(resourceAt(json, 'aws_secretsmanager_secret', 'monitoring/grafana-admin/secret').name).toBe('test/dev/monitoring/grafana-admin');
    expect(resourceAt(json, 'aws_secretsmanager_secret_version', 'monitoring/grafana-admin/value').secret_string_wo).toBe(
      '${jsonencode({"admin-user" = "admin", "admin-password" = ephemeral.aws_secretsmanager_random_password.monitoring_grafana-admin_random-password_77BD0803.random_password})}',
    );
    expect(addresses(json, 'aws_secretsmanager_secret')).toEqual({ 'aws_secretsmanager_secret.monitoring_grafana-admin_secret_6D8235AA': 'test-cloud/monitoring/grafana-admin/secret' });
  });
});

describe('Keda', () => {
  test('values: CRDs, system nodes, requests/limits, HA and PDBs in prod', () => {
    expect(kedaValues()).toEqual({
      crds: { install: true },
      image: { pullPolicy: 'IfNotPresent' },
      operator: { replicaCount: 2 },
      metricsServer: { replicaCount: 2 },
      webhooks: { enabled: true, replicaCount: 2 },
      podDisruptionBudget: { operator: { minAvailable: 1 }, metricServer: { minAvailable: 1 }, webhooks: { minAvailable: 1 } },
      resources: {
        operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        metricServer: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        webhooks: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
      },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
    });
    expect(kedaValues({ preset: 'dev' }).podDisruptionBudget).toEqual({ operator: {}, metricServer: {}, webhooks: {} });
  });

  test('release: pinned chart in namespace keda', () => {
    const stack = platformStack();
    new Keda(stack, 'keda');
    const r = resourceAt(synth(stack), 'helm_release', 'keda/chart/release');
    expect([r.chart, r.version, r.namespace, r.create_namespace]).toEqual(['keda', '2.20.2', 'keda', true]);
  });
});

describe('GpuDashboard', () => {
  test('ConfigMap picked up by the Grafana sidecar, with DCGM utilization, memory and MIG-slice panels', () => {
    const stack = platformStack();
    new GpuDashboard(stack, 'gpu-dashboard');
    const cm = resourceAt(synth(stack), 'kubernetes_config_map_v1', 'gpu-dashboard/dashboard');
    expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1', 'mlops.cdktf.io/component': 'monitoring' });
    expect(cm.metadata.namespace).toBe('monitoring');
    const dash = JSON.parse(cm.data[GPU_DASHBOARD_FILE]);
    expect(dash.uid).toBe('mlops-gpus');
    const exprs = dash.panels.map((p: any) => p.targets[0].expr);
    expect(exprs).toContain('max by (Hostname, gpu, GPU_I_ID, modelName) (DCGM_FI_PROF_GR_ENGINE_ACTIVE)');
    // DCGM_FI_DEV_GPU_UTIL reads 0 on MIG instances: nothing may use it
    expect(exprs.filter((e: string) => e.includes('DCGM_FI_DEV_GPU_UTIL'))).toEqual([]);
    expect(exprs).toContain('sum by (Hostname, gpu) (DCGM_FI_DEV_FB_USED)');
    expect(exprs).toContain('sum by (Hostname, gpu) (DCGM_FI_DEV_FB_FREE)');
    expect(exprs).toContain('sum by (Hostname, gpu, GPU_I_PROFILE, GPU_I_ID) (DCGM_FI_DEV_FB_USED{GPU_I_PROFILE!=""})');
    expect(cm.data[GPU_DASHBOARD_FILE]).not.toContain('${');
  });
});
