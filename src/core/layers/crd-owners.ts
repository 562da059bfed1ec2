/**
 * Which chart installs which CRD API groups. The deployability check uses it: a custom resource in
 * the same stack as the chart that installs its CRD cannot be planned (the Kubernetes provider needs
 * the CRD on the API server at plan time).
 */

/** API groups whose CRDs each chart installs, by chart name. */
export const CRD_GROUPS_BY_CHART: Readonly<Record<string, readonly string[]>> = {
  'karpenter-crd': ['karpenter.sh', 'karpenter.k8s.aws'],
  karpenter: ['karpenter.sh', 'karpenter.k8s.aws'],
  'gpu-operator': ['nvidia.com'],
  'cert-manager': ['cert-manager.io', 'acme.cert-manager.io'],
  'kserve-crd': ['serving.kserve.io'],
  'kserve-resources': ['serving.kserve.io'],
  'kube-prometheus-stack': ['monitoring.coreos.com'],
  'prometheus-operator-crds': ['monitoring.coreos.com'],
  keda: ['keda.sh', 'eventing.keda.sh'],
  'external-secrets': ['external-secrets.io', 'generators.external-secrets.io'],
  'feast-operator': ['feast.dev'],
  'gateway-api': ['gateway.networking.k8s.io'],
  'gateway-helm': ['gateway.networking.k8s.io', 'gateway.envoyproxy.io'],
  'envoy-gateway': ['gateway.networking.k8s.io', 'gateway.envoyproxy.io'],
  'knative-operator': ['operator.knative.dev'],
  'ai-gateway-crds-helm': ['aigateway.envoyproxy.io'],
  'argo-workflows': ['argoproj.io'],
  'argo-events': ['argoproj.io'],
};

/** The API group of an apiVersion (`karpenter.sh/v1` → `karpenter.sh`; `v1` → ``). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
