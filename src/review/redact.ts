/**
 * Secret redaction. The attribute diff replaces secret values with {@link REDACTED} when it builds
 * a change, so no output (Markdown, `--json`, danger messages) can print them. A value is secret
 * when
 * - a key on its path names a secret (password, token, secret, private key, API key,
 *   credentials, …), at any depth — also inside an object that appears or disappears as a whole;
 * - it is the `value` of an env-style pair whose `name` (or `key`) names a secret
 *   (`{name: DB_PASSWORD, value: …}`: Kubernetes env, Helm `set` blocks);
 * - it is `data`/`stringData` of an object of `kind: Secret` (manifests, Helm `extraObjects`);
 * - the resource type keeps secrets in a known attribute (Kubernetes Secret data, Helm
 *   `set_sensitive`, Secrets Manager secret strings) or the attribute is write-only (`*_wo`).
 * At a secret path only a pure reference (`${random_password.p.result}`) or a run-time placeholder
 * (`$DB_PASSWORD`, `{{ .password }}`) stays visible: any other expression may carry a literal
 * (`${"hunter2"}`, `${jsonencode({password = "x"})}`).
 * At other paths a string is still redacted when it visibly embeds a secret: a `password = "…"`
 * inside an expression, a `password: …` line in a multi-line document, `password=…` in a
 * connection string, or a password in a URL (`postgres://user:pw@host`).
 */
import { interpolations } from '../synth/expressions';

/** What a redacted value is shown as. */
export const REDACTED = '(redacted)';

/** Words that make a path segment secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey', 'accesskey']);

/** Two-word secrets (`private_key`, `api-key`, `accessKey`). */
const SECRET_PAIRS = new Set(['private key', 'api key', 'access key', 'secret key', 'auth token', 'client secret']);

/** Last words that make a segment a reference to a secret rather than the secret (`secret_arn`, `password_length`). */
const NON_SECRET_LAST_WORDS = new Set(['arn', 'arns', 'name', 'names', 'ref', 'id', 'ids', 'namespace', 'path', 'enabled', 'mode', 'strategy', 'type', 'policy', 'version', 'versions', 'rotation', 'length', 'ttl', 'file', 'store', 'selector', 'template', 'manager', 'provider', 'validity', 'expiry', 'revision']);

/** Attributes of resource types that hold secret values whatever their names. */
export const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  kubernetes_secret: ['data', 'binary_data', 'string_data', 'data_wo', 'binary_data_wo'],
  kubernetes_secret_v1: ['data', 'binary_data', 'string_data', 'data_wo', 'binary_data_wo'],
  helm_release: ['set_sensitive', 'set_wo'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary', 'secret_string_wo'],
  aws_ssm_parameter: ['value', 'insecure_value', 'value_wo'],
  aws_kms_ciphertext: ['plaintext', 'plaintext_wo'],
};

/** Keys of a `kind: Secret` object that hold its values. */
const SECRET_KIND_KEYS = new Set(['data', 'stringData', 'binaryData', 'string_data', 'binary_data']);

/** Write-only attributes (`password_wo`, `data_wo`) exist for secrets. */
const WRITE_ONLY = /_wo$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function words(segment: string): string[] {
  return segment
    .replace(/\[\d+\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Segments that name where a secret is kept, not the secret (`passwordKey: admin-password`). */
const NON_SECRET_SEGMENTS = new Set(['password key', 'username key', 'user key']);

/**
 * True when a path segment (attribute or values key, env var name) names a secret. Segments that
 * refer to a secret kept elsewhere are not secret: `secret_arn`, `password_length`,
 * `existingSecret` (a Kubernetes Secret to use), `passwordKey` (the key in it).
 */
export function isSecretSegment(segment: string): boolean {
  const w = words(segment);
  if (w.length === 0) return false;
  const last = w[w.length - 1];
  if (w.length > 1 && (NON_SECRET_LAST_WORDS.has(last) || w[0] === 'existing' || NON_SECRET_SEGMENTS.has(w.join(' ')))) return false;
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

/**
 * True when values at `path` of a `type` resource are secrets, judged from the path alone (the
 * diff also looks at sibling keys and `kind: Secret`, see {@link isSecretChild}).
 */
export function isSecretPath(type: string, path: string): boolean {
  const plain = path.replace(/\[\d+\]/g, '');
  const top = plain.split('.')[0];
  if ((SECRET_ATTRIBUTES[type] ?? []).includes(top) || WRITE_ONLY.test(top)) return true;
  return pathSegments(path).some(isSecretSegment);
}

const REFERENCE_ONLY = /^\$\{[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*\}$/;

/**
 * True when the whole value is one reference and nothing else: `${aws_x.y.z}`,
 * `${data.terraform_remote_state.r.outputs.o}`, `${var.x}`, `${aws_x.y[0].z}`. Function calls,
 * string keys and literals (`${"hunter2"}`, `${jsonencode({…})}`) are not.
 */
export function isPureReference(value: unknown): boolean {
  return typeof value === 'string' && REFERENCE_ONLY.test(value);
}

/** True when `value` at `path` must be hidden: anything but a pure reference at a secret path. */
export function mustRedact(type: string, path: string, value: unknown): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return false;
  if (isPureReference(value)) return false;
  return isSecretPath(type, path);
}

function secretName(v: unknown): boolean {
  return typeof v === 'string' && isSecretSegment(v);
}

/**
 * True when child `key` of an object holds a secret. `parents` are the object(s) that contain it
 * (base and head in a diff), so env-style pairs and `kind: Secret` objects are recognised;
 * `atRoot` marks the resource's own attributes (known secret attributes, `*_wo`).
 */
export function isSecretChild(type: string, atRoot: boolean, key: string, parents: readonly unknown[]): boolean {
  if (atRoot && ((SECRET_ATTRIBUTES[type] ?? []).includes(key) || WRITE_ONLY.test(key))) return true;
  if (isSecretSegment(key)) return true;
  return parents.some(
    (p) => isObject(p) && ((key === 'value' && (secretName(p.name) || secretName(p.key))) || (SECRET_KIND_KEYS.has(key) && p.kind === 'Secret')),
  );
}

/**
 * True for a placeholder that is filled in at run time from somewhere else: an environment
 * variable (`$FEAST_REDIS_PASSWORD`, `${DB_PASSWORD}`) or a Go template on a field
 * (`{{ .password | urlquery }}`, External Secrets and Helm templates). A template that starts with
 * a literal (`{{ "x" }}`) or passes a longer quoted string down its pipeline is not one.
 */
export function isPlaceholder(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})$/.test(value)) return true;
  // pipeline arguments may be short quoted strings (`replace "%" "%%"`), never a literal that could be a secret
  return /^\{\{-?\s*\.[\w.]*(?:\s*\|[^{}]*)?\s*-?\}\}$/.test(value) && !/"[^"]{4,}"|'[^']{4,}'|`/.test(value);
}

/** A value in a secret's place that is not the secret: empty, null, a pure reference or a placeholder. */
function harmless(text: string): boolean {
  const t = text.trim().replace(/^["']|["']$/g, '');
  return t === '' || t === 'null' || t === '~' || isPureReference(t) || isPlaceholder(t);
}

const HCL_ASSIGNMENT = /(?:"([^"\\]+)"|\b([A-Za-z_][\w-]*))\s*[=:]\s*(?="|\d)/g;
const DOCUMENT_LINE = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*)$/;
const KEY_VALUE = /(?:^|[\s;,&?])([A-Za-z_][\w.-]*)=([^\s;,&]+)/g;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/@]+)@/gi;

/**
 * True when a string at a non-secret path visibly embeds a secret literal: a secret-named key
 * assigned a literal inside an interpolation, a secret-named line in a multi-line document (also
 * one written with `\n` escapes inside an expression), a secret-named `key=value` pair, or a URL
 * with a password.
 */
export function embedsSecret(text: string): boolean {
  if (text.includes('${')) {
    for (const expr of interpolations(text)) {
      for (const m of expr.matchAll(HCL_ASSIGNMENT)) if (isSecretSegment(m[1] ?? m[2])) return true;
    }
  }
  const doc = text.includes('${') ? text.replace(/\\n/g, '\n') : text;
  if (doc.includes('\n')) {
    for (const line of doc.split('\n')) {
      const m = DOCUMENT_LINE.exec(line);
      if (m && isSecretSegment(m[1]) && !harmless(m[2])) return true;
    }
  }
  for (const m of doc.matchAll(KEY_VALUE)) if (isSecretSegment(m[1]) && !harmless(m[2])) return true;
  for (const m of doc.matchAll(URL_PASSWORD)) if (!harmless(m[1])) return true;
  return false;
}

/**
 * `value` with its secrets replaced by {@link REDACTED}: all of it (but pure references) when
 * `secret`, else the secret parts found by key at any depth, in env-style pairs, in `kind: Secret`
 * objects and in strings that embed a secret. Returns `value` itself when nothing was replaced.
 */
export function redactValue(type: string, value: unknown, secret: boolean, atRoot = false): unknown {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => redactValue(type, v, secret));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (isObject(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = redactValue(type, v, secret || isSecretChild(type, atRoot, k, [value]));
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  if (secret) return isPureReference(value) || isPlaceholder(value) ? value : REDACTED;
  return typeof value === 'string' && embedsSecret(value) ? REDACTED : value;
}
