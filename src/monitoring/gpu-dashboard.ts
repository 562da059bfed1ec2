/**
 * `GpuDashboard` (platform layer): the "MLOps / GPUs" Grafana dashboard as a ConfigMap labelled
 * `grafana_dashboard: "1"`, which kube-prometheus-stack's Grafana sidecar loads from any namespace
 * (`grafana.sidecar.dashboards.searchNamespace: ALL`).
 */
import { Construct } from 'constructs';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { ITerraformDependable } from 'cdktf';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { GRAFANA_DASHBOARD_LABEL, MONITORING_DEFAULTS, MONITORING_LABELS } from './constants';
import { gpuDashboard } from './gpu-dashboard-json';

/** File name of the dashboard in the ConfigMap. */
export const GPU_DASHBOARD_FILE = 'mlops-gpus.json';

/** Props of {@link GpuDashboard}. */
export interface GpuDashboardProps {
  /**
   * Namespace of the ConfigMap.
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * Resources to wait for (the monitoring namespace).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<GpuDashboardProps>()({ namespace: Schemas.k8sName().optional(), dependsOn: z.array(z.any()).optional() });

/** The GPU dashboard ConfigMap. */
export class GpuDashboard extends Construct {
  public readonly configMap: ConfigMapV1;

  constructor(scope: Construct, id: string, props: GpuDashboardProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'GpuDashboard');
    this.configMap = new ConfigMapV1(this, 'dashboard', {
      metadata: {
        name: 'mlops-gpu-dashboard',
        namespace: props.namespace ?? MONITORING_DEFAULTS.namespace,
        labels: { [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value, [MONITORING_LABELS.component]: 'monitoring' },
      },
      data: { [GPU_DASHBOARD_FILE]: JSON.stringify(gpuDashboard(), null, 2) },
      dependsOn: props.dependsOn,
    });
  }
}
