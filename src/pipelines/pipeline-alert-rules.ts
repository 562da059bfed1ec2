/**
 * `PipelineAlertRules` (workloads layer): Prometheus scrapes the Argo Workflows controller and
 * alerts on pipeline runs —
 * - a **ServiceMonitor** for the controller's metrics Service (`<release>-workflow-controller`, port
 *   `metrics`), with `honorLabels: true`: the controller's metrics carry the *workflow's*
 *   `namespace` label, which would otherwise be renamed `exported_namespace` because the target's
 *   own `namespace` (`argo`) collides with it;
 * - a **PrometheusRule** on metrics the pinned v4.0.6 controller exports (`util/telemetry/
 *   metrics_list.go`; names in {@link ARGO_METRICS}):
 *   - `MlopsPipelineRunFailed`: a run of a pipeline's WorkflowTemplate entered `Failed` or `Error`
 *     (`argo_workflows_workflowtemplate_triggered_total`), including the first failure of a
 *     template, whose series did not exist before (`unless … offset`);
 *   - `MlopsPipelineRolledBack`: a canary failed its analysis and was rolled back (the pipelines'
 *     own counter `argo_workflows_mlops_pipeline_rollbacks`);
 *   - `MlopsPipelineControllerDown`: no leading workflow controller (`argo_workflows_is_leader`).
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas, validateProps } from '../core/validation';
import { MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS } from '../monitoring/constants';
import { AlertRule, rule } from '../monitoring/mlops-alert-rules';
import { ArgoWorkflows } from './argo-workflows';
import { ARGO_METRICS } from './constants';

/** Props of {@link PipelineAlertRules}. */
export interface PipelineAlertRulesProps {
  /** The Argo Workflows install (metrics Service, pipeline namespaces). */
  readonly workflows: ArgoWorkflows;
  /** Namespace of the ServiceMonitor and the PrometheusRule. @default 'monitoring' */
  readonly namespace?: string;
  /** How far back a failure or rollback still alerts (Prometheus duration). @default '30m' */
  readonly lookback?: string;
}

const schema = Schemas.object({
  workflows: Schemas.construct('an ArgoWorkflows', { controllerMetrics: Schemas.construct('the controller metrics Service of ArgoWorkflows') }),
  namespace: Schemas.k8sName().optional(),
  lookback: Schemas.promDuration('"30m" or "1h"').optional(),
});

/** `increase(x[lookback]) > 0`, or a series that appeared within the lookback (its first increment). */
export function newIncreaseExpr(selector: string, by: string, lookback: string): string {
  const sum = `sum by (${by}) (${selector})`;
  return `(sum by (${by}) (increase(${selector}[${lookback}])) > 0) or (${sum} unless ${sum.replace(selector, `${selector} offset ${lookback}`)})`;
}

/** The alert rules (pure, asserted in tests). */
export function pipelineAlertRules(pipelineNamespaces: readonly string[], lookback: string): AlertRule[] {
  const ns = [...pipelineNamespaces].sort().join('|');
  const failed = `${ARGO_METRICS.templateTriggered}{namespace=~"${ns}", phase=~"Failed|Error"}`;
  const rolledBack = `${ARGO_METRICS.pipelineRollbacks}`;
  return [
    rule(
      'MlopsPipelineRunFailed',
      newIncreaseExpr(failed, 'namespace, name', lookback),
      '0m',
      'warning',
      'Training pipeline {{ $labels.name }} failed',
      `A run of the WorkflowTemplate {{ $labels.name }} in {{ $labels.namespace }} failed or errored in the last ${lookback}; see the Argo UI or \`argo list -n {{ $labels.namespace }} --status Failed,Error\`. A run that got as far as the canary was rolled back by its exit handler.`,
    ),
    rule(
      'MlopsPipelineRolledBack',
      newIncreaseExpr(rolledBack, 'pipeline', lookback),
      '0m',
      'warning',
      'Training pipeline {{ $labels.pipeline }} rolled a canary back',
      `All traffic of pipeline {{ $labels.pipeline }}'s InferenceService went back to the stable model in the last ${lookback}: the canary failed its analysis or the run failed after the canary started.`,
    ),
    rule(
      'MlopsPipelineControllerDown',
      `absent(${ARGO_METRICS.isLeader}) or max(${ARGO_METRICS.isLeader}) < 1`,
      '10m',
      'critical',
      'No Argo Workflows controller is leading',
      'No workflow controller reports itself as leader: no pipeline run starts or progresses. Check the argo-workflows Deployment in namespace argo.',
    ),
  ];
}

/** ServiceMonitor of the workflow controller and the pipeline alerts. */
export class PipelineAlertRules extends Construct {
  public readonly serviceMonitor: KubernetesManifest;
  public readonly rules: KubernetesManifest;

  constructor(scope: Construct, id: string, props: PipelineAlertRulesProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'PipelineAlertRules');
    const namespace = props.namespace ?? MONITORING_DEFAULTS.namespace;
    const m = props.workflows.controllerMetrics;
    const labels = { [MONITORING_LABELS.component]: 'pipelines' };
    this.serviceMonitor = new KubernetesManifest(this, 'controller-monitor', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.serviceMonitor,
        metadata: { name: 'argo-workflows-controller', namespace, labels },
        spec: {
          namespaceSelector: { matchNames: [m.namespace] },
          selector: { matchLabels: { ...m.selector } },
          endpoints: [{ port: m.portName, path: m.path, interval: '30s', honorLabels: true }],
        },
      },
    });
    this.rules = new KubernetesManifest(this, 'rules', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.prometheusRule,
        metadata: { name: 'mlops-pipelines', namespace, labels },
        spec: { groups: [{ name: 'mlops.pipelines', rules: pipelineAlertRules(Object.keys(props.workflows.pipelineNamespaces), props.lookback ?? '30m').map((r) => ({ ...r })) }] },
      },
    });
  }
}
