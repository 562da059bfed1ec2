/**
 * `Monitoring` (platform layer): kube-prometheus-stack (`CHARTS.kubePrometheusStack`) — the
 * Prometheus operator and its CRDs, Prometheus with retention by time and size on an encrypted gp3
 * volume, Alertmanager, Grafana, kube-state-metrics and node-exporter — in namespace `monitoring`,
 * with the Grafana admin Secret written (write-only, from `MonitoringCloud`'s `GeneratedSecret`)
 * before the release, so Grafana starts with it. See `kube-prometheus-stack-values.ts` for the
 * values and why.
 *
 * ServiceMonitors, PodMonitors and PrometheusRules are custom resources: they go in the workloads
 * layer (`MlopsAlertRules`, `InferenceMetricsMonitors`, `DriftMonitor`).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { deepMerge, PlainObject } from '../core/merge';
import { Preset, presetSchema } from '../core/presets';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { MONITORING_DEFAULTS, prometheusUrl } from './constants';
import { ALERT_WEBHOOK_TOKEN_KEY, AlertWebhook, alertWebhookSecretName, alertWebhookValues } from './alert-webhooks';
import { kubePrometheusStackValues, MonitoringComponent } from './kube-prometheus-stack-values';
import { MonitoringCloud } from './monitoring-cloud';
import { ContainerResources, containerResourcesSchema } from '../core/pod-security';
import { secretsManagerSecretSchema } from '../core/secrets/secret-source';
import { WriteOnlyKubernetesSecret } from '../core/secrets/write-only-kubernetes-secret';
import type { FrontDoorBackend } from '../frontdoor/front-door';
import { KubernetesNamespaceV1 } from '../core/resources/kubernetes-core';

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /** The cloud half (the Grafana admin secret). */
  readonly cloud: MonitoringCloud;
  /** `dev`: small, one Alertmanager; `prod`: larger, two Alertmanagers. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Prometheus retention by time (Prometheus duration).
   * @default '15d'
   */
  readonly retention?: string;
  /**
   * Prometheus retention by size; keep it below `prometheusStorage`.
   * @default '45GB'
   */
  readonly retentionSize?: string;
  /**
   * Size of the Prometheus volume.
   * @default '50Gi'
   */
  readonly prometheusStorage?: string;
  /**
   * Size of each Alertmanager volume.
   * @default '5Gi'
   */
  readonly alertmanagerStorage?: string;
  /**
   * Node selector of the operators, Prometheus, Alertmanager and Grafana.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Requests/limits by component.
   * @default MONITORING_RESOURCES[preset]
   */
  readonly resources?: Partial<Record<MonitoringComponent, ContainerResources>>;
  /**
   * Helm value overrides, deep-merged on top (keys must exist in the pinned chart).
   * @default - none
   */
  readonly overrides?: PlainObject;
  /**
   * Resources the release waits for (the storage class).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Webhook receivers that also get some alerts, e.g. `ArgoEventsCloud.alertWebhook` (the drift
   * alert starts a training pipeline). See `alert-webhooks.ts`.
   * @default - none
   */
  readonly alertWebhooks?: readonly AlertWebhook[];
}

const promDuration = Schemas.promDuration('"15d" or "720h"');

const schema = Schemas.props<MonitoringProps>()({
  cloud: z.custom<MonitoringCloud>((v) => v instanceof MonitoringCloud, { message: 'is not a MonitoringCloud; pass the MonitoringCloud of the cloud layer' }),
  preset: presetSchema.optional(),
  retention: promDuration.optional(),
  retentionSize: z.string().regex(/^[0-9]+(B|KB|MB|GB|TB|PB|EB)$/, { message: 'is not a Prometheus size; use e.g. "45GB"' }).optional(),
  prometheusStorage: Schemas.memory().optional(),
  alertmanagerStorage: Schemas.memory().optional(),
  nodeSelector: Schemas.labels().optional(),
  resources: z
    .partialRecord(z.enum(['prometheus', 'alertmanager', 'grafana', 'operator', 'kubeStateMetrics', 'webhookPatch', 'configReloader'], { message: 'is not a monitoring component; use prometheus, alertmanager, grafana, operator, kubeStateMetrics, webhookPatch or configReloader' }), containerResourcesSchema)
    .optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(z.any()).optional(),
  alertWebhooks: z
    .array(
      Schemas.props<AlertWebhook>()({
        name: Schemas.k8sName().max(48, { message: 'is longer than 48 characters; its Secret is alert-webhook-<name>' }),
        url: Schemas.httpUrl(),
        alertNames: z.array(z.string().regex(/^[A-Za-z_:][A-Za-z0-9_:]*$/, { message: 'is not a Prometheus alert name' })).min(1, { message: 'is empty; name at least one alert' }),
        token: secretsManagerSecretSchema().extend({ version: Schemas.positiveInt('token version') }),
        groupBy: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'is not a label name' })).optional(),
        repeatInterval: Schemas.promDuration('"24h"').optional(),
      }),
    )
    .optional(),
});

const GIB = 1024 ** 3;
const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15, EB: 1e18 };
const QUANTITY_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: GIB, Ti: 1024 ** 4 };

function bytes(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(text);
  if (!m || units[m[2]] === undefined) return undefined;
  return Number(m[1]) * units[m[2]];
}

/** kube-prometheus-stack with a Grafana admin Secret that never appears in values or state. */
export class Monitoring extends Construct {
  public readonly namespace: KubernetesNamespaceV1;
  public readonly namespaceName: string;
  public readonly grafanaAdminSecret: WriteOnlyKubernetesSecret;
  /** The token Secrets of the alert webhooks, by receiver name. */
  public readonly alertWebhookSecrets: Readonly<Record<string, WriteOnlyKubernetesSecret>>;
  public readonly chart: HelmChart;
  /**
   * Grafana's Service, for a front door (`FrontDoor` routes): the grafana subchart names it
   * `<release>-grafana` with port 80 (grafana-community/helm-charts charts/grafana: values.yaml
   * `service.port`, _helpers.tpl `grafana.fullname`); `/api/health` answers without a login.
   */
  public readonly grafanaUi: FrontDoorBackend;
  /** In-cluster URL of Prometheus (for KEDA's Prometheus trigger). */
  public readonly prometheusUrl: string;
  /** Helm release name. */
  public readonly releaseName: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'Monitoring');
    const retentionSize = props.retentionSize ?? MONITORING_DEFAULTS.retentionSize;
    const storage = props.prometheusStorage ?? MONITORING_DEFAULTS.prometheusStorage;
    const sizeBytes = bytes(retentionSize, SIZE_UNITS);
    const storageBytes = bytes(storage, QUANTITY_UNITS);
    if (sizeBytes !== undefined && storageBytes !== undefined && sizeBytes >= storageBytes * 0.95) {
      failProp(this, 'retentionSize', retentionSize, `leaves no headroom on the ${storage} volume; keep retentionSize below 95% of prometheusStorage (WAL and compaction need space)`);
    }
    this.namespaceName = MONITORING_DEFAULTS.namespace;
    this.releaseName = MONITORING_DEFAULTS.releaseName;
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: this.namespaceName } });
    this.grafanaAdminSecret = new WriteOnlyKubernetesSecret(this, 'grafana-admin', {
      source: props.cloud.grafanaAdmin,
      namespace: this.namespaceName,
      secretName: MONITORING_DEFAULTS.grafanaAdminSecretName,
      properties: {
        [MONITORING_DEFAULTS.grafanaAdminUserKey]: MONITORING_DEFAULTS.grafanaAdminUserKey,
        [MONITORING_DEFAULTS.grafanaAdminPasswordKey]: MONITORING_DEFAULTS.grafanaAdminPasswordKey,
      },
      revision: props.cloud.grafanaAdmin.version,
      dependsOn: [this.namespace],
    });
    const webhooks = props.alertWebhooks ?? [];
    const names = webhooks.map((w) => w.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) failProp(this, 'alertWebhooks', duplicate, 'names two receivers the same; give each webhook its own name');
    const tokens: Record<string, WriteOnlyKubernetesSecret> = {};
    for (const w of webhooks) {
      tokens[w.name] = new WriteOnlyKubernetesSecret(this, `alert-webhook-${w.name}`, {
        source: w.token,
        namespace: this.namespaceName,
        secretName: alertWebhookSecretName(w),
        valueKey: ALERT_WEBHOOK_TOKEN_KEY,
        revision: w.token.version,
        dependsOn: [this.namespace],
      });
    }
    this.alertWebhookSecrets = tokens;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.kubePrometheusStack,
      releaseName: this.releaseName,
      namespace: this.namespaceName,
      values: deepMerge(kubePrometheusStackValues({
        preset: props.preset ?? 'prod',
        retention: props.retention ?? MONITORING_DEFAULTS.retention,
        retentionSize,
        prometheusStorage: storage,
        alertmanagerStorage: props.alertmanagerStorage ?? MONITORING_DEFAULTS.alertmanagerStorage,
        grafanaAdminSecretName: MONITORING_DEFAULTS.grafanaAdminSecretName,
        nodeSelector: systemNodeSelector(props.nodeSelector),
        resources: props.resources,
      }), { alertmanager: alertWebhookValues(webhooks) }),
      overrides: props.overrides,
      dependsOn: [this.namespace, this.grafanaAdminSecret.secret, ...Object.values(tokens).map((t) => t.secret), ...(props.dependsOn ?? [])],
    });
    this.prometheusUrl = prometheusUrl(this.releaseName, this.namespaceName);
    this.grafanaUi = { namespace: this.namespaceName, serviceName: `${this.releaseName}-grafana`, port: 80, healthPath: '/api/health' };
  }
}
