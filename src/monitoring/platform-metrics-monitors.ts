/**
 * `PlatformMetricsMonitors` (workloads layer): monitors for the platform components whose metrics
 * the alert rules and dashboards read but whose charts create no monitor by default —
 * - the Karpenter controller (`karpenter_nodepools_usage`/`_limit` behind `MlopsNodePoolGpuLimitReached`):
 *   a PodMonitor on its pods, which carry the chart's selector labels `app.kubernetes.io/name: karpenter`
 *   and `app.kubernetes.io/instance: <release>` and declare metrics as container port `http-metrics`
 *   8080 (`controller.metrics.port`, chart 1.14.1 `templates/deployment.yaml`);
 * - the Feast online feature server: `feast serve --metrics` listens on 8000, which the chart's
 *   container does not declare (so a PodMonitor would keep no target), but the chart's Service has a
 *   `metrics` port for it: a ServiceMonitor on that port of the `feast-feature-server` Services of the
 *   namespace (only the online server's has it).
 *
 * Workloads layer: the PodMonitor CRD comes with kube-prometheus-stack in the platform layer.
 * (Karpenter's own `serviceMonitor.enabled` would need the CRD before the Karpenter release.)
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { KARPENTER_DEFAULTS } from '../compute/karpenter/constants';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { FEAST_CHART_POD_NAME, FEAST_LABELS, FEAST_METRICS_SERVICE_PORT } from '../featurestore/constants';
import { MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS } from './constants';
import { INFERENCE_SCRAPE } from './inference-metrics-monitors';

/** Where the Karpenter controller's metrics are. */
export const KARPENTER_SCRAPE = { port: 8080, path: '/metrics' } as const;

/** Props of {@link PlatformMetricsMonitors}. */
export interface PlatformMetricsMonitorsProps {
  /** Namespace of the PodMonitors. @default 'monitoring' */
  readonly namespace?: string;
  /**
   * The Karpenter release to scrape, or `false` for none.
   * @default { namespace: 'kube-system', releaseName: 'karpenter' }
   */
  readonly karpenter?: { readonly namespace: string; readonly releaseName: string } | false;
  /**
   * Namespace of a Feast feature store whose online server runs with metrics: a ServiceMonitor scrapes
   * the `metrics` port of its Service (its NetworkPolicy must admit the monitoring namespace:
   * `featureServer.metricsNamespaces`).
   * @default - no Feast monitor
   */
  readonly feastNamespace?: string;
}

const schema = Schemas.props<PlatformMetricsMonitorsProps>()({
  namespace: Schemas.k8sName().optional(),
  karpenter: z.union([z.literal(false), Schemas.object({ namespace: Schemas.k8sName(), releaseName: Schemas.k8sName() })]).optional(),
  feastNamespace: Schemas.k8sName().optional(),
});

/** A PodMonitor for Karpenter and a ServiceMonitor for the Feast online server. */
export class PlatformMetricsMonitors extends Construct {
  public readonly karpenter?: KubernetesManifest;
  public readonly feast?: KubernetesManifest;

  constructor(scope: Construct, id: string, props: PlatformMetricsMonitorsProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'PlatformMetricsMonitors');
    const namespace = props.namespace ?? MONITORING_DEFAULTS.namespace;
    const monitor = (cid: string, kind: string, name: string, spec: Record<string, unknown>) =>
      new KubernetesManifest(this, cid, {
        manifest: {
          apiVersion: MONITORING_API_VERSION,
          kind,
          metadata: { name, namespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } },
          spec,
        },
      });
    const karpenter = props.karpenter === false ? undefined : (props.karpenter ?? { namespace: KARPENTER_DEFAULTS.namespace, releaseName: KARPENTER_DEFAULTS.releaseName });
    if (karpenter) {
      this.karpenter = monitor('karpenter', MONITORING_KINDS.podMonitor, 'karpenter', {
        namespaceSelector: { matchNames: [karpenter.namespace] },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'karpenter', 'app.kubernetes.io/instance': karpenter.releaseName } },
        podMetricsEndpoints: [{ portNumber: KARPENTER_SCRAPE.port, path: KARPENTER_SCRAPE.path, interval: INFERENCE_SCRAPE.interval }],
      });
    }
    if (props.feastNamespace) {
      this.feast = monitor('feast', MONITORING_KINDS.serviceMonitor, 'feast-feature-server', {
        namespaceSelector: { matchNames: [props.feastNamespace] },
        selector: { matchLabels: { [FEAST_LABELS.name]: FEAST_CHART_POD_NAME } },
        endpoints: [{ port: FEAST_METRICS_SERVICE_PORT, path: '/metrics', interval: INFERENCE_SCRAPE.interval }],
      });
    }
  }
}
