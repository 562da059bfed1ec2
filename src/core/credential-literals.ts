/**
 * Literal credentials: a value that lands in the synthesized JSON and the Terraform state must not be
 * a password, token or key. A value is a credential when its name says so (`HF_TOKEN`, `*SECRET*`,
 * `*PASSWORD*`, `AWS_SECRET_ACCESS_KEY`, `*_API_KEY`), when it carries one (a URL with a password, a
 * JSON object with a `password` field) or when it has the shape of a well-known token (AWS access key,
 * Hugging Face, GitHub, OpenAI, Slack, PEM private key). References are not credentials: a Terraform
 * reference or cdktf token, a `$(VAR)` expansion, a Secrets Manager or SSM ARN, and names that point
 * at a secret (`*_SECRET_NAME`, `*_PASSWORD_FILE`).
 *
 * No dependencies (no cdktf, no zod): the policy rules run on synthesized JSON from the review CLI,
 * which loads neither; `Schemas.env` (./schemas/credentials.ts) wraps it for props.
 */

/** An unresolved cdktf token in a string (`${TfToken[TOKEN.1]}`, `#{TfToken[TOKEN.2]}`). */
const CDKTF_TOKEN = /[$#]\{TfToken\[[^\]]+\]\}/;

/** Words of a name that make its value a credential. */
const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'secret', 'token', 'credential', 'credentials', 'passphrase']);
/** Adjacent word pairs that make its value a credential. */
const CREDENTIAL_PAIRS = ['api key', 'access key', 'private key', 'auth key', 'client secret', 'session key', 'signing key'];
/** Words that make a name a pointer to a secret, or a setting about one, rather than the secret. */
const REFERENCE_WORDS = new Set(['file', 'path', 'dir', 'name', 'arn', 'ref', 'id', 'url', 'endpoint', 'enabled', 'header', 'type', 'ttl', 'expiry', 'length', 'mount', 'env']);

/** Shapes of well-known tokens. */
const TOKEN_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/^(AKIA|ASIA)[0-9A-Z]{16}$/, 'an AWS access key id'],
  [/^hf_[A-Za-z0-9]{30,}$/, 'a Hugging Face token'],
  [/^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}$|^github_pat_[A-Za-z0-9_]{40,}$/, 'a GitHub token'],
  [/^sk-[A-Za-z0-9_-]{20,}$/, 'an API secret key (sk-…)'],
  [/^xox[abprs]-[A-Za-z0-9-]{10,}$/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
];

/** The words of a name: `HF_TOKEN` → [hf, token], `adminPassword` → [admin, password]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when a key or variable name says its value is a credential. */
export function isCredentialName(name: string): boolean {
  const w = words(name);
  const joined = ` ${w.join(' ')} `;
  if (w.some((x) => REFERENCE_WORDS.has(x)) || joined.includes(' key id ')) return false;
  return w.some((x) => CREDENTIAL_WORDS.has(x)) || CREDENTIAL_PAIRS.some((pair) => joined.includes(` ${pair} `));
}

/** True for a value that is a reference to a secret or a value known only at apply, not a literal. */
function isReference(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'true' || v === 'false' || CDKTF_TOKEN.test(v) || /^\$\{[^}]+\}$/.test(v)) return true;
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v) || /^\{\{.*\}\}$/s.test(v)) return true;
  return /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(v);
}

/** Why the literal `value` of `name` is a credential, or undefined. */
export function credentialProblem(name: string, value: string): string | undefined {
  if (isReference(value)) return undefined;
  if (isCredentialName(name)) return `its name says it is a credential`;
  const shape = TOKEN_SHAPES.find(([pattern]) => pattern.test(value.trim()));
  if (shape) return `it has the shape of ${shape[1]}`;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value) && !/:\/\/[^/\s:@]+:\$\([A-Za-z_][A-Za-z0-9_]*\)@/.test(value)) return 'it is a URL with a password';
  const field = credentialField(value);
  if (field) return `it is JSON with a credential field "${field}"`;
  return undefined;
}

/** The first field of a JSON object value whose name says it is a credential with a literal value. */
function credentialField(value: string): string | undefined {
  if (!/^\s*[{[]/.test(value)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const walk = (node: unknown): string | undefined => {
    if (Array.isArray(node)) return node.map(walk).find((f) => f !== undefined);
    if (node === null || typeof node !== 'object') return undefined;
    for (const [key, inner] of Object.entries(node)) {
      if (typeof inner === 'string' && isCredentialName(key) && !isReference(inner)) return key;
      const nested = walk(inner);
      if (nested) return nested;
    }
    return undefined;
  };
  return walk(parsed);
}

