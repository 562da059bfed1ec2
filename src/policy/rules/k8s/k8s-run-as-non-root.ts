/**
 * `k8s-run-as-non-root`: every container runs as a non-root user: runAsNonRoot true, or a runAsUser
 * above 0, on the container or the pod; never runAsNonRoot false or runAsUser 0 on the container.
 */
import { bool, num, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt } from './helm-values';
import { workloadRule } from './workload-rule';
import { containerSecurityContext, podSecurityContext } from './workloads';

export const k8sRunAsNonRoot = workloadRule({
  id: 'k8s-run-as-non-root',
  severity: 'error',
  description: 'Every container runs as non-root (runAsNonRoot: true or runAsUser > 0 on the container or pod).',
  mirrors: [checkov('CKV_K8S_23', 'Kubernetes manifests; checkov has no Terraform equivalent'), trivy('AVD-KSV-0012'), trivy('AVD-KSV-0105')],
  fix: 'set securityContext.runAsNonRoot: true (and a runAsUser above 0 if the image has no USER) on the pod or every container',
  pod: (pod) => {
    const podSc = podSecurityContext(pod);
    const podNonRoot = bool(pod.get(podSc, 'runAsNonRoot'));
    const podUser = num(pod.get(podSc, 'runAsUser'));
    return pod.containers.flatMap((c) => {
      const sc = containerSecurityContext(pod, c);
      const nonRoot = bool(pod.get(sc, 'runAsNonRoot'));
      const user = num(pod.get(sc, 'runAsUser'));
      if (nonRoot === UNKNOWN || user === UNKNOWN || (nonRoot === undefined && (podNonRoot === UNKNOWN || podUser === UNKNOWN))) {
        return [`${c.label}: ${pod.name('runAsNonRoot')}/${pod.name('runAsUser')} is not known at synth; this check needs a concrete value`];
      }
      if (nonRoot === false) return [`${c.label} sets ${pod.name('runAsNonRoot')} false`];
      if (user === 0) return [`${c.label} sets ${pod.name('runAsUser')} 0 (root)`];
      const effectiveUser = user ?? (podUser === UNKNOWN ? undefined : podUser);
      if (nonRoot === true || (nonRoot === undefined && podNonRoot === true) || (effectiveUser !== undefined && effectiveUser > 0)) return [];
      return [`${c.label} may run as root: neither it nor the pod sets ${pod.name('runAsNonRoot')} true or a ${pod.name('runAsUser')} above 0`];
    });
  },
  helmNode: (node) => {
    if (node.key === 'runAsNonRoot' && node.value === false) return [`${valueAt(node)}`];
    if (node.key === 'runAsUser' && node.value === 0) return [`${valueAt(node)} (root)`];
    return [];
  },
});
