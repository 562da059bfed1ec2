import { addresses, onlyResource, policy, resourceAt } from '../helpers/synth';
import { allStrings, mlflowFixture } from './fixture';

const BUCKET = '${aws_s3_bucket.mlflow_artifacts_bucket_9492309D}';
const BUCKET_ARN = '${aws_s3_bucket.mlflow_artifacts_bucket_9492309D.arn}';
const KEY_ARN = '${aws_kms_key.mlflow_kms-key_F913F9EF.arn}';

describe('MlflowCloud: database', () => {
  const json = mlflowFixture().cloudJson();

  it('pins the logical ids of the stateful resources', () => {
    expect(addresses(json, 'aws_db_instance', 'aws_s3_bucket', 'aws_kms_key', 'aws_secretsmanager_secret')).toEqual({
      'aws_db_instance.mlflow_database_instance_5F2011EE': 'test-cloud/mlflow/database/instance',
      'aws_s3_bucket.mlflow_artifacts_bucket_9492309D': 'test-cloud/mlflow/artifacts/bucket',
      'aws_kms_key.mlflow_kms-key_F913F9EF': 'test-cloud/mlflow/kms-key',
      'aws_secretsmanager_secret.mlflow_admin-secret_DE34D4BB': 'test-cloud/mlflow/admin-secret/secret',
      'aws_secretsmanager_secret.mlflow_client-secret_DC6173F4': 'test-cloud/mlflow/client-secret/secret',
    });
  });

  it('is private, encrypted, TLS-only, backed up, protected and uses an RDS-managed password (prod)', () => {
    const { '//': _meta, ...db } = onlyResource(json, 'aws_db_instance');
    expect(db).toEqual({
      identifier: 'test-dev-mlflow',
      engine: 'postgres',
      engine_version: '17.6',
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      instance_class: 'db.m7g.large',
      storage_type: 'gp3',
      allocated_storage: 50,
      max_allocated_storage: 500,
      storage_encrypted: true,
      kms_key_id: KEY_ARN,
      db_name: 'mlflow',
      username: 'mlflow',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: KEY_ARN,
      port: 5432,
      db_subnet_group_name: '${aws_db_subnet_group.mlflow_database_subnet-group_0F787E61.name}',
      vpc_security_group_ids: ['${aws_security_group.mlflow_database_security-group_FD111293.id}'],
      parameter_group_name: '${aws_db_parameter_group.mlflow_database_parameter-group_19E55AB6.name}',
      publicly_accessible: false,
      multi_az: true,
      iam_database_authentication_enabled: false,
      backup_retention_period: 14,
      backup_window: '03:00-04:00',
      maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'test-dev-mlflow-final',
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      performance_insights_enabled: true,
      performance_insights_kms_key_id: KEY_ARN,
      performance_insights_retention_period: 7,
      apply_immediately: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(db).not.toHaveProperty('password');
    expect(db).not.toHaveProperty('password_wo');
  });

  it('enforces TLS in the parameter group of the engine major', () => {
    const { '//': _m, ...pg } = onlyResource(json, 'aws_db_parameter_group');
    expect(pg).toEqual({
      name: 'test-dev-mlflow-postgres17',
      family: 'postgres17',
      description: 'MLflow database test-dev-mlflow: TLS only',
      parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' }],
      lifecycle: { create_before_destroy: true },
    });
  });

  it('lives in the private subnets and admits 5432 only from the node security group', () => {
    expect(onlyResource(json, 'aws_db_subnet_group').subnet_ids).toEqual(['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2']);
    const { '//': _s, ...sg } = onlyResource(json, 'aws_security_group');
    expect(sg).toEqual({
      name: 'test-dev-mlflow-db',
      description: 'MLflow database test-dev-mlflow: PostgreSQL from the cluster nodes only',
      vpc_id: 'vpc-0123456789abcdef0',
      revoke_rules_on_delete: true,
    });
    const { '//': _r, ...rule } = onlyResource(json, 'aws_vpc_security_group_ingress_rule');
    expect(rule).toEqual({
      security_group_id: '${aws_security_group.mlflow_database_security-group_FD111293.id}',
      description: 'PostgreSQL from the EKS node security group',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: 'sg-0123456789abcdef0',
    });
    expect(json.resource?.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it('dev: single-AZ, small, 7 days of backups, no Performance Insights, still protected', () => {
    const db = onlyResource(mlflowFixture({ cloud: { preset: 'dev' } }).cloudJson(), 'aws_db_instance');
    expect({
      instance_class: db.instance_class,
      multi_az: db.multi_az,
      backup_retention_period: db.backup_retention_period,
      allocated_storage: db.allocated_storage,
      performance_insights_enabled: db.performance_insights_enabled,
      performance_insights_kms_key_id: db.performance_insights_kms_key_id,
      deletion_protection: db.deletion_protection,
      skip_final_snapshot: db.skip_final_snapshot,
      storage_encrypted: db.storage_encrypted,
    }).toEqual({
      instance_class: 'db.t4g.micro',
      multi_az: false,
      backup_retention_period: 7,
      allocated_storage: 20,
      performance_insights_enabled: false,
      performance_insights_kms_key_id: undefined,
      deletion_protection: true,
      skip_final_snapshot: false,
      storage_encrypted: true,
    });
  });

  it('takes database options', () => {
    const db = onlyResource(
      mlflowFixture({ cloud: { database: { instanceClass: 'db.r7g.xlarge', backupRetentionDays: 30, engineVersion: '17', multiAz: false } } }).cloudJson(),
      'aws_db_instance',
    );
    expect([db.instance_class, db.backup_retention_period, db.engine_version, db.multi_az]).toEqual(['db.r7g.xlarge', 30, '17', false]);
  });
});

describe('MlflowCloud: artifact bucket, key, role and secrets', () => {
  const json = mlflowFixture().cloudJson();

  it('hardens the bucket', () => {
    const bucket = resourceAt(json, 'aws_s3_bucket', 'mlflow/artifacts/bucket');
    expect([bucket.bucket_prefix, bucket.force_destroy, bucket.lifecycle]).toEqual(['test-dev-mlflow-', false, { prevent_destroy: true }]);
    const id = `${BUCKET.slice(0, -1)}.id}`;
    const pab = onlyResource(json, 'aws_s3_bucket_public_access_block');
    expect([pab.bucket, pab.block_public_acls, pab.block_public_policy, pab.ignore_public_acls, pab.restrict_public_buckets]).toEqual([id, true, true, true, true]);
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(policy(onlyResource(json, 'aws_s3_bucket_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toEqual([
      {
        id: 'expire-noncurrent-and-abort-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      },
    ]);
    expect(lifecycle.depends_on).toEqual(['aws_s3_bucket_versioning.mlflow_artifacts_versioning_5B6A3659']);
  });

  it('creates a rotating, account-only KMS key that is never destroyed', () => {
    const key = onlyResource(json, 'aws_kms_key');
    expect([key.enable_key_rotation, key.deletion_window_in_days, key.lifecycle]).toEqual([true, 30, { prevent_destroy: true }]);
    expect(policy(key.policy).Statement).toEqual([
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: 'arn:${data.aws_partition.mlflow_partition_29EA92EC.partition}:iam::${data.aws_caller_identity.mlflow_caller_F47FDB97.account_id}:root' },
        Action: 'kms:*',
        Resource: '*',
      },
    ]);
  });

  it('uses a given key instead of creating one', () => {
    const given = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const j = mlflowFixture({ cloud: { kmsKeyArn: given } }).cloudJson();
    expect(j.resource?.aws_kms_key).toBeUndefined();
    expect(onlyResource(j, 'aws_db_instance').kms_key_id).toBe(given);
  });

  it('gives the server role exactly the artifact prefix and the bucket key through S3', () => {
    const role = resourceAt(json, 'aws_iam_role', 'mlflow/server-role/role');
    expect(policy(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': 'test-cluster',
        'aws:RequestTag/kubernetes-namespace': 'mlflow',
        'aws:RequestTag/kubernetes-service-account': 'mlflow',
      },
    });
    expect(policy(resourceAt(json, 'aws_iam_role_policy', 'mlflow/server-role/policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ArtifactsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET_ARN, Condition: { StringLike: { 's3:prefix': ['artifacts', 'artifacts/*'] } } },
        { Sid: 'ArtifactsObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${BUCKET_ARN}/artifacts/*` },
        {
          Sid: 'ArtifactsKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: KEY_ARN,
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': BUCKET_ARN } },
        },
      ],
    });
    expect(resourceAt(json, 'aws_eks_pod_identity_association', 'mlflow/server-role/association')).toMatchObject({ namespace: 'mlflow', service_account: 'mlflow', cluster_name: 'test-cluster' });
  });

  it('scopes the role to a custom prefix', () => {
    const j = mlflowFixture({ cloud: { artifactPrefix: 'teams/ml/artifacts' } }).cloudJson();
    const statements = policy(resourceAt(j, 'aws_iam_role_policy', 'mlflow/server-role/policy').policy).Statement;
    expect([statements[0].Condition.StringLike['s3:prefix'], statements[1].Resource]).toEqual([['teams/ml/artifacts', 'teams/ml/artifacts/*'], `${BUCKET_ARN}/teams/ml/artifacts/*`]);
  });

  it('generates the admin and client user secrets write-only and grants the three secrets to the External Secrets Operator', () => {
    const secret = resourceAt(json, 'aws_secretsmanager_secret', 'mlflow/admin-secret/secret');
    expect([secret.name, secret.kms_key_id, secret.recovery_window_in_days]).toEqual(['test/dev/mlflow/admin', KEY_ARN, 30]);
    const version = resourceAt(json, 'aws_secretsmanager_secret_version', 'mlflow/admin-secret/value');
    expect(version.secret_string_wo).toBe(
      '${jsonencode({"username" = "admin", "password" = ephemeral.aws_secretsmanager_random_password.mlflow_admin-secret_random-password_184C788B.random_password})}',
    );
    expect(version).not.toHaveProperty('secret_string');
    const client = resourceAt(json, 'aws_secretsmanager_secret', 'mlflow/client-secret/secret');
    expect([client.name, client.kms_key_id, client.recovery_window_in_days]).toEqual(['test/dev/mlflow/client', KEY_ARN, 30]);
    const clientVersion = resourceAt(json, 'aws_secretsmanager_secret_version', 'mlflow/client-secret/value');
    // the version travels with the password in one write-only value (the user Job checks it)
    expect(clientVersion.secret_string_wo).toMatch(/^\$\{jsonencode\(\{"username" = "mlflow-client", "version" = "1", "password" = ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}\)\}$/);
    expect(clientVersion.secret_string_wo_version).toBe(1);
    expect(clientVersion).not.toHaveProperty('secret_string');
    // letters and digits only: the bootstrap Job writes it into a JSON body
    const passwords = Object.values<any>((json as any).ephemeral.aws_secretsmanager_random_password).filter((r) => r['//'].metadata.path.endsWith('mlflow/client-secret/random-password'));
    expect(passwords.map((r) => r.exclude_punctuation)).toEqual([true]);
    const eso = policy(resourceAt(json, 'aws_iam_role_policy', 'eso-access/read-secrets').policy);
    const secrets = [
      '${aws_db_instance.mlflow_database_instance_5F2011EE.master_user_secret[0].secret_arn}',
      '${aws_secretsmanager_secret.mlflow_admin-secret_DE34D4BB.arn}',
      '${aws_secretsmanager_secret.mlflow_client-secret_DC6173F4.arn}',
    ];
    expect(eso.Statement).toEqual([
      { Sid: 'ReadGrantedSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: secrets },
      {
        Sid: 'DecryptGrantedSecretsViaSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: [KEY_ARN],
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': secrets } },
      },
    ]);
  });

  it('has no literal password or secret value anywhere in the cloud JSON', () => {
    const offending = allStrings(json).filter(([path, value]) => /(^|[._])(password|secret_string|master_password)$/i.test(path) && !value.startsWith('${'));
    expect(offending).toEqual([]);
    for (const [, value] of allStrings(json)) expect(value).not.toMatch(/password\s*[:=]\s*["']?[A-Za-z0-9]{8,}/i);
  });
});
