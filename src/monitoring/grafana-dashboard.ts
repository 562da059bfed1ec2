/**
 * `GrafanaDashboard` (platform layer): a Grafana dashboard as a ConfigMap labelled
 * `grafana_dashboard: "1"`, which kube-prometheus-stack's Grafana sidecar loads from any namespace
 * (`grafana.sidecar.dashboards.searchNamespace: ALL`); and `grafanaDashboardModel`, the JSON model
 * of a dashboard of time series panels (two per row) on the Prometheus data source.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas, validateProps } from '../core/validation';
import { GRAFANA_DASHBOARD_LABEL, MONITORING_DEFAULTS, MONITORING_LABELS } from './constants';
import { KubernetesConfigMapV1 } from '../core/resources/kubernetes-core';

/**
 * uid of the Prometheus data source kube-prometheus-stack provisions (`grafana.sidecar.datasources.uid`).
 * (A `${datasource}` variable would be read by Terraform as an interpolation.)
 */
export const GRAFANA_PROMETHEUS_DATASOURCE_UID = 'prometheus';

/** One time series panel. */
export interface DashboardPanel {
  readonly title: string;
  readonly expr: string;
  readonly legend: string;
  readonly unit: string;
}

/** The JSON model of a dashboard of `panels`. */
export function grafanaDashboardModel(spec: { readonly uid: string; readonly title: string; readonly tags: readonly string[]; readonly panels: readonly DashboardPanel[] }): Record<string, unknown> {
  const datasource = { type: 'prometheus', uid: GRAFANA_PROMETHEUS_DATASOURCE_UID };
  return {
    uid: spec.uid,
    title: spec.title,
    tags: [...spec.tags],
    timezone: 'utc',
    editable: false,
    schemaVersion: 39,
    refresh: '1m',
    time: { from: 'now-6h', to: 'now' },
    panels: spec.panels.map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource: { ...datasource },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: [{ refId: 'A', expr: p.expr, legendFormat: p.legend, datasource: { ...datasource } }],
    })),
  };
}

/** Props of {@link GrafanaDashboard}. */
export interface GrafanaDashboardProps {
  /** Name of the ConfigMap. */
  readonly name: string;
  /** File name of the dashboard in the ConfigMap. */
  readonly fileName: string;
  /** The JSON model. */
  readonly model: Record<string, unknown>;
  /** Namespace of the ConfigMap. @default 'monitoring' */
  readonly namespace?: string;
  /** Resources to wait for (the monitoring namespace). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<GrafanaDashboardProps>()({
  name: Schemas.dnsSubdomain(),
  fileName: Schemas.secretKey(),
  model: z.record(z.string(), z.unknown(), { message: 'is not a dashboard JSON model; build it with grafanaDashboardModel(...)' }),
  namespace: Schemas.k8sName().optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** A dashboard ConfigMap for Grafana's sidecar. */
export class GrafanaDashboard extends Construct {
  public readonly configMap: KubernetesConfigMapV1;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'GrafanaDashboard');
    this.configMap = new KubernetesConfigMapV1(this, 'dashboard', {
      metadata: {
        name: props.name,
        namespace: props.namespace ?? MONITORING_DEFAULTS.namespace,
        labels: { [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value, [MONITORING_LABELS.component]: 'monitoring' },
      },
      data: { [props.fileName]: JSON.stringify(props.model, null, 2) },
      dependsOn: props.dependsOn,
    });
  }
}
