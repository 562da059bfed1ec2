/** `k8s-not-privileged`: no container runs privileged. */
import { bool, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt } from './helm-values';
import { workloadRule } from './workload-rule';
import { containerSecurityContext } from './workloads';

export const k8sNotPrivileged = workloadRule({
  id: 'k8s-not-privileged',
  severity: 'error',
  description: 'No container sets securityContext.privileged: true.',
  mirrors: [checkov('CKV_K8S_16'), trivy('AVD-KSV-0017')],
  fix: 'remove securityContext.privileged; grant the single capability the container needs instead',
  pod: (pod) =>
    pod.containers.flatMap((c) => {
      const value = bool(pod.get(containerSecurityContext(pod, c), 'privileged'));
      if (value === UNKNOWN) return [`${c.label}: ${pod.name('privileged')} is not known at synth; this check needs a concrete value`];
      return value === true ? [`${c.label} is privileged`] : [];
    }),
  helmNode: (node) => (node.key === 'privileged' && (node.value === true || node.value === 'true') ? [valueAt(node)] : []),
});
