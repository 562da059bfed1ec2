/** `k8s-host-namespaces`: pods do not share the host's network, PID or IPC namespace. */
import { bool, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt } from './helm-values';
import { workloadRule } from './workload-rule';

/** The pod fields that share a host namespace. */
export const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
const FIELDS = new Set<string>(HOST_NAMESPACE_FIELDS);

export const k8sHostNamespaces = workloadRule({
  id: 'k8s-host-namespaces',
  severity: 'error',
  description: 'Pods do not set hostNetwork, hostPID or hostIPC to true.',
  mirrors: [checkov('CKV_K8S_19'), checkov('CKV_K8S_17'), checkov('CKV_K8S_18'), trivy('AVD-KSV-0009'), trivy('AVD-KSV-0010'), trivy('AVD-KSV-0008')],
  fix: 'remove hostNetwork, hostPID and hostIPC from the pod spec',
  pod: (pod) =>
    HOST_NAMESPACE_FIELDS.flatMap((field) => {
      const value = bool(pod.get(pod.spec, field));
      if (value === UNKNOWN) return [`${pod.name(field)} is not known at synth; this check needs a concrete value`];
      return value === true ? [`the pod sets ${pod.name(field)} true`] : [];
    }),
  helmNode: (node) => (typeof node.key === 'string' && FIELDS.has(node.key) && (node.value === true || node.value === 'true') ? [valueAt(node)] : []),
});
