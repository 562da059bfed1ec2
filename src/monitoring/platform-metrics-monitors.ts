/**
 * `PlatformMetricsMonitors` (workloads layer): PodMonitors for the platform components whose
 * metrics the alert rules and dashboards read but whose charts create no monitor by default —
 * - the Karpenter controller (`karpenter_nodepools_usage`/`_limit` behind `MlopsNodePoolGpuLimitReached`):
 *   its pods carry the chart's selector labels `app.kubernetes.io/name: karpenter` and
 *   `app.kubernetes.io/instance: <release>`, metrics on container port 8080 (`controller.metrics.port`);
 * - the Feast online feature server: `feast serve --metrics` on port 8000.
 *
 * Workloads layer: the PodMonitor CRD comes with kube-prometheus-stack in the platform layer.
 * (Karpenter's own `serviceMonitor.enabled` would need the CRD before the Karpenter release.)
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { KARPENTER_DEFAULTS } from '../compute/karpenter/constants';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas, validateProps } from '../core/validation';
import { FEAST_CHART_POD_NAME, FEAST_LABELS, FEAST_METRICS_PORT } from '../featurestore/constants';
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
   * Namespace of a Feast feature store whose online server runs with metrics (its NetworkPolicy must
   * admit the monitoring namespace: `featureServer.metricsNamespaces`).
   * @default - no Feast monitor
   */
  readonly feastNamespace?: string;
}

const schema = z.object({
  namespace: Schemas.k8sName().optional(),
  karpenter: z.union([z.literal(false), z.object({ namespace: Schemas.k8sName(), releaseName: Schemas.k8sName() })]).optional(),
  feastNamespace: Schemas.k8sName().optional(),
});

/** PodMonitors for Karpenter and the Feast online server. */
export class PlatformMetricsMonitors extends Construct {
  public readonly karpenter?: KubernetesManifest;
  public readonly feast?: KubernetesManifest;

  constructor(scope: Construct, id: string, props: PlatformMetricsMonitorsProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'PlatformMetricsMonitors');
    const namespace = props.namespace ?? MONITORING_DEFAULTS.namespace;
    const podMonitor = (cid: string, name: string, spec: Record<string, unknown>) =>
      new KubernetesManifest(this, cid, {
        manifest: {
          apiVersion: MONITORING_API_VERSION,
          kind: MONITORING_KINDS.podMonitor,
          metadata: { name, namespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } },
          spec,
        },
      });
    const karpenter = props.karpenter === false ? undefined : (props.karpenter ?? { namespace: KARPENTER_DEFAULTS.namespace, releaseName: KARPENTER_DEFAULTS.releaseName });
    if (karpenter) {
      this.karpenter = podMonitor('karpenter', 'karpenter', {
        namespaceSelector: { matchNames: [karpenter.namespace] },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'karpenter', 'app.kubernetes.io/instance': karpenter.releaseName } },
        podMetricsEndpoints: [{ portNumber: KARPENTER_SCRAPE.port, path: KARPENTER_SCRAPE.path, interval: INFERENCE_SCRAPE.interval }],
      });
    }
    if (props.feastNamespace) {
      this.feast = podMonitor('feast', 'feast-feature-server', {
        namespaceSelector: { matchNames: [props.feastNamespace] },
        selector: { matchLabels: { [FEAST_LABELS.name]: FEAST_CHART_POD_NAME } },
        podMetricsEndpoints: [{ portNumber: FEAST_METRICS_PORT, path: '/metrics', interval: INFERENCE_SCRAPE.interval }],
      });
    }
  }
}
