/**
 * `AwsS3Bucket`: an S3 bucket as the `aws_s3_bucket` resource, typed and synthesized like the
 * provider binding's `S3Bucket` without loading it (0.55 MiB of JavaScript) or building its ~14
 * attribute-reference objects (see {@link ProviderResource}). `SecureBucket` creates one per bucket.
 */
import { Construct } from 'constructs';
import type { S3BucketConfig } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsResource } from './aws-resource';

/** An `aws_s3_bucket` resource. */
export class AwsS3Bucket extends AwsResource<S3BucketConfig> {
  constructor(scope: Construct, id: string, config: S3BucketConfig) {
    super(scope, id, 'aws_s3_bucket', ['tags', 'tags_all'], config);
  }

  /** The bucket's name (a reference: a `bucketPrefix` bucket's name is chosen by AWS). */
  public get bucket(): string {
    return this.getStringAttribute('bucket');
  }

  /** The bucket's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }
}
