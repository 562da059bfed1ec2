/**
 * Secret redaction: values at secret-looking attribute paths are never printed. A value is
 * redacted when a path segment names a secret (password, token, secret, private key, API key,
 * credentials, …) or the resource type holds secrets in known attributes (Kubernetes Secret data,
 * Helm `set_sensitive`, Secrets Manager secret strings). Expressions that only reference other
 * resources (`${random_password.p.result}`) are not secrets and stay visible.
 */
import { isPureExpression } from './expressions';

/** What a redacted value is shown as. */
export const REDACTED = '(redacted)';

/** Words that make a path segment secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey', 'accesskey']);

/** Two-word secrets (`private_key`, `api-key`, `accessKey`). */
const SECRET_PAIRS = new Set(['private key', 'api key', 'access key', 'secret key', 'auth token', 'client secret']);

/** Last words that make a segment a reference to a secret rather than the secret (`secret_arn`, `password_length`). */
const NON_SECRET_LAST_WORDS = new Set(['arn', 'arns', 'name', 'names', 'ref', 'id', 'ids', 'namespace', 'path', 'enabled', 'mode', 'strategy', 'type', 'policy', 'version', 'versions', 'rotation', 'length', 'ttl', 'file', 'store', 'selector', 'template', 'manager', 'provider', 'validity', 'expiry']);

/** Attributes (path prefixes) of resource types that hold secret values whatever their names. */
export const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  kubernetes_secret: ['data', 'binary_data', 'string_data'],
  kubernetes_secret_v1: ['data', 'binary_data', 'string_data'],
  helm_release: ['set_sensitive'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary', 'secret_string_wo'],
  aws_ssm_parameter: ['value', 'insecure_value', 'value_wo'],
};

function words(segment: string): string[] {
  return segment
    .replace(/\[\d+\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True when a path segment (attribute or values key) names a secret. */
export function isSecretSegment(segment: string): boolean {
  const w = words(segment);
  if (w.length === 0) return false;
  const last = w[w.length - 1];
  if (w.length > 1 && NON_SECRET_LAST_WORDS.has(last)) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  for (let i = 0; i + 1 < w.length; i++) if (SECRET_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return true;
  return false;
}

/** Splits `a.b[0].c` into `['a', 'b', 'c']`. */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '')
    .split('.')
    .filter(Boolean);
}

/** True when values at `path` of a `type` resource are secrets. */
export function isSecretPath(type: string, path: string): boolean {
  const plain = path.replace(/\[\d+\]/g, '');
  if ((SECRET_ATTRIBUTES[type] ?? []).some((p) => plain === p || plain.startsWith(`${p}.`))) return true;
  return pathSegments(path).some(isSecretSegment);
}

/** True when `value` at `path` must be hidden: a literal (not a pure reference) at a secret path. */
export function mustRedact(type: string, path: string, value: unknown): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return false;
  if (isPureExpression(value)) return false;
  return isSecretPath(type, path);
}
