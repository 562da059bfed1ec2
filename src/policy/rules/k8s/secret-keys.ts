/** Deciding whether a key/value pair is a literal secret (shared by the Helm and Kubernetes Secret rules). */
import { isUnresolved } from '../../values';

/** Key endings (lowercased, without `-`/`_`) that name a secret value. */
export const SECRET_KEY_ENDINGS = ['password', 'passwd', 'token', 'secret', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'clientsecret', 'credentials'] as const;
/** Key parts that name a reference to a secret rather than the secret itself. */
const REFERENCE_KEY_PARTS = ['existing', 'secretname', 'secretref', 'keyref', 'secretkeyref', 'fromsecret', 'valuefrom', 'file', 'path', 'env', 'enabled'] as const;

/** {@link isSecretKey} by key: the values trees of a stack repeat the same keys many times. */
const SECRET_KEYS = new Map<string, boolean>();

/** True when `key` names a secret value (e.g. `password`, `adminPassword`, `api_key`, `AUTH_TOKEN`). */
export function isSecretKey(key: string): boolean {
  let secret = SECRET_KEYS.get(key);
  if (secret === undefined) {
    const k = key.toLowerCase().replace(/[-_.]/g, '');
    secret = !REFERENCE_KEY_PARTS.some((part) => k.includes(part)) && SECRET_KEY_ENDINGS.some((ending) => k.endsWith(ending));
    SECRET_KEYS.set(key, secret);
  }
  return secret;
}

/**
 * True when `value` is a literal secret: a non-empty string that is not a Terraform reference,
 * a Helm template (`{{ }}`), a Kubernetes env expansion (`$(VAR)`), or a pointer to a secret store.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (v === '' || v === 'true' || v === 'false' || isUnresolved(v)) return false;
  if (/^\{\{.*\}\}$/s.test(v) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)) return false;
  if (/^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(v)) return false;
  return true;
}
