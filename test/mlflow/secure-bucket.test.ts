import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecureBucket } from '../../src/core/secure-bucket';
import { addresses, cloudStack, onlyResource, platformStack, policy, synth, testApp } from '../helpers/synth';

describe('SecureBucket', () => {
  it('defaults: SSE-KMS with aws/s3, versioned, private, TLS-only, lifecycle, never destroyed', () => {
    const stack = cloudStack();
    const b = new SecureBucket(stack, 'data');
    const json = synth(stack);
    expect(addresses(json, 'aws_s3_bucket')).toEqual({ 'aws_s3_bucket.data_bucket_F0368B94': 'test-cloud/data/bucket' });
    const { '//': _m, ...bucket } = onlyResource(json, 'aws_s3_bucket');
    expect(bucket).toEqual({ bucket_prefix: 'test-dev-data-', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(policy(onlyResource(json, 'aws_s3_bucket_policy').policy).Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport']);
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0]).toEqual({
      id: 'expire-noncurrent-and-abort-uploads',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
    expect(b.objectsArn('a/b')).toMatch(/\/a\/b\/\*$/);
    expect(b.objectsArn()).toMatch(/\/\*$/);
  });

  it('takes a key, lifecycle days, current-object expiry and extra policy statements', () => {
    const stack = cloudStack();
    new SecureBucket(stack, 'snapshots', {
      bucketPrefix: 'my-snapshots-',
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k',
      noncurrentVersionDays: 30,
      abortIncompleteUploadDays: 2,
      expirationDays: 14,
      policyStatements: [{ Sid: 'Extra', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::x' }],
    });
    const json = synth(stack);
    expect(onlyResource(json, 'aws_s3_bucket').bucket_prefix).toBe('my-snapshots-');
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k',
    });
    const rule = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect([rule.noncurrent_version_expiration, rule.abort_incomplete_multipart_upload, rule.expiration]).toEqual([
      [{ noncurrent_days: 30 }],
      [{ days_after_initiation: 2 }],
      [{ days: 14 }],
    ]);
    expect(policy(onlyResource(json, 'aws_s3_bucket_policy').policy).Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'Extra']);
  });

  it('outside a library stack derives the prefix from the id', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new SecureBucket(stack, 'raw-data');
    expect(onlyResource(synth(stack), 'aws_s3_bucket').bucket_prefix).toBe('raw-data-');
  });

  it('validates its props and its layer', () => {
    expect(() => new SecureBucket(cloudStack(), 'b', { bucketPrefix: 'My_Bucket', noncurrentVersionDays: 0 })).toThrow(
      'test-cloud/b: bucketPrefix = "My_Bucket" is not an S3 bucket prefix; use lowercase letters, digits, "-" and ".", starting with a letter or digit (see s3BucketPrefix)\n' +
        'test-cloud/b: noncurrentVersionDays = 0 must be at least 1 day; give noncurrentVersionDays as a positive number of days',
    );
    expect(() => new SecureBucket(cloudStack(), 'b', { bucketPrefix: 'a'.repeat(38) })).toThrow(
      `test-cloud/b: bucketPrefix = "${'a'.repeat(38)}" is longer than 37 characters; shorten it (Terraform appends a 26-character suffix)`,
    );
    expect(() => new SecureBucket(platformStack(testApp()), 'b')).toThrow(
      'test-platform/b: SecureBucket belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
    );
  });
});
