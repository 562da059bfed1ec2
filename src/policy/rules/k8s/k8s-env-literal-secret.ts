/**
 * `k8s-env-literal-secret`: container environment variables carry no literal credentials (a
 * `value` whose name says it is a password, token or key, that is a URL with a password, JSON with
 * a password field, or shaped like a well-known token). Such a value lands in the synthesized JSON,
 * the repository and the Terraform state; read it from a Secret (`valueFrom.secretKeyRef`). The same
 * check the constructs run on their `env` props (`Schemas.env`), applied to what was synthesized.
 */
import { credentialProblem } from '../../../core/credential-literals';
import { isObject, isUnresolved } from '../../values';
import { workloadRule } from './workload-rule';

export const k8sEnvLiteralSecret = workloadRule({
  id: 'k8s-env-literal-secret',
  severity: 'error',
  description: 'Container env vars hold no literal credentials (passwords, tokens, keys); they come from Secrets.',
  mirrors: [],
  fix: 'put the value in a Secret (a SyncedSecret from Secrets Manager) and reference it with valueFrom.secretKeyRef',
  pod: (pod) =>
    pod.containers.flatMap((c) => {
      // The kubernetes provider's single `env` block reads back unwrapped.
      const raw = pod.get(c.fields, 'env');
      const env: unknown[] = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
      return env.flatMap((e) => {
        if (!isObject(e) || typeof e.name !== 'string' || typeof e.value !== 'string' || isUnresolved(e.value)) return [];
        const why = credentialProblem(e.name, e.value);
        return why ? [`${c.label} env ${e.name} is a literal credential (${why})`] : [];
      });
    }),
});
