/**
 * IAM policies on the MLflow artifact bucket: the server's (read/write/delete under the artifact
 * prefix, nothing else) and a read-only set of statements for model servers (KServe storage
 * initializer) that download registered models' files.
 *
 * With an S3 Bucket Key, S3 asks KMS for data keys with the encryption context
 * `aws:s3:arn = <bucket ARN>`; the KMS statements are limited to that context and to calls made
 * through S3 (`kms:ViaService`).
 */
import { policyDocument, PolicyDocument, PolicyStatement } from '../core/iam';

/** Object actions of the server under the artifact prefix. */
export const MLFLOW_SERVER_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] as const;

/** Where the artifacts are. */
export interface ArtifactLocation {
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** Key prefix of the artifacts (no leading or trailing slash). */
  readonly prefix: string;
  /** Customer managed KMS key of the bucket. */
  readonly kmsKeyArn: string;
  /** Region of the bucket (the `kms:ViaService` condition). */
  readonly region: string;
}

function listStatement(sid: string, location: ArtifactLocation, prefix: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: location.bucketArn,
    Condition: { StringLike: { 's3:prefix': [prefix, `${prefix}/*`] } },
  };
}

function kmsStatement(sid: string, location: ArtifactLocation, actions: readonly string[]): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: actions.length === 1 ? actions[0] : [...actions],
    Resource: location.kmsKeyArn,
    Condition: {
      StringEquals: {
        'kms:ViaService': `s3.${location.region}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': location.bucketArn,
      },
    },
  };
}

/** The tracking server's policy: list, read, write and delete under the artifact prefix only. */
export function mlflowServerPolicy(location: ArtifactLocation): PolicyDocument {
  return policyDocument(
    listStatement('ListArtifactPrefix', location, location.prefix),
    { Sid: 'ReadWriteArtifacts', Effect: 'Allow', Action: [...MLFLOW_SERVER_OBJECT_ACTIONS], Resource: `${location.bucketArn}/${location.prefix}/*` },
    kmsStatement('ArtifactBucketKey', location, ['kms:Decrypt', 'kms:GenerateDataKey']),
  );
}

/**
 * Read-only access to artifacts under `<prefix>/<subPrefix>` (default: all artifacts), for the
 * Pod Identity role of a model server that loads registered models straight from S3.
 */
export function artifactReadStatements(location: ArtifactLocation, subPrefix?: string): PolicyStatement[] {
  const prefix = subPrefix ? `${location.prefix}/${subPrefix}` : location.prefix;
  return [
    listStatement('ListMlflowModels', location, prefix),
    { Sid: 'ReadMlflowModels', Effect: 'Allow', Action: 's3:GetObject', Resource: `${location.bucketArn}/${prefix}/*` },
    kmsStatement('DecryptMlflowModels', location, ['kms:Decrypt']),
  ];
}
