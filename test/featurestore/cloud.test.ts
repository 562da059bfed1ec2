import { parse } from 'yaml';
import { addresses, onlyResource, policy, resourceAt, resourceList } from '../helpers/synth';
import { build, KMS, resolveIn, secretLiterals } from './fixture';

const RG = 'aws_elasticache_replication_group.feast_online-store_replication-group_733AB835';
const REGISTRY = 'aws_s3_bucket.feast_registry-bucket_52D6A97A';
const OFFLINE = 'aws_s3_bucket.feast_offline-bucket_1CF955D1';
const KEY = 'aws_kms_key.feast_kms-key_46CBC70C';

describe('FeastFeatureStoreCloud (prod preset)', () => {
  const b = build({ project: 'driver_stats' });
  const rg = onlyResource(b.cloudJson, 'aws_elasticache_replication_group');

  test('logical ids of the stateful resources are pinned', () => {
    expect(addresses(b.cloudJson, 'aws_elasticache_replication_group', 'aws_elasticache_user_group', 'aws_elasticache_user', 'aws_s3_bucket', 'aws_kms_key', 'aws_secretsmanager_secret')).toEqual({
      'aws_elasticache_user_group.feast_online-store_user-group_B9B61EF1': 'test-cloud/feast/online-store/user-group',
      'aws_elasticache_user.feast_online-store_disabled-user_6CACEF6F': 'test-cloud/feast/online-store/disabled-user',
      [RG]: 'test-cloud/feast/online-store/replication-group',
      [REGISTRY]: 'test-cloud/feast/registry-bucket/bucket',
      [OFFLINE]: 'test-cloud/feast/offline-bucket/bucket',
      [KEY]: 'test-cloud/feast/kms-key',
      'aws_kms_key.feast_online-store_rbac-user_logs-key_02200901': 'test-cloud/feast/online-store/rbac-user/Default/logs-key',
      'aws_secretsmanager_secret.feast_redis-auth-token_secret_A10B01A7': 'test-cloud/feast/redis-auth-token/secret',
    });
  });

  test('Redis: encrypted at rest with the KMS key and in transit (TLS required), Redis OSS 7.1', () => {
    expect([rg.engine, rg.engine_version, rg.at_rest_encryption_enabled, rg.kms_key_id, rg.transit_encryption_enabled, rg.transit_encryption_mode, rg.port]).toEqual([
      'redis',
      '7.1',
      'true',
      `\${${KEY}.arn}`,
      true,
      'required',
      6379,
    ]);
  });

  test('Redis: RBAC user group whose default user is off; the token reaches ElastiCache through the apply-time function, not the state', () => {
    expect([rg.auth_token, rg.auth_token_update_strategy, rg.user_group_ids]).toEqual([undefined, undefined, ['${aws_elasticache_user_group.feast_online-store_user-group_B9B61EF1.user_group_id}']]);
    expect(b.cloudJson.data?.aws_secretsmanager_secret_version).toBeUndefined();
    const input = onlyResource(b.cloudJson, 'aws_lambda_invocation').input;
    expect(input).toContain('"secretArn" = aws_secretsmanager_secret.feast_redis-auth-token_secret_A10B01A7.arn');
    expect(input).toContain('"secretVersionId" = aws_secretsmanager_secret_version.feast_redis-auth-token_value_4A2CA5D1.version_id');
    const version = onlyResource(b.cloudJson, 'aws_secretsmanager_secret_version');
    expect([version.secret_string, version.secret_string_wo, version.secret_string_wo_version]).toEqual([
      undefined,
      '${ephemeral.aws_secretsmanager_random_password.feast_redis-auth-token_random-password_BE30A2E0.random_password}',
      1,
    ]);
    expect((b.cloudJson as any).ephemeral.aws_secretsmanager_random_password['feast_redis-auth-token_random-password_BE30A2E0']).toMatchObject({
      password_length: 64,
      exclude_punctuation: true,
    });
  });

  test('Redis: automatic failover and Multi-AZ on 2 nodes, snapshots kept 7 days, final snapshot, protected', () => {
    expect([rg.node_type, rg.num_cache_clusters, rg.automatic_failover_enabled, rg.multi_az_enabled]).toEqual(['cache.r7g.large', 2, true, true]);
    expect([rg.snapshot_retention_limit, rg.snapshot_window, rg.maintenance_window, rg.final_snapshot_identifier]).toEqual([7, '03:00-04:00', 'sun:05:00-sun:06:00', 'test-dev-feast-final']);
    expect([rg.replication_group_id, rg.lifecycle, rg.apply_immediately, rg.auto_minor_version_upgrade]).toEqual(['test-dev-feast', { prevent_destroy: true }, false, 'true']);
    expect(resourceAt(b.cloudJson, 'aws_kms_key', 'feast/kms-key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('Redis is private: subnet group of the private subnets, one ingress rule from the node security group on 6379, no egress', () => {
    expect(onlyResource(b.cloudJson, 'aws_elasticache_subnet_group').subnet_ids).toEqual(['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2']);
    const sg = onlyResource(b.cloudJson, 'aws_security_group');
    expect([sg.vpc_id, sg.ingress, sg.egress, sg.revoke_rules_on_delete]).toEqual(['vpc-0123456789abcdef0', undefined, undefined, true]);
    const rules = resourceList(b.cloudJson, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map(({ ['//']: _m, ...r }) => r)).toEqual([
      {
        security_group_id: '${aws_security_group.feast_online-store_security-group_1D0D1A55.id}',
        description: 'Redis (TLS) from the EKS node security group',
        ip_protocol: 'tcp',
        from_port: 6379,
        to_port: 6379,
        referenced_security_group_id: 'sg-0123456789abcdef0',
      },
    ]);
    expect(resourceList(b.cloudJson, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  test('buckets are hardened SecureBuckets with the key', () => {
    for (const r of resourceList(b.cloudJson, 'aws_s3_bucket')) expect([r.force_destroy, r.lifecycle]).toEqual([false, { prevent_destroy: true }]);
    expect(resourceList(b.cloudJson, 'aws_s3_bucket').map((r) => r.bucket_prefix)).toEqual(['test-dev-feast-registry-', 'test-dev-feast-offline-']);
    for (const r of resourceList(b.cloudJson, 'aws_s3_bucket_server_side_encryption_configuration')) {
      expect(r.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: `\${${KEY}.arn}` }, bucket_key_enabled: true }]);
    }
  });

  test('the Pod Identity role: exactly the registry object, the offline prefix (read only) and the key through S3', () => {
    expect(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'feast/role/policy').policy).Statement).toEqual([
      { Sid: 'RegistryBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: `\${${REGISTRY}.arn}` },
      { Sid: 'RegistryObject', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `\${${REGISTRY}.arn}/driver_stats/registry.db` },
      { Sid: 'OfflineBucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: `\${${OFFLINE}.arn}` },
      { Sid: 'OfflineList', Effect: 'Allow', Action: 's3:ListBucket', Resource: `\${${OFFLINE}.arn}`, Condition: { StringLike: { 's3:prefix': ['driver_stats', 'driver_stats/*'] } } },
      { Sid: 'OfflineObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `\${${OFFLINE}.arn}/driver_stats/*` },
      {
        Sid: 'BucketKeyViaS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: `\${${KEY}.arn}`,
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
    ]);
    const association = resourceAt(b.cloudJson, 'aws_eks_pod_identity_association', 'feast/role/association');
    expect([association.cluster_name, association.namespace, association.service_account]).toEqual(['test-cluster', 'feast', 'feast']);
  });

  test('the AUTH token secret is granted to the External Secrets Operator, with its KMS key', () => {
    const statements = policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'eso-access/read-secrets').policy).Statement;
    expect(statements[0].Resource).toEqual(['${aws_secretsmanager_secret.feast_redis-auth-token_secret_A10B01A7.arn}']);
    expect(statements[1].Resource).toEqual([`\${${KEY}.arn}`]);
    expect(onlyResource(b.cloudJson, 'aws_secretsmanager_secret')).toMatchObject({ name: 'test/dev/feast/feast-redis-auth', recovery_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('feature_store.yaml: exact content, password from the environment', () => {
    const text = resolveIn(b.cloud, b.cloud.featureStoreYaml) as string;
    expect(text).toBe(
      [
        'project: driver_stats',
        'provider: aws',
        'registry:',
        '  registry_type: file',
        `  path: s3://\${${REGISTRY}.bucket}/driver_stats/registry.db`,
        '  cache_ttl_seconds: 60',
        'online_store:',
        '  type: redis',
        '  redis_type: redis',
        `  connection_string: \${${RG}.primary_endpoint_address}:6379,ssl=true,password=$FEAST_REDIS_PASSWORD`,
        'offline_store:',
        '  type: file',
        'entity_key_serialization_version: 3',
        '',
      ].join('\n'),
    );
    expect(parse(text).online_store.connection_string.split(',')).toEqual([`\${${RG}.primary_endpoint_address}:6379`, 'ssl=true', 'password=$FEAST_REDIS_PASSWORD']);
  });

  test('typed outputs: endpoint, registry and offline locations', () => {
    const resolve = (v: string) => resolveIn(b.cloud, v);
    expect(resolve(b.cloud.onlineStoreEndpoint)).toBe(`\${${RG}.primary_endpoint_address}:6379`);
    expect(resolve(b.cloud.registryPath)).toBe(`s3://\${${REGISTRY}.bucket}/driver_stats/registry.db`);
    expect(resolve(b.cloud.offlineDataUri)).toBe(`s3://\${${OFFLINE}.bucket}/driver_stats/`);
  });

  test('no auth token, password or secret string is a literal anywhere in the cloud JSON', () => {
    expect(secretLiterals(b.cloudJson)).toEqual([]);
  });
});

describe('FeastFeatureStoreCloud (dev preset, given key)', () => {
  const b = build({ project: 'driver_stats', preset: 'dev', onlineStore: { keyTtlSeconds: 86400, authTokenVersion: 2 } }, { kmsKeyArn: KMS });
  const rg = onlyResource(b.cloudJson, 'aws_elasticache_replication_group');

  test('one node, no failover, 1 day of snapshots, not protected; still encrypted and authenticated', () => {
    expect([rg.node_type, rg.num_cache_clusters, rg.automatic_failover_enabled, rg.multi_az_enabled, rg.snapshot_retention_limit, rg.lifecycle]).toEqual([
      'cache.t4g.micro',
      1,
      false,
      false,
      1,
      { prevent_destroy: false },
    ]);
    expect([rg.at_rest_encryption_enabled, rg.kms_key_id, rg.transit_encryption_mode, rg.final_snapshot_identifier]).toEqual(['true', KMS, 'required', 'test-dev-feast-final']);
    expect([rg.auth_token, rg.user_group_ids]).toEqual([undefined, [expect.stringMatching(/^\$\{aws_elasticache_user_group\.[^}]+\.user_group_id\}$/)]]);
  });

  test('the given key is used everywhere; the only key created encrypts the RBAC function\'s logs (a given key may not admit CloudWatch Logs)', () => {
    expect(Object.values(addresses(b.cloudJson, 'aws_kms_key'))).toEqual(['test-cloud/feast/online-store/rbac-user/Default/logs-key']);
    expect(onlyResource(b.cloudJson, 'aws_secretsmanager_secret').kms_key_id).toBe(KMS);
    expect(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'feast/role/policy').policy).Statement[5].Resource).toBe(KMS);
  });

  test('authTokenVersion rotates the generated token (secret_string_wo_version)', () => {
    expect(onlyResource(b.cloudJson, 'aws_secretsmanager_secret_version').secret_string_wo_version).toBe(2);
  });

  test('key_ttl_seconds reaches feature_store.yaml', () => {
    expect(b.cloud.featureStoreDocument.online_store.key_ttl_seconds).toBe(86400);
  });
});
