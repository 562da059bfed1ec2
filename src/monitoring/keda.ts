/**
 * `Keda` (platform layer): KEDA (`CHARTS.keda`) with its CRDs (ScaledJob, ScaledObject,
 * TriggerAuthentication), which starts the retraining Jobs of `DriftMonitor` from a Prometheus
 * query. Operator, metrics API server and admission webhooks on system nodes with requests/limits;
 * the chart's defaults are already non-root, read-only and capability-free (kept). Pods pull images
 * `IfNotPresent` (the chart's default `Always` re-pulls on every restart).
 *
 * @see https://keda.sh/docs/latest/deploy/
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { PlainObject, withDefaults } from '../core/merge';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { validateProps } from '../core/validation';
import { Schemas } from '../core/schemas';
import { CHARTS } from '../core/versions';
import { KEDA_DEFAULTS } from './constants';
import { ContainerResources, containerResourcesSchema, resourcesBlock } from '../core/pod-security';

/** KEDA components. */
export type KedaComponent = 'operator' | 'metricServer' | 'webhooks';

/** Default requests/limits (the chart's 1 CPU / 1000Mi limits are far above what KEDA uses). */
export const KEDA_RESOURCES: Readonly<Record<KedaComponent, ContainerResources>> = {
  operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  metricServer: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  webhooks: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
};

/** Props of {@link Keda}. */
export interface KedaProps {
  /** `dev`: one replica each; `prod`: two with PodDisruptionBudgets. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of all KEDA pods.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Requests/limits. @default KEDA_RESOURCES */
  readonly resources?: Partial<Record<KedaComponent, ContainerResources>>;
  /** Helm value overrides (keys must exist in the pinned chart). @default - none */
  readonly overrides?: PlainObject;
  /** Resources the release waits for. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<KedaProps>()({
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  resources: z.partialRecord(z.enum(['operator', 'metricServer', 'webhooks'], { message: 'is not a KEDA component; use operator, metricServer or webhooks' }), containerResourcesSchema).optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** The chart values the construct sets (before user overrides). */
export function kedaValues(props: KedaProps = {}): PlainObject {
  const ha = byPreset(props.preset, { dev: false, prod: true });
  const res = withDefaults(KEDA_RESOURCES, props.resources);
  const r = (c: KedaComponent) => resourcesBlock(res[c]) as unknown as PlainObject;
  const pdb = (): PlainObject => (ha ? { minAvailable: 1 } : {});
  return {
    crds: { install: true },
    image: { pullPolicy: 'IfNotPresent' },
    operator: { replicaCount: ha ? 2 : 1 },
    metricsServer: { replicaCount: ha ? 2 : 1 },
    webhooks: { enabled: true, replicaCount: ha ? 2 : 1 },
    podDisruptionBudget: { operator: pdb(), metricServer: pdb(), webhooks: pdb() },
    resources: { operator: r('operator'), metricServer: r('metricServer'), webhooks: r('webhooks') },
    nodeSelector: systemNodeSelector(props.nodeSelector),
  };
}

/** KEDA, installed from its pinned Helm chart. */
export class Keda extends Construct {
  public readonly chart: HelmChart;
  public readonly namespace: string = KEDA_DEFAULTS.namespace;

  constructor(scope: Construct, id: string, props: KedaProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'Keda');
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.keda,
      releaseName: KEDA_DEFAULTS.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      values: kedaValues(props),
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
