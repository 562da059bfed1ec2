/**
 * `VectorDatabaseBucket` (cloud layer): the hardened S3 bucket of one vector database — snapshots for
 * Qdrant and Weaviate, the object storage itself for Milvus.
 *
 * Hardened like every bucket of the library: public access blocked, bucket-owner-enforced
 * ownership (no ACLs), default encryption (SSE-S3, or SSE-KMS with a given key), versioning, a
 * TLS-only bucket policy, `prevent_destroy`, no `force_destroy`. Lifecycle: incomplete multipart
 * uploads are aborted after 7 days, noncurrent versions expire after the retention period, and —
 * for snapshot buckets only — current objects expire after it too (never for Milvus' live data).
 *
 * Interim: written here because the shared `SecureBucket` (src/core/secure-bucket.ts) was not
 * available when this component was built; switch to it when it lands (the logical id of the bucket
 * `…/backup-bucket/bucket` is pinned by the tests, so keep it or plan a `terraform state mv`).
 */
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { denyInsecureTransport, policyDocument, policyJson } from '../core/iam';

/** Days after which incomplete multipart uploads are aborted. */
export const VECTOR_DB_ABORT_UPLOAD_DAYS = 7;

/** Props of {@link VectorDatabaseBucket}. */
export interface VectorDatabaseBucketProps {
  /** `bucket_prefix` (Terraform adds a unique suffix). */
  readonly bucketPrefix: string;
  /** Days noncurrent versions (and, with `expireCurrentObjects`, current objects) are kept. */
  readonly retentionDays: number;
  /** Expire current objects after `retentionDays` (snapshot buckets, not live data). */
  readonly expireCurrentObjects: boolean;
  /**
   * Customer managed KMS key for default encryption.
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
}

/** A hardened, versioned, TLS-only S3 bucket with retention. */
export class VectorDatabaseBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** Customer managed key of the bucket, if any. */
  public readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: VectorDatabaseBucketProps) {
    super(scope, id);
    this.kmsKeyArn = props.kmsKeyArn;
    this.bucket = new S3Bucket(this, 'bucket', { bucketPrefix: props.bucketPrefix, forceDestroy: false, lifecycle: { preventDestroy: true } });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: props.kmsKeyArn ? true : undefined,
        },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyJson(policyDocument(denyInsecureTransport([this.bucketArn, `${this.bucketArn}/*`], 's3:*'))),
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: VECTOR_DB_ABORT_UPLOAD_DAYS }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.retentionDays }],
          ...(props.expireCurrentObjects ? { expiration: [{ days: props.retentionDays }] } : {}),
        },
      ],
      dependsOn: [versioning],
    });
  }
}
