/**
 * `GpuDashboard` (platform layer): the "MLOps / GPUs" Grafana dashboard as a ConfigMap labelled
 * `grafana_dashboard: "1"`, which kube-prometheus-stack's Grafana sidecar loads from any namespace
 * (`grafana.sidecar.dashboards.searchNamespace: ALL`).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { GrafanaDashboard } from './grafana-dashboard';
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
export class GpuDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: GpuDashboardProps = {}) {
    super(scope, id, { name: 'mlops-gpu-dashboard', fileName: GPU_DASHBOARD_FILE, model: gpuDashboard(), namespace: props?.namespace, dependsOn: props?.dependsOn });
    validateProps(this, schema, props);
  }
}
