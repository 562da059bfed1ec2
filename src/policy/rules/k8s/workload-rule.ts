/**
 * Builds a Kubernetes workload rule that runs over the pod specs of kubernetes_* workloads and
 * `kubernetes_manifest` workloads, and (best effort) over the values of `helm_release`s.
 */
import { PolicyRule, PolicyScannerRef, PolicySeverity, PolicyVerdict } from '../../types';
import { fail, Json, mustBeConcrete, NOT_APPLICABLE, verdictOf } from '../../values';
import { walkValues, ValueNode } from './helm-values';
import { podSpecsOf, PodSpecView, WORKLOAD_TYPES } from './workloads';
import { helmValues } from '../../../synth/helm-values';

/** What a workload rule checks. */
export interface WorkloadRuleSpec {
  readonly id: string;
  readonly severity: PolicySeverity;
  readonly description: string;
  readonly mirrors: readonly PolicyScannerRef[];
  /** How to fix a finding. */
  readonly fix: string;
  /** Problems in one pod spec. */
  pod(pod: PodSpecView): string[];
  /** Problems in one node of a Helm values tree (explicitly insecure values only). */
  helmNode?(node: ValueNode): string[];
}

/** Problems in a whole Helm values tree. */
export function helmProblems(values: Json, check: (node: ValueNode) => string[]): string[] {
  return walkValues(values).flatMap(check);
}

/** A {@link PolicyRule} from a {@link WorkloadRuleSpec}. */
export function workloadRule(spec: WorkloadRuleSpec): PolicyRule {
  const helmNode = spec.helmNode;
  return {
    id: spec.id,
    severity: spec.severity,
    description: spec.description,
    mirrors: spec.mirrors,
    appliesTo: [...WORKLOAD_TYPES, 'kubernetes_manifest', ...(helmNode ? ['helm_release'] : [])],
    check(resource): PolicyVerdict {
      if (resource.type === 'helm_release') {
        if (!helmNode) return NOT_APPLICABLE;
        const values = helmValues(resource);
        if (values === 'unknown') return mustBeConcrete('values', resource.attributes.values, 'pass values as literal YAML mappings so the policy can read them');
        return verdictOf(values ? helmProblems(values, helmNode) : [], spec.fix);
      }
      const pods = podSpecsOf(resource);
      if (pods === undefined) return NOT_APPLICABLE;
      if (pods === 'unknown') return fail('the pod spec is an unresolved reference; this check needs a concrete value', spec.fix);
      return verdictOf(
        pods.flatMap((pod) => spec.pod(pod).map((problem) => (pod.where ? `${pod.where}: ${problem}` : problem))),
        spec.fix,
      );
    },
  };
}
