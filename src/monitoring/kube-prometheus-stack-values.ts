/**
 * The kube-prometheus-stack values the `Monitoring` construct sets. Every key is a key of the chart's
 * values.yaml at the pinned version (88.5.3), except the ones listed in
 * {@link KUBE_PROMETHEUS_STACK_SUBCHART_KEYS}, which the chart passes to its subcharts (grafana,
 * kube-state-metrics) and which those subcharts' own values.yaml define.
 *
 * Choices:
 * - **Selection**: `*SelectorNilUsesHelmValues: false` (serviceMonitor, podMonitor, rule, probe,
 *   scrapeConfig) with empty selectors, so Prometheus picks up every monitor and rule in every
 *   namespace — not only those labelled `release: <release>` (the chart's default). The GPU
 *   operator's DCGM exporter ServiceMonitor, the Pushgateway ServiceMonitor and `MlopsAlertRules`
 *   need no release label.
 * - **Retention** by time and size (size below the volume, so the TSDB never fills it), on an
 *   encrypted gp3 volume (`gp3-encrypted`) through `storageSpec.volumeClaimTemplate`.
 * - **Grafana** reads its admin user and password from an existing Secret
 *   (`grafana.admin.existingSecret`); `adminPassword` is never set.
 * - **Images**: the chart's only `latest` image is busybox of the CRD upgrade job
 *   (`crds.upgradeJob.image.busybox.tag: latest`); the job is kept off (`crds.upgradeJob.enabled:
 *   false`). Every other image the chart enables has a pinned tag or defaults to the chart's
 *   appVersion.
 * - Operators (prometheus-operator, its admission-webhook patch job, kube-state-metrics) and
 *   Prometheus, Alertmanager and Grafana on system nodes, each with requests and limits; the chart's
 *   non-root security contexts are kept.
 */
import { PlainObject, withDefaults } from '../core/merge';
import { byPreset, Preset } from '../core/presets';
import { GRAFANA_DASHBOARD_LABEL, MONITORING_DEFAULTS } from './constants';
import { ContainerResources, resourcesBlock } from '../core/pod-security';

/** Components whose resources the construct sets. */
export type MonitoringComponent = 'prometheus' | 'alertmanager' | 'grafana' | 'operator' | 'kubeStateMetrics' | 'webhookPatch' | 'configReloader';

/** Default requests/limits by preset. */
export const MONITORING_RESOURCES: Readonly<Record<Preset, Readonly<Record<MonitoringComponent, ContainerResources>>>> = {
  dev: {
    prometheus: { requests: { cpu: '200m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    alertmanager: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    grafana: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    operator: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
    kubeStateMetrics: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
    webhookPatch: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    configReloader: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  },
  prod: {
    prometheus: { requests: { cpu: '500m', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } },
    alertmanager: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
    grafana: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    operator: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    kubeStateMetrics: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    webhookPatch: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    configReloader: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  },
};

/**
 * Value paths read by subcharts, not defined in kube-prometheus-stack's own values.yaml: the grafana
 * chart (`resources`, `nodeSelector`, `testFramework.enabled` in grafana's values.yaml, templates
 * `deployment.yaml`/`_pod.tpl`, `tests/test.yaml`) and the kube-state-metrics chart (`resources`,
 * `nodeSelector` in its values.yaml, template `deployment.yaml`).
 */
export const KUBE_PROMETHEUS_STACK_SUBCHART_KEYS = [
  'grafana.resources',
  'grafana.nodeSelector',
  'grafana.testFramework',
  'kube-state-metrics.resources',
  'kube-state-metrics.nodeSelector',
] as const;

/** Options of {@link kubePrometheusStackValues}. */
export interface KubePrometheusStackValuesOptions {
  readonly preset: Preset;
  readonly retention: string;
  readonly retentionSize: string;
  readonly prometheusStorage: string;
  readonly alertmanagerStorage: string;
  readonly grafanaAdminSecretName: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly resources?: Partial<Record<MonitoringComponent, ContainerResources>>;
}

function volumeClaimTemplate(size: string): PlainObject {
  return {
    volumeClaimTemplate: {
      spec: { storageClassName: MONITORING_DEFAULTS.storageClass, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
    },
  };
}

/** The chart values the construct sets (before user overrides). */
export function kubePrometheusStackValues(o: KubePrometheusStackValuesOptions): PlainObject {
  const res = withDefaults(MONITORING_RESOURCES[o.preset], o.resources);
  const r = (c: MonitoringComponent) => resourcesBlock(res[c]) as unknown as PlainObject;
  const ns = () => ({ ...o.nodeSelector });
  const replicas = byPreset(o.preset, { dev: 1, prod: 2 });
  return {
    crds: { enabled: true, upgradeJob: { enabled: false } },
    defaultRules: { create: true },
    prometheusOperator: {
      nodeSelector: ns(),
      resources: r('operator'),
      prometheusConfigReloader: { resources: r('configReloader') },
      admissionWebhooks: { patch: { nodeSelector: ns(), resources: r('webhookPatch') } },
    },
    prometheus: {
      prometheusSpec: {
        replicas: 1,
        retention: o.retention,
        retentionSize: o.retentionSize,
        walCompression: true,
        storageSpec: volumeClaimTemplate(o.prometheusStorage),
        resources: r('prometheus'),
        nodeSelector: ns(),
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
      },
    },
    alertmanager: {
      enabled: true,
      alertmanagerSpec: {
        replicas,
        storage: volumeClaimTemplate(o.alertmanagerStorage),
        resources: r('alertmanager'),
        nodeSelector: ns(),
      },
    },
    grafana: {
      enabled: true,
      admin: {
        existingSecret: o.grafanaAdminSecretName,
        userKey: MONITORING_DEFAULTS.grafanaAdminUserKey,
        passwordKey: MONITORING_DEFAULTS.grafanaAdminPasswordKey,
      },
      sidecar: { dashboards: { enabled: true, label: GRAFANA_DASHBOARD_LABEL.key, labelValue: GRAFANA_DASHBOARD_LABEL.value, searchNamespace: 'ALL' } },
      resources: r('grafana'),
      nodeSelector: ns(),
      testFramework: { enabled: false },
    },
    'kube-state-metrics': { resources: r('kubeStateMetrics'), nodeSelector: ns() },
  };
}
