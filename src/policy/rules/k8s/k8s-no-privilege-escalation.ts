/** `k8s-no-privilege-escalation`: every container sets allowPrivilegeEscalation false. */
import { bool, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt } from './helm-values';
import { workloadRule } from './workload-rule';
import { containerSecurityContext } from './workloads';

export const k8sNoPrivilegeEscalation = workloadRule({
  id: 'k8s-no-privilege-escalation',
  severity: 'error',
  description: 'Every container sets securityContext.allowPrivilegeEscalation: false.',
  mirrors: [checkov('CKV_K8S_20'), trivy('AVD-KSV-0001')],
  fix: 'set securityContext.allowPrivilegeEscalation: false on every container',
  pod: (pod) =>
    pod.containers.flatMap((c) => {
      const value = bool(pod.get(containerSecurityContext(pod, c), 'allowPrivilegeEscalation'));
      if (value === false) return [];
      if (value === UNKNOWN) return [`${c.label}: ${pod.name('allowPrivilegeEscalation')} is not known at synth; this check needs a concrete value`];
      return [`${c.label} does not set ${pod.name('allowPrivilegeEscalation')} false`];
    }),
  helmNode: (node) => (node.key === 'allowPrivilegeEscalation' && (node.value === true || node.value === 'true') ? [valueAt(node)] : []),
});
