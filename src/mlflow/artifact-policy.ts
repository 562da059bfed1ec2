/**
 * IAM access to the MLflow artifact bucket: the server reads, writes and deletes under the artifact
 * prefix (`SecureBucket.grantReadWrite`, in MlflowCloud), and model servers (KServe storage
 * initializer) that download registered models' files get read-only statements from here.
 *
 * With an S3 Bucket Key, S3 asks KMS for data keys with the encryption context
 * `aws:s3:arn = <bucket ARN>`; the KMS statements are limited to that context and to calls made
 * through S3 (`kms:ViaService`) — built by src/core/s3-access.ts like every S3 grant of the library.
 */
import { PolicyStatement } from '../core/iam';
import { s3AccessStatements } from '../core/s3-access';

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

/**
 * Read-only access to artifacts under `<prefix>/<subPrefix>` (default: all artifacts), for the
 * Pod Identity role of a model server that loads registered models straight from S3.
 */
export function artifactReadStatements(location: ArtifactLocation, subPrefix?: string): PolicyStatement[] {
  const prefix = subPrefix ? `${location.prefix}/${subPrefix}` : location.prefix;
  return s3AccessStatements({ bucketArn: location.bucketArn, region: location.region, kmsKeyArn: location.kmsKeyArn, bucketKey: true }, 'read', { prefixes: [prefix], sid: 'MlflowModels' });
}
