/**
 * `s3PrefixStatements`: the IAM statements of a principal that works under some key prefixes of one
 * bucket and nothing else — `s3:ListBucket` limited by `s3:prefix`, object actions on `<prefix>*`
 * only, and (for an SSE-KMS bucket) the KMS actions limited to calls S3 makes for that bucket
 * (`kms:ViaService`, and the bucket-key encryption context `aws:s3:arn`).
 */
import { PolicyStatement } from './iam';

/** How much a principal may do under its prefixes. */
export type S3PrefixAccessLevel = 'read' | 'write' | 'read-write' | 'read-write-delete';

/** Object actions per level. */
export const S3_PREFIX_ACTIONS: Readonly<Record<S3PrefixAccessLevel, readonly string[]>> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  'read-write-delete': ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
};

/** Where and what. */
export interface S3PrefixAccess {
  /** Prefix of the statement ids, e.g. `Events`. */
  readonly sid: string;
  /** ARN of the bucket (may be a Terraform reference). */
  readonly bucketArn: string;
  /** Key prefixes, each ending with `/` (literals). */
  readonly prefixes: readonly string[];
  readonly level: S3PrefixAccessLevel;
  /** Region of the bucket (the `kms:ViaService` condition). */
  readonly region: string;
  /** Customer managed KMS key of the bucket. @default - none (SSE-S3 or aws/s3) */
  readonly kmsKeyArn?: string;
}

/** The statements of one bucket's prefixes. */
export function s3PrefixStatements(access: S3PrefixAccess): PolicyStatement[] {
  const prefixes = [...new Set(access.prefixes)].sort();
  for (const p of prefixes) {
    if (!p.endsWith('/') || p.startsWith('/')) throw new Error(`s3PrefixStatements: prefix "${p}" must end with "/" and not start with "/"`);
  }
  const actions = S3_PREFIX_ACTIONS[access.level];
  const kmsActions = access.level === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'];
  return [
    { Sid: `${access.sid}List`, Effect: 'Allow', Action: 's3:ListBucket', Resource: access.bucketArn, Condition: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } } },
    { Sid: `${access.sid}Objects`, Effect: 'Allow', Action: [...actions], Resource: prefixes.map((p) => `${access.bucketArn}/${p}*`) },
    ...(access.kmsKeyArn
      ? [
          {
            Sid: `${access.sid}BucketKey`,
            Effect: 'Allow' as const,
            Action: kmsActions.length === 1 ? kmsActions[0] : kmsActions,
            Resource: access.kmsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `s3.${access.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': access.bucketArn } },
          },
        ]
      : []),
  ];
}
