/**
 * The per-bucket settings resources `SecureBucket` declares next to each `aws_s3_bucket` (public
 * access block, ownership, encryption, versioning, policy, lifecycle), typed and synthesized like
 * their provider bindings without loading them (~0.5 MiB of JavaScript together; see
 * {@link ProviderResource}). Kept in one file: each is only its Terraform type and config type.
 */
import { Construct } from 'constructs';
import type { S3BucketLifecycleConfigurationConfig } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { S3BucketOwnershipControlsConfig } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import type { S3BucketPolicyConfig } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketPublicAccessBlockConfig } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { S3BucketServerSideEncryptionConfigurationAConfig } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import type { S3BucketVersioningAConfig } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { AwsResource } from './aws-resource';

/** An `aws_s3_bucket_public_access_block` resource (the binding's `S3BucketPublicAccessBlock`). */
export class AwsS3BucketPublicAccessBlock extends AwsResource<S3BucketPublicAccessBlockConfig> {
  constructor(scope: Construct, id: string, config: S3BucketPublicAccessBlockConfig) {
    super(scope, id, 'aws_s3_bucket_public_access_block', [], config);
  }
}

/** An `aws_s3_bucket_ownership_controls` resource (the binding's `S3BucketOwnershipControls`). */
export class AwsS3BucketOwnershipControls extends AwsResource<S3BucketOwnershipControlsConfig> {
  constructor(scope: Construct, id: string, config: S3BucketOwnershipControlsConfig) {
    super(scope, id, 'aws_s3_bucket_ownership_controls', [], config);
  }
}

/** An `aws_s3_bucket_server_side_encryption_configuration` resource (the binding's `S3BucketServerSideEncryptionConfigurationA`). */
export class AwsS3BucketServerSideEncryptionConfiguration extends AwsResource<S3BucketServerSideEncryptionConfigurationAConfig> {
  constructor(scope: Construct, id: string, config: S3BucketServerSideEncryptionConfigurationAConfig) {
    super(scope, id, 'aws_s3_bucket_server_side_encryption_configuration', [], config);
  }
}

/** An `aws_s3_bucket_versioning` resource (the binding's `S3BucketVersioningA`). */
export class AwsS3BucketVersioning extends AwsResource<S3BucketVersioningAConfig> {
  constructor(scope: Construct, id: string, config: S3BucketVersioningAConfig) {
    super(scope, id, 'aws_s3_bucket_versioning', [], config);
  }
}

/** An `aws_s3_bucket_policy` resource (the binding's `S3BucketPolicy`). */
export class AwsS3BucketPolicy extends AwsResource<S3BucketPolicyConfig> {
  constructor(scope: Construct, id: string, config: S3BucketPolicyConfig) {
    super(scope, id, 'aws_s3_bucket_policy', [], config);
  }
}

/** An `aws_s3_bucket_lifecycle_configuration` resource (the binding's `S3BucketLifecycleConfiguration`). */
export class AwsS3BucketLifecycleConfiguration extends AwsResource<S3BucketLifecycleConfigurationConfig> {
  constructor(scope: Construct, id: string, config: S3BucketLifecycleConfigurationConfig) {
    super(scope, id, 'aws_s3_bucket_lifecycle_configuration', ['tags'], config);
  }
}
