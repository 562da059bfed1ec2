/**
 * `helm-literal-secret`: Helm releases pass no literal secrets: no value under a key such as
 * `password`, `adminPassword`, `token`, `apiKey`, `secretKey` (or an env entry named like one)
 * that is a literal string, in `values`, `set`, `set_sensitive` or `set_wo`, and no literal
 * `repository_password`. Charts are pointed at Kubernetes Secrets by name instead
 * (`existingSecret`, `secretKeyRef`, …), which the rule recognizes.
 */
import { PolicyRule } from '../../types';
import { COMPLIANT, isObject, mustBeConcrete, verdictOf } from '../../values';
import { walkValues } from './helm-values';
import { isLiteralSecretValue, isSecretKey } from './secret-keys';
import { helmValues } from '../../../synth/helm-values';

const FIX = 'point the chart at a Kubernetes Secret (existingSecret / secretKeyRef, filled by External Secrets) instead of passing the value';

export const helmLiteralSecret: PolicyRule = {
  id: 'helm-literal-secret',
  severity: 'error',
  description: 'Helm values (and set entries) hold no literal password, token, secret or API key.',
  appliesTo: ['helm_release'],
  mirrors: [],
  check(resource) {
    const values = helmValues(resource);
    if (values === 'unknown') return mustBeConcrete('values', resource.attributes.values, 'pass values as literal YAML mappings so the policy can read them');
    const problems: string[] = [];
    if (isLiteralSecretValue(resource.attributes.repository_password)) problems.push('repository_password is a literal');
    for (const node of values ? walkValues(values) : []) {
      if (typeof node.key === 'string' && isSecretKey(node.key) && isLiteralSecretValue(node.value)) {
        problems.push(`values.${node.path} is a literal secret`);
      } else if (node.key === 'value' && isObject(node.parent) && typeof node.parent.name === 'string' && isSecretKey(node.parent.name) && isLiteralSecretValue(node.value)) {
        problems.push(`values.${node.path} (env ${node.parent.name}) is a literal secret`);
      }
    }
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
