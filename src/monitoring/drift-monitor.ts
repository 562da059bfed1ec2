/**
 * `DriftMonitor` (workloads layer): the custom resources of a drift monitor —
 * - a ServiceMonitor for the Pushgateway (`honorLabels: true`, so the pushed `job` and `model`
 *   labels are kept);
 * - a PrometheusRule with, per model, `MlopsModelDrift` (share of drifted columns above the
 *   model's threshold for its window) and `MlopsDriftCheckStale` (no result pushed for `staleAfter`);
 * - per model with `retraining`, a `RetrainingJob` (KEDA ScaledJob) started by the drift alert.
 *
 * The loop: drift job → Pushgateway → Prometheus → `MlopsModelDrift` fires (Alertmanager notifies
 * people) → KEDA sees `ALERTS{alertname="MlopsModelDrift", alertstate="firing"}` → one retraining
 * Job on a GPU pool (scaled from zero by Karpenter) → the run registers a new model version in
 * MLflow → it is rolled out as a KServe canary (see docs/catalog/monitoring.md).
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { failProp, validateProps } from '../core/validation';
import { Schemas } from '../core/schemas';
import { driftExpr, driftStaleExpr } from './alert-expressions';
import { DRIFT_ALERT_NAME, MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS, prometheusUrl } from './constants';
import { DriftMonitorPlatform } from './drift-monitor-platform';
import { DRIFT_MODEL_DEFAULTS, MonitoredModelSpec, RetrainingSpec } from './drift-spec';
import { AlertRule, rule } from './mlops-alert-rules';
import { RetrainingJob } from './retraining-job';

/** Props of {@link DriftMonitor}. */
export interface DriftMonitorProps {
  /** The platform half (namespace, Pushgateway, service accounts). */
  readonly platform: DriftMonitorPlatform;
  /**
   * In-cluster URL of Prometheus that KEDA queries (`Monitoring.prometheusUrl`).
   * @default 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090'
   */
  readonly prometheusUrl?: string;
}

const schema = Schemas.props<DriftMonitorProps>()({
  platform: z.custom<DriftMonitorPlatform>((v) => v instanceof DriftMonitorPlatform, { message: 'is not a DriftMonitorPlatform; pass the DriftMonitorPlatform of the platform layer' }),
  prometheusUrl: Schemas.httpUrl('pass Monitoring.prometheusUrl').optional(),
});

/** Seconds of a Prometheus duration (`30m`, `26h`, `1d`). */
export function promDurationSeconds(d: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const [, n, u] of d.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)) total += Number(n) * units[u];
  return total;
}

/** The drift alert rules of one model. */
export function driftRules(model: MonitoredModelSpec): AlertRule[] {
  const threshold = model.threshold ?? DRIFT_MODEL_DEFAULTS.threshold;
  const window = model.window ?? DRIFT_MODEL_DEFAULTS.window;
  const stale = model.staleAfter ?? DRIFT_MODEL_DEFAULTS.staleAfter;
  const labels = { model: model.name };
  return [
    rule(DRIFT_ALERT_NAME, driftExpr(model.name, threshold), window, 'warning', `Model ${model.name} drifted`, `More than ${threshold * 100}% of the columns of ${model.name} drifted for ${window}.${model.retraining ? ' A retraining run starts automatically.' : ''}`, labels),
    rule('MlopsDriftCheckStale', driftStaleExpr(model.name, promDurationSeconds(stale)), '10m', 'warning', `No drift result for ${model.name}`, `The drift job of ${model.name} pushed no result for ${stale}; check its CronJob.`, labels),
  ];
}

/** ServiceMonitor, drift alerts and retraining ScaledJobs of a drift monitor. */
export class DriftMonitor extends Construct {
  public readonly serviceMonitor: KubernetesManifest;
  public readonly rules: KubernetesManifest;
  /** Retraining ScaledJob per model name. */
  public readonly retrainingJobs: Readonly<Record<string, RetrainingJob>>;

  constructor(scope: Construct, id: string, props: DriftMonitorProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'DriftMonitor');
    const { platform } = props;
    const ns = platform.namespaceName;
    const models = platform.cloud.models;
    this.serviceMonitor = new KubernetesManifest(this, 'pushgateway-monitor', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.serviceMonitor,
        metadata: { name: 'pushgateway', namespace: ns, labels: { [MONITORING_LABELS.component]: 'drift-monitor' } },
        spec: {
          selector: { matchLabels: { ...platform.pushgatewayLabels } },
          endpoints: [{ port: 'http', path: '/metrics', interval: '30s', honorLabels: true }],
        },
      },
    });
    this.rules = new KubernetesManifest(this, 'drift-rules', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.prometheusRule,
        metadata: { name: 'mlops-drift', namespace: ns, labels: { [MONITORING_LABELS.component]: 'drift-monitor' } },
        spec: { groups: models.map((m) => ({ name: `mlops.drift.${m.name}`, rules: driftRules(m).map((r) => ({ ...r })) })) },
      },
    });
    const url = props.prometheusUrl ?? prometheusUrl(MONITORING_DEFAULTS.releaseName, MONITORING_DEFAULTS.namespace);
    const jobs: Record<string, RetrainingJob> = {};
    for (const model of models) {
      if (!model.retraining) continue;
      const sa = platform.retrainServiceAccounts[model.name];
      if (sa === undefined) failProp(this, 'platform', model.name, 'has no retraining service account; build the platform half from the same DriftMonitorCloud');
      jobs[model.name] = new RetrainingJob(this, `${model.name}-retrain`, {
        model: model as MonitoredModelSpec & { retraining: RetrainingSpec },
        namespace: ns,
        serviceAccountName: sa,
        prometheusUrl: url,
        pushgatewayUrl: platform.pushgateway.url,
      });
    }
    this.retrainingJobs = jobs;
  }
}
