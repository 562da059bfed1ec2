/**
 * `InferenceMetricsMonitors` (workloads layer): the PodMonitors that make Prometheus scrape what the
 * serving alerts read —
 * - KServe predictor pods (label `serving.kserve.io/inferenceservice`, any namespace): the model
 *   server's `/metrics` on container port 8080 (`request_predict_seconds`; the runtimes annotate
 *   `prometheus.kserve.io/port: 8080`, path `/metrics`). prometheus-operator (v0.93
 *   `pkg/prometheus/promcfg.go`, `generatePodMonitorConfig`) turns `portNumber` into a `keep` rule on
 *   `__meta_kubernetes_pod_container_port_number`, i.e. on ports the pod *declares*: the predictor
 *   declares `MODEL_SERVER_CONTAINER_PORT` (src/serving) in Standard mode, and Knative declares the user
 *   container's port (`user-port` 8080) in Knative mode, so both modes are scraped. Runtimes whose
 *   metrics are elsewhere (TorchServe 8082, Triton 8002) and custom `ServingRuntime`s on another port
 *   are not;
 * - Envoy Gateway proxy pods (namespace `envoy-gateway-system`, labels
 *   `app.kubernetes.io/component: proxy` and `app.kubernetes.io/managed-by: envoy-gateway`):
 *   `/stats/prometheus` on the `metrics` container port 19001 (`envoy_cluster_upstream_rq_*`).
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { MODEL_SERVER_CONTAINER_PORT } from '../serving/constants';
import { MONITORING_API_VERSION, MONITORING_DEFAULTS, MONITORING_KINDS, MONITORING_LABELS } from './constants';

/** Where the scraped pods listen. */
export const INFERENCE_SCRAPE = {
  kserve: { podLabel: 'serving.kserve.io/inferenceservice', port: MODEL_SERVER_CONTAINER_PORT.containerPort, path: '/metrics' },
  envoy: {
    namespace: 'envoy-gateway-system',
    labels: { 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway' },
    port: 19001,
    path: '/stats/prometheus',
  },
  interval: '30s',
} as const;

/** Props of {@link InferenceMetricsMonitors}. */
export interface InferenceMetricsMonitorsProps {
  /** Namespace of the PodMonitors. @default 'monitoring' */
  readonly namespace?: string;
  /** Namespace of the Envoy Gateway proxies. @default 'envoy-gateway-system' */
  readonly envoyNamespace?: string;
}

const schema = Schemas.props<InferenceMetricsMonitorsProps>()({ namespace: Schemas.k8sName().optional(), envoyNamespace: Schemas.k8sName().optional() });

/** PodMonitors for KServe model servers and Envoy Gateway proxies. */
export class InferenceMetricsMonitors extends Construct {
  public readonly kserve: KubernetesManifest;
  public readonly envoy: KubernetesManifest;

  constructor(scope: Construct, id: string, props: InferenceMetricsMonitorsProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'InferenceMetricsMonitors');
    const namespace = props.namespace ?? MONITORING_DEFAULTS.namespace;
    const metadata = (name: string) => ({ name, namespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } });
    const k = INFERENCE_SCRAPE.kserve;
    this.kserve = new KubernetesManifest(this, 'kserve', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.podMonitor,
        metadata: metadata('kserve-model-servers'),
        spec: {
          namespaceSelector: { any: true },
          selector: { matchExpressions: [{ key: k.podLabel, operator: 'Exists' }] },
          podMetricsEndpoints: [{ portNumber: k.port, path: k.path, interval: INFERENCE_SCRAPE.interval }],
        },
      },
    });
    const e = INFERENCE_SCRAPE.envoy;
    this.envoy = new KubernetesManifest(this, 'envoy', {
      manifest: {
        apiVersion: MONITORING_API_VERSION,
        kind: MONITORING_KINDS.podMonitor,
        metadata: metadata('envoy-gateway-proxies'),
        spec: {
          namespaceSelector: { matchNames: [props.envoyNamespace ?? e.namespace] },
          selector: { matchLabels: { ...e.labels } },
          podMetricsEndpoints: [{ portNumber: e.port, path: e.path, interval: INFERENCE_SCRAPE.interval }],
        },
      },
    });
  }
}
