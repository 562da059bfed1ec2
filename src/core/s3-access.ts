/**
 * Least-privilege IAM statements for S3: list only under the key prefixes, object actions only on
 * `<prefix>/*`, and — for SSE-KMS buckets — the key only through S3 in the bucket's region. The one
 * builder behind `SecureBucket.grantRead`/`grantReadWrite` and every component's policy on buckets it
 * does not own (drift data, model buckets, MLflow artifacts read from another stack, pipeline data).
 *
 * The KMS condition is `StringEquals` on `kms:ViaService` = `s3.<region>.amazonaws.com`, the region
 * of the bucket: S3 calls KMS from the bucket's region, so the exact name is all S3 ever needs, and
 * it is what AWS documents for `kms:ViaService`. (`StringLike` on `s3.*.amazonaws.com`, which one
 * policy used, admits S3 in every region: wider than needed.) With an S3 Bucket Key (every
 * `SecureBucket` has one) S3 asks for data keys with the encryption context `aws:s3:arn` = the
 * bucket ARN, so the statement is also limited to that context.
 */
import { PolicyStatement } from './iam';

/** What a grant allows on the objects: read, or read and write (put, delete, abort uploads). */
export type S3PrefixAccessLevel = 'read' | 'read-write';

/** Object actions of each access level. */
export const S3_PREFIX_ACTIONS: Readonly<Record<S3PrefixAccessLevel, readonly string[]>> = {
  read: ['s3:GetObject'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
};

/** KMS actions S3 needs for each access level: Decrypt to read, GenerateDataKey to write. */
export const KMS_VIA_S3_ACTIONS: Readonly<Record<S3PrefixAccessLevel, readonly string[]>> = {
  read: ['kms:Decrypt'],
  'read-write': ['kms:Decrypt', 'kms:GenerateDataKey'],
};

/** A bucket to grant on. */
export interface S3AccessTarget {
  /** ARN of the bucket (may be a Terraform reference). */
  readonly bucketArn: string;
  /**
   * Region of the bucket: the `kms:ViaService` condition names S3 there.
   * @default - none; required with `kmsKeyArn`
   */
  readonly region?: string;
  /**
   * Customer managed key of the bucket's objects.
   * @default - none: objects are encrypted with SSE-S3 or the AWS managed key `aws/s3`, which need no IAM grant
   */
  readonly kmsKeyArn?: string;
  /**
   * True when the bucket uses an S3 Bucket Key: the KMS statement then also requires the encryption
   * context `aws:s3:arn` = the bucket ARN.
   * @default false
   */
  readonly bucketKey?: boolean;
}

/** Options of {@link s3AccessStatements}. */
export interface S3AccessOptions {
  /**
   * Key prefixes (no slash at either end): listing is limited to them, objects to `<prefix>/*`.
   * @default - the whole bucket
   */
  readonly prefixes?: readonly string[];
  /**
   * Start of the statements' `Sid`s: `<sid>List`, `<sid>Objects`, `<sid>Key`.
   * @default 'S3'
   */
  readonly sid?: string;
  /**
   * Bucket-level actions of the list statement.
   * @default ['s3:ListBucket']
   */
  readonly listActions?: readonly string[];
  /**
   * Object actions, instead of the access level's {@link S3_PREFIX_ACTIONS}.
   * @default S3_PREFIX_ACTIONS[access]
   */
  readonly objectActions?: readonly string[];
}

const one = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0] : [...values]);

/** A key prefix as {@link S3AccessOptions.prefixes} takes it: `models/hub/` → `models/hub`. */
export function withoutSlash(prefix: string): string {
  return prefix.replace(/\/+$/, '');
}

/** `kms:ViaService` value of S3 in `region`. */
export function s3ViaService(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/**
 * Use of `kmsKeyArns` by S3 in `region` only (and, given `bucketArn`, only for that bucket's Bucket
 * Key data keys).
 */
export function kmsViaS3Statement(sid: string, kmsKeyArns: string | readonly string[], region: string, access: S3PrefixAccessLevel, bucketArn?: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: one(KMS_VIA_S3_ACTIONS[access]),
    Resource: typeof kmsKeyArns === 'string' ? kmsKeyArns : [...kmsKeyArns],
    Condition: {
      StringEquals: {
        'kms:ViaService': s3ViaService(region),
        ...(bucketArn !== undefined ? { 'kms:EncryptionContext:aws:s3:arn': bucketArn } : {}),
      },
    },
  };
}

/**
 * Listing the bucket, limited to `prefixes` when given (each as the `s3:prefix` condition takes
 * it: `models/churn` and `models/churn/*` for a prefix directory).
 */
export function s3ListStatement(sid: string, bucketArn: string, prefixes?: readonly string[], actions: readonly string[] = ['s3:ListBucket']): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: one(actions),
    Resource: bucketArn,
    ...(prefixes && prefixes.length > 0 ? { Condition: { StringLike: { 's3:prefix': [...prefixes] } } } : {}),
  };
}

/** Listing under the prefixes, the objects under them, and the bucket's key through S3: `access` on prefixes of one bucket. */
export function s3AccessStatements(target: S3AccessTarget, access: S3PrefixAccessLevel, options: S3AccessOptions = {}): PolicyStatement[] {
  const sid = options.sid ?? 'S3';
  const prefixes = options.prefixes ?? [];
  const objects = prefixes.length === 0 ? [`${target.bucketArn}/*`] : prefixes.map((p) => `${target.bucketArn}/${p}/*`);
  const statements: PolicyStatement[] = [
    s3ListStatement(`${sid}List`, target.bucketArn, prefixes.flatMap((p) => [p, `${p}/*`]), options.listActions),
    { Sid: `${sid}Objects`, Effect: 'Allow', Action: one(options.objectActions ?? S3_PREFIX_ACTIONS[access]), Resource: one(objects) },
  ];
  if (target.kmsKeyArn) {
    if (!target.region) throw new Error(`s3AccessStatements: the region of ${target.bucketArn} is required with kmsKeyArn (the kms:ViaService condition names S3 there)`);
    statements.push(kmsViaS3Statement(`${sid}Key`, target.kmsKeyArn, target.region, access, target.bucketKey ? target.bucketArn : undefined));
  }
  return statements;
}
