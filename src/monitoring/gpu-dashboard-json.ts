/**
 * The Grafana dashboard "MLOps / GPUs" as a JSON model: per-GPU (and per-MIG-instance) graphics
 * engine activity and framebuffer memory from the DCGM exporter, per-MIG-slice memory and activity where the exporter labels MIG instances
 * (`GPU_I_PROFILE`, `GPU_I_ID`; whole GPUs have no such label, so those panels are empty without
 * MIG), GPU pods pending, and Karpenter NodePool GPU usage against limits.
 */
import { METRICS } from './constants';
import { gpuPendingPodsExpr } from './alert-expressions';
import { DashboardPanel, grafanaDashboardModel } from './grafana-dashboard';

/** uid of the dashboard (stable, so links survive updates). */
export const GPU_DASHBOARD_UID = 'mlops-gpus';

/** The panels, in order (two per row). */
export const GPU_DASHBOARD_PANELS: readonly DashboardPanel[] = [
  {
    title: 'GPU activity (graphics engine, per GPU or MIG instance)',
    expr: `max by (Hostname, gpu, GPU_I_ID, modelName) (${METRICS.dcgmGrEngineActive})`,
    legend: '{{Hostname}} gpu {{gpu}} {{GPU_I_ID}} ({{modelName}})',
    unit: 'percentunit',
  },
  {
    title: 'GPU memory used',
    expr: `sum by (Hostname, gpu) (${METRICS.dcgmFbUsed}) / (sum by (Hostname, gpu) (${METRICS.dcgmFbUsed}) + sum by (Hostname, gpu) (${METRICS.dcgmFbFree}))`,
    legend: '{{Hostname}} gpu {{gpu}}',
    unit: 'percentunit',
  },
  { title: 'GPU framebuffer used (MiB)', expr: `sum by (Hostname, gpu) (${METRICS.dcgmFbUsed})`, legend: '{{Hostname}} gpu {{gpu}}', unit: 'decmbytes' },
  { title: 'GPU framebuffer free (MiB)', expr: `sum by (Hostname, gpu) (${METRICS.dcgmFbFree})`, legend: '{{Hostname}} gpu {{gpu}}', unit: 'decmbytes' },
  {
    title: 'MIG slice framebuffer used (MiB)',
    expr: `sum by (Hostname, gpu, GPU_I_PROFILE, GPU_I_ID) (${METRICS.dcgmFbUsed}{GPU_I_PROFILE!=""})`,
    legend: '{{Hostname}} gpu {{gpu}} {{GPU_I_PROFILE}} #{{GPU_I_ID}}',
    unit: 'decmbytes',
  },
  {
    title: 'MIG slice framebuffer free (MiB)',
    expr: `sum by (Hostname, gpu, GPU_I_PROFILE, GPU_I_ID) (${METRICS.dcgmFbFree}{GPU_I_PROFILE!=""})`,
    legend: '{{Hostname}} gpu {{gpu}} {{GPU_I_PROFILE}} #{{GPU_I_ID}}',
    unit: 'decmbytes',
  },
  { title: 'GPU pods pending', expr: `count(${gpuPendingPodsExpr()}) or vector(0)`, legend: 'pending', unit: 'short' },
  {
    title: 'NodePool GPU usage / limit',
    expr: `sum by (nodepool, resource_type) (${METRICS.nodePoolUsage}{resource_type=~"nvidia.com/gpu|nvidia.com/mig_.*"}) / sum by (nodepool, resource_type) (${METRICS.nodePoolLimit}{resource_type=~"nvidia.com/gpu|nvidia.com/mig_.*"})`,
    legend: '{{nodepool}} {{resource_type}}',
    unit: 'percentunit',
  },
];

/** The dashboard JSON model. */
export function gpuDashboard(): Record<string, unknown> {
  return grafanaDashboardModel({ uid: GPU_DASHBOARD_UID, title: 'MLOps / GPUs', tags: ['mlops', 'gpu'], panels: GPU_DASHBOARD_PANELS });
}
