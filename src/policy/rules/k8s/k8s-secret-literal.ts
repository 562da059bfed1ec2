/**
 * `k8s-secret-literal`: Kubernetes Secrets carry no literal values in the configuration. A literal
 * lands in the synthesized JSON, the repository and the Terraform state; fill Secrets from a secret
 * store instead (External Secrets Operator, or a reference to a generated value).
 */
import { PolicyRule } from '../../types';
import { COMPLIANT, isObject, isUnresolved, NOT_APPLICABLE, verdictOf } from '../../values';
import { manifestOf } from './manifest';

const DATA_ATTRIBUTES = ['data', 'binary_data', 'data_wo', 'binary_data_wo'] as const;
const FIX = 'fill the Secret from a secret store (an ExternalSecret of External Secrets Operator) or a reference to a generated value, never a literal';

function literalKeys(attribute: string, map: unknown): string[] {
  if (!isObject(map)) return [];
  return Object.keys(map)
    .sort()
    .filter((k) => typeof map[k] === 'string' && map[k] !== '' && !isUnresolved(map[k]))
    .map((k) => `${attribute}["${k}"] is a literal`);
}

export const k8sSecretLiteral: PolicyRule = {
  id: 'k8s-secret-literal',
  severity: 'error',
  description: 'kubernetes_secret(_v1), kubernetes_secret_v1_data and Secret manifests hold no literal values.',
  appliesTo: ['kubernetes_secret', 'kubernetes_secret_v1', 'kubernetes_secret_v1_data', 'kubernetes_manifest'],
  mirrors: [],
  check(resource) {
    if (resource.type === 'kubernetes_manifest') {
      const m = manifestOf(resource);
      if (m === undefined || m === 'unknown' || m.group !== '' || m.kind !== 'Secret') return NOT_APPLICABLE;
      const problems = [...literalKeys('manifest.data', m.raw.data), ...literalKeys('manifest.stringData', m.raw.stringData)];
      return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
    }
    const problems = DATA_ATTRIBUTES.flatMap((a) => literalKeys(a, resource.attributes[a]));
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
