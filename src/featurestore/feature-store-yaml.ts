/**
 * `feature_store.yaml`, generated from typed inputs and validated (zod) before it is synthesized.
 *
 * The document never contains the Redis AUTH token: the connection string ends with
 * `password=$FEAST_REDIS_PASSWORD`, which Feast 0.66 expands from the environment when it loads
 * the file (`load_repo_config` runs `os.path.expandvars` on the text; the
 * `FEATURE_STORE_YAML_BASE64` path writes the decoded text to a file and loads it the same way).
 * The containers get the variable from the synced Kubernetes Secret (`secretKeyRef`).
 *
 * Redis connection string format (feast `RedisOnlineStore._parse_connection_string`):
 * `host:port,key=value,…`; values are JSON-decoded, so `ssl=true` turns TLS on (redis-py then
 * verifies the server certificate against the system CA bundle). The generated token is letters
 * and digits only, so it needs no escaping in the string or the YAML.
 */
import { z } from 'zod';
import { stringify } from 'yaml';
import { validateValue } from '../core/validation';
import { ENTITY_KEY_SERIALIZATION_VERSION, FEAST_ENV } from './constants';
import { Schemas } from '../core/schemas';

/** What the document is built from (attributes may be Terraform tokens). */
export interface FeatureStoreYamlInputs {
  /** Feast project. */
  readonly project: string;
  /** `s3://<bucket>/<project>/registry.db`. */
  readonly registryPath: string;
  /** Registry cache TTL in seconds. */
  readonly registryCacheTtlSeconds: number;
  /** Primary endpoint of the Redis replication group. */
  readonly redisHost: string;
  /** Port of the Redis replication group. */
  readonly redisPort: number;
  /** Feast `key_ttl_seconds`. @default - none */
  readonly keyTtlSeconds?: number;
}

/** The `feature_store.yaml` document the library generates (Feast `RepoConfig` keys). */
export interface FeatureStoreDocument {
  readonly project: string;
  readonly provider: 'aws';
  readonly registry: {
    readonly registry_type: 'file';
    readonly path: string;
    readonly cache_ttl_seconds: number;
  };
  readonly online_store: {
    readonly type: 'redis';
    readonly redis_type: 'redis';
    readonly connection_string: string;
    readonly key_ttl_seconds?: number;
  };
  readonly offline_store: { readonly type: 'file' };
  readonly entity_key_serialization_version: number;
}

/**
 * The env var reference the connection string carries instead of the token: `$FEAST_REDIS_PASSWORD`.
 * `os.path.expandvars` expands both `$NAME` and `${NAME}`; the brace form is avoided because
 * `${…}` is Terraform's interpolation syntax (it would need `$${…}` escaping inside the
 * `base64encode(…)` expression, which cdktf's function rendering does not support reliably).
 * The reference ends the string, so no following character can extend the name.
 */
export const REDIS_PASSWORD_REFERENCE = `$${FEAST_ENV.redisPassword}`;

/** `host:port,ssl=true,password=$FEAST_REDIS_PASSWORD`. */
export function redisConnectionString(host: string, port: number): string {
  return `${host}:${port},ssl=true,password=${REDIS_PASSWORD_REFERENCE}`;
}

/** Builds the document (not yet validated). */
export function featureStoreDocument(inputs: FeatureStoreYamlInputs): FeatureStoreDocument {
  return {
    project: inputs.project,
    provider: 'aws',
    registry: { registry_type: 'file', path: inputs.registryPath, cache_ttl_seconds: inputs.registryCacheTtlSeconds },
    online_store: {
      type: 'redis',
      redis_type: 'redis',
      connection_string: redisConnectionString(inputs.redisHost, inputs.redisPort),
      ...(inputs.keyTtlSeconds !== undefined ? { key_ttl_seconds: inputs.keyTtlSeconds } : {}),
    },
    offline_store: { type: 'file' },
    entity_key_serialization_version: ENTITY_KEY_SERIALIZATION_VERSION,
  };
}

/** `s` with every `${…}` (Terraform token placeholders) replaced by `x`. */
function withoutReferences(s: string): string {
  return s.replace(/\$\{[^}]*\}/g, 'x');
}

/** Zod schema of the generated document: only keys Feast 0.66 knows, values of the right shape. */
export const featureStoreDocumentSchema = Schemas.object({
    project: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'is not a Feast project name; use letters, digits, "_" and "-"' }),
    provider: z.literal('aws', { message: 'must be "aws"' }),
    registry: Schemas.object({
        registry_type: z.literal('file', { message: 'must be "file" (the S3 file registry)' }),
        path: z.string().refine((s) => /^s3:\/\/[^/]+\/.+\.db$/.test(withoutReferences(s)), { message: 'is not an s3://<bucket>/<key>.db registry path' }),
        cache_ttl_seconds: z.number().int().min(0, { message: 'must be 0 or more seconds' }),
      }),
    online_store: Schemas.object({
        type: z.literal('redis', { message: 'is not a supported online store type; use "redis"' }),
        redis_type: z.literal('redis', { message: 'must be "redis" (a replication group without cluster mode)' }),
        connection_string: z
          .string()
          .refine((s) => /^[^,$]+:\d+(,[a-z_]+=[^,]+)*$/.test(withoutReferences(s)), { message: 'is not a Feast Redis connection string "host:port,key=value,…"' })
          .refine((s) => s.split(',').includes('ssl=true'), { message: 'does not turn TLS on; the online store requires in-transit encryption (ssl=true)' })
          .refine((s) => s.endsWith(`,password=${REDIS_PASSWORD_REFERENCE}`), {
            message: `must take the password from the environment (password=${REDIS_PASSWORD_REFERENCE}), never a literal`,
          }),
        key_ttl_seconds: z.number().int().positive().optional(),
      }),
    offline_store: Schemas.object({ type: z.literal('file', { message: 'must be "file"' }) }),
    entity_key_serialization_version: z.literal(ENTITY_KEY_SERIALIZATION_VERSION, {
      message: `must be ${ENTITY_KEY_SERIALIZATION_VERSION}, the current version in Feast 0.66 (lower ones are deprecated)`,
    }),
  });

/**
 * Validates `doc` and throws a ValidationError (`label` in place of a construct path) for
 * every problem. Unlike `validateProps`, strings holding Terraform tokens are checked too: the
 * checks see a token as an opaque word, so `host:6379` with an unresolved host still must carry
 * `ssl=true` and the password reference.
 */
export function validateFeatureStoreDocument(label: string, doc: FeatureStoreDocument): void {
  validateValue(label, featureStoreDocumentSchema, doc);
}

/**
 * Validates `doc` and returns its YAML text (keys in Feast's usual order). Terraform tokens inside
 * stay tokens (resolved where the text is used, e.g. inside `Fn.base64encode`).
 */
export function renderFeatureStoreYaml(label: string, doc: FeatureStoreDocument): string {
  validateFeatureStoreDocument(label, doc);
  // Single quotes where YAML must quote (a project named "0"): Terraform's base64encode() argument
  // may not hold unescaped double quotes.
  return stringify(doc, { lineWidth: 0, singleQuote: true });
}
