/**
 * Resource names that respect AWS and Kubernetes limits. A name that fits is returned unchanged; a
 * name that does not is cut and given a short deterministic hash of the full name, so two long names
 * never collide and the same input always gives the same name.
 */
import { createHash } from 'crypto';
import { Token } from 'cdktf';

/** Length limits of the names the library creates. */
export const NAME_LIMITS = {
  iamRole: 64,
  /** `name_prefix`/`bucket_prefix` leave room for Terraform's 26-character unique suffix. */
  s3BucketPrefix: 37,
  s3Bucket: 63,
  rdsIdentifier: 63,
  elasticacheReplicationGroup: 40,
  eksCluster: 100,
  kubernetes: 63,
  sqsQueue: 80,
  eventRule: 64,
  logGroup: 512,
  kmsAlias: 256,
  securityGroup: 255,
} as const;

/** Eight hex characters of SHA-256 of `text`. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** Cuts `name` to `max` characters, ending it with `-<hash>` when it had to be cut. */
export function fitName(name: string, max: number, separator = '-'): string {
  if (name.length <= max) return name;
  const hash = shortHash(name);
  let head = name.slice(0, max - hash.length - separator.length);
  head = head.replace(/[-_.]+$/, '');
  return `${head}${separator}${hash}`;
}

/** Joins parts with `-`, dropping empty parts. */
export function joinName(...parts: ReadonlyArray<string | undefined>): string {
  const token = parts.find((p) => p !== undefined && Token.isUnresolved(p));
  if (token !== undefined) {
    // A name cut or cleaned from a token's placeholder text would change on every synth.
    throw new Error(`naming: cannot derive a resource name from an unresolved Terraform value (${token}); pass the literal name`);
  }
  return parts.filter((p): p is string => !!p && p.length > 0).join('-');
}

/** An IAM role (or policy) name: `[\w+=,.@-]`, ≤ 64 characters. */
export function iamRoleName(...parts: ReadonlyArray<string | undefined>): string {
  return fitName(joinName(...parts).replace(/[^\w+=,.@-]/g, '-'), NAME_LIMITS.iamRole);
}

/** Lowercase letters, digits and single hyphens; starts with a letter; no trailing hyphen. */
function lowerHyphen(text: string): string {
  let out = text.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-');
  out = out.replace(/^[^a-z]+/, '').replace(/-+$/, '');
  return out;
}

/** An S3 `bucket_prefix` (≤ 37 characters, lowercase, ends with `-`) so Terraform adds a unique suffix. */
export function s3BucketPrefix(...parts: ReadonlyArray<string | undefined>): string {
  const base = fitName(lowerHyphen(joinName(...parts)), NAME_LIMITS.s3BucketPrefix - 1);
  return `${base.replace(/-+$/, '')}-`;
}

/** An RDS DB identifier: letter first, letters/digits/hyphens, no `--`, no trailing hyphen, ≤ 63. */
export function rdsIdentifier(...parts: ReadonlyArray<string | undefined>): string {
  return lowerHyphen(fitName(lowerHyphen(joinName(...parts)), NAME_LIMITS.rdsIdentifier));
}

/** An ElastiCache replication group id: like RDS identifiers, ≤ 40 characters. */
export function elasticacheId(...parts: ReadonlyArray<string | undefined>): string {
  return lowerHyphen(fitName(lowerHyphen(joinName(...parts)), NAME_LIMITS.elasticacheReplicationGroup));
}

/** A Kubernetes object name (DNS-1123 label, ≤ 63). */
export function k8sName(...parts: ReadonlyArray<string | undefined>): string {
  const name = lowerHyphen(joinName(...parts));
  return fitName(name, NAME_LIMITS.kubernetes);
}

/** Any AWS name with a plain length limit (queues, rules, security groups). */
export function awsName(max: number, ...parts: ReadonlyArray<string | undefined>): string {
  return fitName(joinName(...parts).replace(/[^A-Za-z0-9_.-]/g, '-'), max);
}
