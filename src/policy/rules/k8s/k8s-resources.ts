/**
 * `k8s-resources`: every container requests CPU and memory and limits memory. (A CPU limit is not
 * required: it throttles bursty ML workloads without protecting neighbours; requests do that.)
 */
import { isObject, isUnresolved, Json, render } from '../../values';
import { checkov, trivy } from '../scanners';
import { workloadRule } from './workload-rule';

/** The resource settings every container must declare: [section, resource]. */
export const REQUIRED_RESOURCES = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory']] as const;
const RESOURCE_KEYS = new Set(['requests', 'limits', 'claims']);

function missing(resources: unknown): string[] {
  if (isUnresolved(resources)) return [];
  const r = isObject(resources) ? resources : {};
  return REQUIRED_RESOURCES.filter(([section, name]) => {
    const s = r[section];
    return !(isObject(s) && s[name] !== undefined && s[name] !== null && s[name] !== '');
  }).map(([section, name]) => `${section}.${name}`);
}

function isResourcesMap(value: unknown): value is Json {
  return isObject(value) && Object.keys(value).every((k) => RESOURCE_KEYS.has(k));
}

export const k8sResources = workloadRule({
  id: 'k8s-resources',
  severity: 'error',
  description: 'Every container sets requests.cpu, requests.memory and limits.memory.',
  mirrors: [checkov('CKV_K8S_10'), checkov('CKV_K8S_11', 'also requires a CPU limit'), checkov('CKV_K8S_12'), checkov('CKV_K8S_13'), trivy('AVD-KSV-0015'), trivy('AVD-KSV-0016'), trivy('AVD-KSV-0018'), trivy('AVD-KSV-0011', 'also requires a CPU limit')],
  fix: 'set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container',
  pod: (pod) =>
    pod.containers.flatMap((c) => {
      const resources = pod.get(c.fields, 'resources');
      if (isUnresolved(resources)) return [`${c.label}: resources = ${render(resources)} is not known at synth; this check needs a concrete value`];
      const gaps = missing(resources);
      return gaps.length === 0 ? [] : [`${c.label} does not set resources ${gaps.join(', ')}`];
    }),
  helmNode: (node) => {
    if (node.key === 'resources' && isUnresolved(node.value)) return [`values.${node.path} = ${render(node.value)} is not known at synth; this check needs a concrete value`];
    if (node.key !== 'resources' || !isResourcesMap(node.value)) return [];
    // A PersistentVolumeClaim's `resources.requests.storage` is a volume size, not a container's.
    if (/(^|\.)(volumeClaimTemplate|volumeClaimTemplates|persistentVolumeClaim)(\.|\[|$)/.test(node.path)) return [];
    const gaps = missing(node.value);
    return gaps.length === 0 ? [] : [`values.${node.path} = ${render(node.value)} does not set ${gaps.join(', ')}`];
  },
});

