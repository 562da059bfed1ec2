/**
 * `MlopsAlertRules` (workloads layer): a PrometheusRule with the alerts an MLOps team needs —
 *
 * | alert | fires when | default |
 * |---|---|---|
 * | `MlopsGpuPodPending` | a pod requesting `nvidia.com/gpu` or a MIG slice stays Pending (no pool, pool at its limit, no capacity) | 15m |
 * | `MlopsGpuIdle` | every GPU (and MIG instance) of a node stays below the activity threshold (the node costs money for nothing) | < 5% for 30m |
 * | `MlopsNodePoolGpuLimitReached` | a Karpenter NodePool's GPU usage reached its limit | 5m |
 * | `MlopsInferenceLatencyHigh` | p95 predict latency of a KServe model server above the threshold | > 1s for 10m |
 * | `MlopsInferenceErrorRateHigh` | share of 5xx answers of an Envoy Gateway route above the threshold | > 5% for 10m |
 *
 * Prometheus selects the rule without a release label (`Monitoring` sets
 * `ruleSelectorNilUsesHelmValues: false`).
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { gpuIdleExpr, gpuPendingPodsExpr, inferenceErrorRateExpr, inferenceLatencyExpr, nodePoolGpuLimitExpr } from './alert-expressions';
import { MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS } from './constants';

/** Thresholds and windows of the alerts. */
export const MLOPS_ALERT_DEFAULTS = {
  gpuPendingFor: '15m',
  gpuIdleUtilPercent: 5,
  gpuIdleFor: '30m',
  nodePoolLimitFor: '5m',
  latencyP95Seconds: 1,
  latencyFor: '10m',
  errorRatio: 0.05,
  errorFor: '10m',
} as const;

/** Props of {@link MlopsAlertRules}. */
export interface MlopsAlertRulesProps {
  /** Namespace of the PrometheusRule. @default 'monitoring' */
  readonly namespace?: string;
  /** How long a GPU pod may stay Pending. @default '15m' */
  readonly gpuPendingFor?: string;
  /** Utilization (%) below which a GPU counts as idle. @default 5 */
  readonly gpuIdleUtilPercent?: number;
  /** How long GPUs may stay idle. @default '30m' */
  readonly gpuIdleFor?: string;
  /** How long a NodePool may sit at its GPU limit. @default '5m' */
  readonly nodePoolLimitFor?: string;
  /** p95 predict latency threshold in seconds. @default 1 */
  readonly latencyP95Seconds?: number;
  /** @default '10m' */
  readonly latencyFor?: string;
  /** Share of 5xx answers (0–1). @default 0.05 */
  readonly errorRatio?: number;
  /** @default '10m' */
  readonly errorFor?: string;
}

const promDuration = Schemas.promDuration();

const schema = Schemas.props<MlopsAlertRulesProps>()({
  namespace: Schemas.k8sName().optional(),
  gpuPendingFor: promDuration.optional(),
  gpuIdleUtilPercent: z.number().gt(0, { message: 'must be above 0; give the utilization (%) below which a GPU is idle' }).max(100, { message: 'is above 100; utilization is a percentage' }).optional(),
  gpuIdleFor: promDuration.optional(),
  nodePoolLimitFor: promDuration.optional(),
  latencyP95Seconds: z.number().positive({ message: 'must be above 0; give the p95 latency in seconds' }).optional(),
  latencyFor: promDuration.optional(),
  errorRatio: z.number().gt(0, { message: 'must be above 0; give the share of 5xx answers (0–1)' }).max(1, { message: 'is above 1; give a share between 0 and 1' }).optional(),
  errorFor: promDuration.optional(),
});

/** One alerting rule. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The PrometheusRule of GPU and serving alerts. */
export class MlopsAlertRules extends Construct {
  public readonly manifest: KubernetesManifest;
  /** The rule groups as emitted. */
  public readonly groups: ReadonlyArray<{ name: string; rules: readonly AlertRule[] }>;

  constructor(scope: Construct, id: string, props: MlopsAlertRulesProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'MlopsAlertRules');
    const o = { ...MLOPS_ALERT_DEFAULTS, ...props };
    this.groups = [
      {
        name: 'mlops.gpu',
        rules: [
          rule('MlopsGpuPodPending', gpuPendingPodsExpr(), o.gpuPendingFor, 'warning', 'GPU pod {{ $labels.namespace }}/{{ $labels.pod }} is pending', `A pod requesting a GPU or MIG slice has been Pending for ${o.gpuPendingFor}: no NodePool offers it, the pool is at its limit, or EC2 has no capacity.`),
          rule('MlopsGpuIdle', gpuIdleExpr(o.gpuIdleUtilPercent), o.gpuIdleFor, 'warning', 'GPUs of node {{ $labels.Hostname }} are idle', `Every GPU of the node stayed below ${o.gpuIdleUtilPercent}% utilization for ${o.gpuIdleFor} while the node runs (and costs).`),
          rule('MlopsNodePoolGpuLimitReached', nodePoolGpuLimitExpr(), o.nodePoolLimitFor, 'warning', 'NodePool {{ $labels.nodepool }} reached its {{ $labels.resource_type }} limit', 'Karpenter launches no more nodes for this pool; GPU pods will stay Pending. Raise the pool limit or free capacity.'),
        ],
      },
      {
        name: 'mlops.serving',
        rules: [
          rule('MlopsInferenceLatencyHigh', inferenceLatencyExpr(o.latencyP95Seconds), o.latencyFor, 'warning', 'Model {{ $labels.namespace }}/{{ $labels.model_name }} is slow', `p95 predict latency above ${o.latencyP95Seconds}s for ${o.latencyFor}.`),
          rule('MlopsInferenceErrorRateHigh', inferenceErrorRateExpr(o.errorRatio), o.errorFor, 'critical', 'Inference route {{ $labels.envoy_cluster_name }} returns errors', `More than ${o.errorRatio * 100}% of answers were 5xx for ${o.errorFor}.`),
        ],
      },
    ];
    this.manifest = new KubernetesManifest(this, 'rule', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.prometheusRule,
        metadata: { name: 'mlops-alerts', namespace: props.namespace ?? MONITORING_DEFAULTS.namespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } },
        spec: { groups: this.groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ ...r })) })) },
      },
    });
  }
}

/** An alerting rule with `severity` and `summary`/`description`. */
export function rule(alert: string, expr: string, forDuration: string, severity: 'warning' | 'critical', summary: string, description: string, labels: Readonly<Record<string, string>> = {}): AlertRule {
  return { alert, expr, for: forDuration, labels: { severity, ...labels }, annotations: { summary, description } };
}
