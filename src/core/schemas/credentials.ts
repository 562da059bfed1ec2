/** `Schemas.env`: plain-text container env that refuses literal credentials (see ../credential-literals.ts). */
import { z } from 'zod';
import { credentialProblem } from '../credential-literals';

export { credentialProblem, isCredentialName } from '../credential-literals';

/**
 * Container environment variables as plain text, refusing literal credentials. `fix` names the prop
 * that takes a reference to a secret instead, e.g. `reference a Kubernetes Secret with secretEnv`.
 */
export function plainEnvSchema(fix: string) {
  return z
    .record(
      z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, { message: 'is not an environment variable name; use letters, digits, "_", "-" and ".", not starting with a digit' }),
      z.string(),
    )
    .superRefine((env, ctx) => {
      for (const [name, value] of Object.entries(env)) {
        const why = credentialProblem(name, value);
        if (why) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            params: { redact: true },
            message: `looks like a literal credential (${why}); it would be stored in plain text in the synthesized JSON and the Terraform state, ${fix}`,
          });
        }
      }
    });
}
