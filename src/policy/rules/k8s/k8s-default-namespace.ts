/**
 * `k8s-default-namespace`: namespaced Kubernetes objects and Helm releases are not put in the
 * `default` namespace (explicitly, or by leaving the namespace out).
 */
import { PolicyRule } from '../../types';
import { at, COMPLIANT, fail, isUnresolved, NOT_APPLICABLE } from '../../values';
import { checkov, trivy } from '../scanners';
import { manifestOf } from './manifest';
import { WORKLOAD_TYPES } from './workloads';

/** kubernetes provider types of namespaced objects (besides the workloads). */
const NAMESPACED_TYPES = [
  'service', 'service_v1', 'service_account', 'service_account_v1', 'config_map', 'config_map_v1', 'config_map_v1_data', 'secret', 'secret_v1',
  'secret_v1_data', 'role', 'role_v1', 'role_binding', 'role_binding_v1', 'network_policy', 'network_policy_v1', 'persistent_volume_claim',
  'persistent_volume_claim_v1', 'ingress_v1', 'horizontal_pod_autoscaler_v2', 'pod_disruption_budget_v1', 'limit_range_v1', 'resource_quota_v1',
].map((t) => `kubernetes_${t}`);

/** Cluster-scoped kinds that `kubernetes_manifest` commonly carries (everything else is taken as namespaced). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'CSIDriver', 'VolumeSnapshotClass', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'NodePool', 'EC2NodeClass', 'NodeOverlay', 'NodeClaim', 'ClusterIssuer',
  'ClusterServingRuntime', 'ClusterStorageContainer', 'ClusterPolicy', 'NVIDIADriver', 'ClusterSecretStore', 'ClusterExternalSecret',
  'ClusterTriggerAuthentication', 'GatewayClass', 'IngressClassParams',
]);

const FIX = 'put the object in the namespace of its component (metadata.namespace / namespace = "<component>")';

export const k8sDefaultNamespace: PolicyRule = {
  id: 'k8s-default-namespace',
  severity: 'warning',
  description: 'Namespaced Kubernetes objects, manifests and Helm releases name a namespace other than "default".',
  appliesTo: ['kubernetes_manifest', 'helm_release', ...WORKLOAD_TYPES, ...NAMESPACED_TYPES],
  mirrors: [checkov('CKV_K8S_21'), trivy('AVD-KSV-0110', 'workloads only')],
  check(resource) {
    let attribute: string;
    let namespace: unknown;
    if (resource.type === 'helm_release') {
      attribute = 'namespace';
      namespace = resource.attributes.namespace;
    } else if (resource.type === 'kubernetes_manifest') {
      const m = manifestOf(resource);
      if (m === undefined || m === 'unknown' || CLUSTER_SCOPED_KINDS.has(m.kind)) return NOT_APPLICABLE;
      attribute = 'manifest.metadata.namespace';
      namespace = m.metadata.namespace;
    } else {
      attribute = 'metadata.namespace';
      namespace = at(resource.attributes, attribute);
    }
    if (isUnresolved(namespace) || (typeof namespace === 'string' && namespace !== '' && namespace !== 'default')) return COMPLIANT;
    return fail(namespace === 'default' ? `${attribute} is "default"` : `${attribute} is not set, so the object lands in the "default" namespace`, FIX);
  },
};
