import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VectorDatabaseCloud } from '../../src/vectordb/vector-database-cloud';
import { VectorDatabasePlatform } from '../../src/vectordb/vector-database-platform';
import { VectorDatabase } from '../../src/vectordb/vector-database';
import { addresses, cloudStack, onlyResource, platformStack, policy, resourceAt, testApp, workloadsStack } from '../helpers/synth';
import { BUCKET_KEY_STATEMENT, build, KMS, STORE } from './fixture';


describe('VectorDatabaseCloud', () => {
  const b = build({ engine: 'qdrant' });

  test('logical ids of the stateful resources are pinned', () => {
    expect(addresses(b.cloudJson, 'aws_s3_bucket', 'aws_secretsmanager_secret')).toEqual({
      'aws_s3_bucket.vectordb_backup-bucket_147E9466': 'test-cloud/vectordb/backup-bucket/bucket',
      'aws_secretsmanager_secret.vectordb_credentials_secret_DB57D7DA': 'test-cloud/vectordb/credentials/secret',
    });
  });

  test('the bucket is hardened and kept', () => {
    const bucket = onlyResource(b.cloudJson, 'aws_s3_bucket');
    expect([bucket.bucket_prefix, bucket.force_destroy, bucket.lifecycle]).toEqual(['qdrant-vectordb-', false, { prevent_destroy: true }]);
    const pab = onlyResource(b.cloudJson, 'aws_s3_bucket_public_access_block');
    expect([pab.block_public_acls, pab.block_public_policy, pab.ignore_public_acls, pab.restrict_public_buckets]).toEqual([true, true, true, true]);
    expect(onlyResource(b.cloudJson, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(onlyResource(b.cloudJson, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(b.cloudJson, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true }]);
    expect(policy(onlyResource(b.cloudJson, 'aws_s3_bucket_policy').policy).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}', '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('snapshots expire after the retention period; incomplete uploads are aborted', () => {
    expect(onlyResource(b.cloudJson, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      {
        id: 'expire-noncurrent-and-abort-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        expiration: [{ days: 30 }],
      },
    ]);
  });

  test('the credentials secret is granted to the External Secrets Operator only', () => {
    const statement = policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'eso-access/read-secrets').policy).Statement[0];
    expect(statement.Resource).toEqual(['${aws_secretsmanager_secret.vectordb_credentials_secret_DB57D7DA.arn}']);
    const secret = onlyResource(b.cloudJson, 'aws_secretsmanager_secret');
    expect([secret.recovery_window_in_days, secret.lifecycle]).toEqual([30, { prevent_destroy: true }]);
  });

  test('a customer managed key encrypts bucket and secret, and the role may use it through S3 only', () => {
    const kms = build({ engine: 'qdrant' }, { kmsKeyArn: KMS });
    expect(onlyResource(kms.cloudJson, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KMS }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(kms.cloudJson, 'aws_secretsmanager_secret').kms_key_id).toBe(KMS);
    // the key through S3 in the region, for this bucket's Bucket Key data keys only (SecureBucket.grantReadWrite)
    expect(policy(resourceAt(kms.cloudJson, 'aws_iam_role_policy', 'vectordb/server-role/policy').policy).Statement[3]).toEqual({
      ...BUCKET_KEY_STATEMENT,
      Sid: 'DataKey',
      Condition: { StringEquals: { ...BUCKET_KEY_STATEMENT.Condition.StringEquals, 'kms:EncryptionContext:aws:s3:arn': '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}' } },
    });
  });
});

describe('layers and wiring', () => {
  test('each half refuses the wrong layer', () => {
    const app = testApp();
    expect(() => new VectorDatabaseCloud(platformStack(app), 'db', { clusterName: 'c' })).toThrow(
      'test-platform/db: VectorDatabaseCloud belongs in the data or cloud layer but was created in platform stack "test-platform"',
    );
    const cloud = new VectorDatabaseCloud(cloudStack(app), 'db', { clusterName: 'c' });
    expect(() => new VectorDatabasePlatform(workloadsStack(app), 'db', { cloud })).toThrow(
      'test-workloads/db: VectorDatabasePlatform belongs in the platform layer but was created in workloads stack "test-workloads"',
    );
  });

  test('a platform half of another database is refused', () => {
    const app = testApp();
    const c = cloudStack(app);
    const p = platformStack(app);
    const cloudA = new VectorDatabaseCloud(c, 'a', { clusterName: 'c', name: 'a', namespace: 'a' });
    const cloudB = new VectorDatabaseCloud(c, 'b', { clusterName: 'c', name: 'b', namespace: 'b' });
    const platformB = new VectorDatabasePlatform(p, 'b', { cloud: cloudB });
    expect(() => new VectorDatabase(workloadsStack(app), 'a', { cloud: cloudA, platform: platformB, secretStore: STORE })).toThrow(
      'test-workloads/a: platform = "test-platform/b" belongs to another database than cloud (test-cloud/a); pass the VectorDatabasePlatform created from this cloud',
    );
  });

  test('validation happens in the cloud half, with the construct path', () => {
    expect(() => new VectorDatabaseCloud(cloudStack(), 'db', { clusterName: 'c', engine: 'milvus', qdrant: {} } as never)).toThrow(
      'test-cloud/db: qdrant = {} is set but engine is "milvus"; move these settings under "milvus" or set engine: "qdrant"',
    );
    expect(() => new VectorDatabaseCloud(cloudStack(), 'db', { clusterName: 'c', storageSize: '100Mi' })).toThrow(
      'test-cloud/db: storageSize = "100Mi" is below the 1Gi minimum; give the volume at least "1Gi" (and room for the data you expect)',
    );
  });

  test('outside a CloudStack the region must be given', () => {
    const stack = new TerraformStack(new App(), 'plain');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    expect(() => new VectorDatabaseCloud(stack, 'db', { clusterName: 'c' })).toThrow(
      'plain/db: region = (missing) is required outside a CloudStack; pass the AWS region of the bucket',
    );
    const ok = new VectorDatabaseCloud(stack, 'db2', { clusterName: 'c', region: 'eu-west-1', secretsPrefix: 'team' });
    expect([ok.region, ok.secret.secretName]).toEqual(['eu-west-1', 'team/vectordb/qdrant']);
  });
});
