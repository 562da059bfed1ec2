/**
 * What KServe's Knative mode installs besides KServe: the knative-operator chart's values and the
 * `spec` of the `KnativeServing` resource (Knative Serving with Kourier as networking layer).
 *
 * Facts, checked against the pinned sources:
 * - chart values: knative/operator knative-v1.21.4 `config/charts/knative-operator/values.yaml` and
 *   `templates/operator.yaml` (which reads `affinity`, `tolerations`, `securityContext`, `resources`,
 *   `containerSecurityContext` of `knative_operator.knative_operator` and `.operator_webhook`; the chart
 *   has no nodeSelector value, so system-node placement is a required node affinity);
 * - KnativeServing: KServe v0.20.0 `hack/setup/infra/knative/templates/knative-serving-kourier.yaml`
 *   (`ingress.kourier.enabled`, `config.network.ingress-class`, `config.deployment.registries-skipping-tag-resolving`)
 *   and the operator's CRD (`ingress.kourier.service-type`, `high-availability.replicas`, `workloads[]`);
 * - feature flags: knative/serving knative-v1.21.1 `pkg/apis/config/features.go` (node selector,
 *   tolerations and affinity are `Disabled` by default and stripped/refused by the webhook's
 *   `PodSpecMask`; emptyDir volumes are already enabled) — KServe's Knative install guide asks to
 *   enable them to use those PodSpec fields, and GPU predictors use node selectors and tolerations.
 */
import { PlainObject } from '../core/merge';
import { byPreset, Preset } from '../core/presets';
import { KNATIVE_SERVING_VERSION } from '../core/versions';
import { KNATIVE_DEFAULTS } from './constants';
import { systemNodeSelector } from '../core/labels';

/** Knative `config-features` flags the library enables (each `enabled`). */
export const KNATIVE_FEATURE_FLAGS = ['kubernetes.podspec-affinity', 'kubernetes.podspec-nodeselector', 'kubernetes.podspec-tolerations'] as const;

/**
 * Registries whose image tags Knative does not resolve to digests (KServe's reference value: the
 * runtime images on Docker Hub and NGC are large, and resolution needs the controller to reach them).
 */
export const KNATIVE_REGISTRIES_SKIPPING_TAG_RESOLVING = 'nvcr.io,index.docker.io';

/**
 * The Deployments of Knative Serving 1.21 and Kourier the operator creates (kodata
 * `knative-serving/1.21.3/{2-serving-core,3-serving-hpa}.yaml`, `ingress/1.21/kourier/kourier.yaml`),
 * all placed on system nodes.
 */
export const KNATIVE_SERVING_DEPLOYMENTS = ['activator', 'autoscaler', 'autoscaler-hpa', 'controller', 'webhook', 'net-kourier-controller', '3scale-kourier-gateway'] as const;

/** Knative ConfigMap overrides: `{ <ConfigMap name without "config-">: { key: value } }`. */
export type KnativeConfig = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Options of {@link knativeServingSpec}. */
export interface KnativeServingSpecOptions {
  readonly preset?: Preset;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly config?: KnativeConfig;
}

/** A required node affinity equal to a node selector (for charts that only take `affinity`). */
function nodeAffinity(nodeSelector: Record<string, string>): PlainObject {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: Object.keys(nodeSelector).sort().map((key) => ({ key, operator: 'In', values: [nodeSelector[key]] })) }],
      },
    },
  };
}

/**
 * knative-operator chart values: the operator and its webhook on system nodes (the webhook keeps the
 * chart's default pod anti-affinity: Helm merges maps), RuntimeDefault seccomp on both pods.
 */
export function knativeOperatorValues(options: { readonly nodeSelector?: Readonly<Record<string, string>> } = {}): PlainObject {
  const pod = (): PlainObject => ({
    affinity: nodeAffinity(systemNodeSelector(options.nodeSelector)),
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  });
  return { knative_operator: { knative_operator: pod(), operator_webhook: pod() } };
}

/** `spec` of the KnativeServing resource. */
export function knativeServingSpec(options: KnativeServingSpecOptions = {}): PlainObject {
  const nodeSelector = systemNodeSelector(options.nodeSelector);
  const config: Record<string, Record<string, string>> = {
    network: { 'ingress-class': KNATIVE_DEFAULTS.ingressClass },
    features: Object.fromEntries(KNATIVE_FEATURE_FLAGS.map((flag) => [flag, 'enabled'])),
    deployment: { 'registries-skipping-tag-resolving': KNATIVE_REGISTRIES_SKIPPING_TAG_RESOLVING },
  };
  for (const [name, entries] of Object.entries(options.config ?? {})) config[name] = { ...(config[name] ?? {}), ...entries };
  return {
    version: KNATIVE_SERVING_VERSION,
    // The external Kourier gateway Service defaults to type LoadBalancer (a load balancer on EKS);
    // ClusterIP keeps Knative services inside the cluster, like a ServingGateway's default exposure.
    ingress: { kourier: { enabled: true, 'service-type': 'ClusterIP' } },
    config,
    'high-availability': { replicas: byPreset(options.preset, { dev: 1, prod: 2 }) },
    workloads: KNATIVE_SERVING_DEPLOYMENTS.map((name) => ({ name, nodeSelector: { ...nodeSelector } })),
  };
}
