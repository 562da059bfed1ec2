/**
 * Least-privilege IAM statements on S3 key prefixes: list only under the prefixes, object actions
 * only on `<prefix>/*`, and — for SSE-KMS buckets — the key only through S3 (`kms:ViaService`) and
 * only for that bucket (`kms:EncryptionContext:aws:s3:arn`, the context S3 uses with a Bucket Key).
 */
import { PolicyStatement } from './iam';

/** Read, or read and write (put, delete, abort uploads), under the prefixes. */
export type S3PrefixAccessLevel = 'read' | 'read-write';

/** Options of {@link s3PrefixStatements}. */
export interface S3PrefixAccess {
  /** ARN of the bucket (may be a Terraform reference). */
  readonly bucketArn: string;
  /** Key prefixes without leading or trailing slash (literal). */
  readonly prefixes: readonly string[];
  readonly access: S3PrefixAccessLevel;
  /** Customer managed KMS key of the bucket. @default - none (SSE-S3 or `aws/s3`) */
  readonly kmsKeyArn?: string;
  /** Region of the bucket (the `kms:ViaService` condition); required with `kmsKeyArn`. */
  readonly region?: string;
  /** Prefix of the statement ids, e.g. `Artifacts`. */
  readonly sid: string;
}

/** Object actions of each access level. */
export const S3_PREFIX_ACTIONS: Readonly<Record<S3PrefixAccessLevel, readonly string[]>> = {
  read: ['s3:GetObject'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
};

/** A key prefix as {@link s3PrefixStatements} takes it: `models/hub/` → `models/hub`. */
export function withoutSlash(prefix: string): string {
  return prefix.replace(/\/+$/, '');
}

/** The statements of one grant. */
export function s3PrefixStatements(a: S3PrefixAccess): PolicyStatement[] {
  const prefixes = [...a.prefixes];
  const statements: PolicyStatement[] = [
    { Sid: `${a.sid}List`, Effect: 'Allow', Action: 's3:ListBucket', Resource: a.bucketArn, Condition: { StringLike: { 's3:prefix': prefixes.flatMap((p) => [p, `${p}/*`]) } } },
    { Sid: `${a.sid}Objects`, Effect: 'Allow', Action: [...S3_PREFIX_ACTIONS[a.access]], Resource: prefixes.map((p) => `${a.bucketArn}/${p}/*`) },
  ];
  if (a.kmsKeyArn) {
    if (!a.region) throw new Error(`s3PrefixStatements(${a.sid}): a KMS key needs the bucket's region for kms:ViaService`);
    statements.push({
      Sid: `${a.sid}Key`,
      Effect: 'Allow',
      Action: a.access === 'read' ? 'kms:Decrypt' : ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: a.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${a.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': a.bucketArn } },
    });
  }
  return statements;
}
