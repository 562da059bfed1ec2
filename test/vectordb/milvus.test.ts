import { parse } from 'yaml';
import { FULL_PACK } from '../../src/policy/pack';
import { runRules } from '../../src/policy/engine';
import { resourcesOf } from '../../src/policy/check';
import { parseStack } from '../../src/synth/load';
import { addresses, onlyResource, policy, resourceAt, resourceList, TfJson } from '../helpers/synth';
import { allStrings, BUCKET_KEY_STATEMENT, build, JOB_CONTAINER_SECURITY_CONTEXT, KMS, releaseValues } from './fixture';

const BUCKET = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.bucket}';
const BUCKET_ARN = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}';
const BACKUP_BUCKET = '${aws_s3_bucket.vectordb_milvus-backup-bucket_08DBC21B.bucket}';
const BACKUP_BUCKET_ARN = '${aws_s3_bucket.vectordb_milvus-backup-bucket_08DBC21B.arn}';
const ROOT_PASSWORD_ENV = [{ name: 'COMMON_SECURITY_DEFAULTROOTPASSWORD', valueFrom: { secretKeyRef: { name: 'milvus-root', key: 'password' } } }];

describe('VectorDatabase with Milvus (prod: cluster mode)', () => {
  const b = build({ engine: 'milvus', clientNamespaces: ['rag'] });
  const values = releaseValues(b.workloadsJson);

  test('the pinned chart', () => {
    const release = onlyResource(b.workloadsJson, 'helm_release');
    expect([release.chart, release.version, release.repository]).toEqual(['milvus', '5.0.19', 'https://zilliztech.github.io/milvus-helm']);
  });

  test('auth: authorization on, root password from the synced JSON secret', () => {
    expect(parse(values.extraConfigFiles['user.yaml'])).toEqual({ common: { security: { authorizationEnabled: true } }, mq: { type: 'woodpecker' } });
    expect(values.mixCoordinator).toEqual({ enabled: true, replicas: 1, extraEnv: ROOT_PASSWORD_ENV });
    expect(values).not.toHaveProperty('standalone');
    const synced = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'vectordb/credentials/external-secret').manifest;
    expect(synced.spec.dataFrom).toEqual([{ extract: { key: 'test/dev/vectordb/milvus', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } }]);
    expect(synced.spec.target).not.toHaveProperty('template');
    expect(b.db.secretKeys).toEqual(['password', 'username']);
    // username is a literal (not secret); the password is generated and written write-only
    const version = onlyResource(b.cloudJson, 'aws_secretsmanager_secret_version');
    expect(version.secret_string_wo).toMatch(/^\$\{jsonencode\(\{"username" = "root", "password" = ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}\)\}$/);
    expect(resourceList(b.workloadsJson, 'kubernetes_manifest')).toHaveLength(1);
  });

  test('service ClusterIP; no bundled MinIO, no Pulsar, no Woodpecker service', () => {
    expect([values.service, values.minio, values.pulsarv3, values.woodpecker]).toEqual([{ type: 'ClusterIP' }, { enabled: false }, { enabled: false }, { enabled: false }]);
    expect(values.streaming).toEqual({ enabled: true, woodpecker: { embedded: true, storage: { type: 'minio' } } });
  });

  test('object storage: the bucket through IAM, no static keys', () => {
    expect(values.externalS3).toEqual({
      enabled: true,
      host: 's3.us-east-1.amazonaws.com',
      port: '443',
      useSSL: true,
      bucketName: BUCKET,
      rootPath: 'milvus',
      useIAM: true,
      cloudProvider: 'aws',
      iamEndpoint: '',
      region: 'us-east-1',
      accessKey: '',
      secretKey: '',
    });
  });

  test('cluster mode: replicated workers spread across zones, 3-member etcd on encrypted gp3', () => {
    expect(values.cluster).toEqual({ enabled: true });
    expect(values.etcd).toEqual({ replicaCount: 3, persistence: { enabled: true, storageClass: 'gp3-encrypted', size: '10Gi' } });
    for (const [key, component] of [['proxy', 'proxy'], ['queryNode', 'querynode'], ['dataNode', 'datanode'], ['streamingNode', 'streamingnode']]) {
      expect({ key, ...values[key] }).toEqual({
        key,
        replicas: 3,
        resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'milvus', component } }, topologyKey: 'topology.kubernetes.io/zone' },
            ],
          },
        },
      });
    }
  });

  test('non-root pods', () => {
    expect(values.securityContext.runAsNonRoot).toBe(true);
    expect(values.containerSecurityContext).toEqual(expect.objectContaining({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }));
    expect(values.serviceAccount).toEqual({ create: true, name: 'milvus' });
  });

  test('IAM: its whole bucket (Milvus and Woodpecker write under several roots)', () => {
    expect(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'vectordb/server-role/policy').policy).Statement[2]).toEqual({
      Sid: 'DataObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `${BUCKET_ARN}/*`,
    });
  });

  test('typed outputs', () => {
    expect(b.db.endpoint).toEqual({ http: 'http://milvus.vectordb.svc.cluster.local:19530', grpc: 'milvus.vectordb.svc.cluster.local:19530' });
    expect([b.db.clientSecretName, b.db.readOnlySecretName]).toEqual(['milvus-root', undefined]);
    expect([b.db.dataBucketName, b.db.backupBucketName]).toEqual([b.cloud.bucketName, b.cloud.backupBucket.bucketName]);
    expect(b.cloud.backupBucket).not.toBe(b.cloud.bucket);
  });
});

describe('VectorDatabase with Milvus (dev: standalone)', () => {
  const values = releaseValues(build({ engine: 'milvus', preset: 'dev', storageSize: '20Gi' }).workloadsJson);

  test('standalone pod with its volume, one etcd member, root password', () => {
    expect(values.cluster).toEqual({ enabled: false });
    expect(values.standalone).toEqual({
      messageQueue: 'woodpecker',
      resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
      extraEnv: ROOT_PASSWORD_ENV,
      persistence: { enabled: true, persistentVolumeClaim: { storageClass: 'gp3-encrypted', size: '20Gi' } },
    });
    expect(values.etcd.replicaCount).toBe(1);
    expect(values).not.toHaveProperty('mixCoordinator');
    expect(values).not.toHaveProperty('affinity');
  });
});

/** The statements of the backup job's role policy. */
function backupStatements(json: TfJson): any[] {
  return policy(resourceAt(json, 'aws_iam_role_policy', 'vectordb/backup-role/policy').policy).Statement;
}

describe('Milvus backups (milvus-backup CronJob into a separate bucket)', () => {
  const b = build({ engine: 'milvus', clientNamespaces: ['rag'], backup: { schedule: '30 1 * * *' } });
  const job = onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1');
  const pod = job.spec.job_template.spec.template.spec;
  const config = parse(onlyResource(b.workloadsJson, 'kubernetes_config_map_v1').data['backup.yaml']);
  const values = releaseValues(b.workloadsJson);

  test('logical ids of both buckets, the secret and the roles are pinned', () => {
    expect(addresses(b.cloudJson, 'aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_iam_role')).toEqual({
      'aws_s3_bucket.vectordb_backup-bucket_147E9466': 'test-cloud/vectordb/backup-bucket/bucket',
      'aws_s3_bucket.vectordb_milvus-backup-bucket_08DBC21B': 'test-cloud/vectordb/milvus-backup-bucket/bucket',
      'aws_secretsmanager_secret.vectordb_credentials_secret_DB57D7DA': 'test-cloud/vectordb/credentials/secret',
      'aws_iam_role.eso-access_role_3D8686B8': 'test-cloud/eso-access/role/role',
      'aws_iam_role.vectordb_server-role_7861B493': 'test-cloud/vectordb/server-role/role',
      'aws_iam_role.vectordb_backup-role_89BEE96F': 'test-cloud/vectordb/backup-role/role',
    });
  });

  test('both buckets are kept; backups expire after the retention, live data never does', () => {
    const buckets = resourceList(b.cloudJson, 'aws_s3_bucket').map((r) => [r.bucket_prefix, r.force_destroy, r.lifecycle]);
    expect(buckets).toEqual([
      ['milvus-vectordb-', false, { prevent_destroy: true }],
      ['milvus-backup-vectordb-', false, { prevent_destroy: true }],
    ]);
    const data = resourceAt(b.cloudJson, 'aws_s3_bucket_lifecycle_configuration', 'vectordb/backup-bucket/lifecycle').rule[0];
    expect(data).not.toHaveProperty('expiration');
    expect(data.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    const backups = resourceAt(b.cloudJson, 'aws_s3_bucket_lifecycle_configuration', 'vectordb/milvus-backup-bucket/lifecycle').rule[0];
    expect([backups.bucket, backups.expiration, backups.noncurrent_version_expiration]).toEqual([undefined, [{ days: 30 }], [{ noncurrent_days: 30 }]]);
  });

  test('backup role: reads Milvus data under milvus/, writes backups, deletes nothing', () => {
    expect(backupStatements(b.cloudJson)).toEqual([
      { Sid: 'ListData', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET_ARN, Condition: { StringLike: { 's3:prefix': ['milvus', 'milvus/*'] } } },
      { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/milvus/*` },
      { Sid: 'ListBackups', Effect: 'Allow', Action: 's3:ListBucket', Resource: BACKUP_BUCKET_ARN },
      { Sid: 'WriteBackups', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: `${BACKUP_BUCKET_ARN}/*` },
    ]);
    expect(resourceAt(b.cloudJson, 'aws_eks_pod_identity_association', 'vectordb/backup-role/association')).toMatchObject({
      cluster_name: 'test-cluster',
      namespace: 'vectordb',
      service_account: 'milvus-backup',
    });
  });

  test('the server role cannot reach the backups', () => {
    const server = JSON.stringify(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'vectordb/server-role/policy').policy));
    expect(server).not.toContain('milvus-backup-bucket');
  });

  test('restoreAccess adds the restore staging prefix of the data bucket, nothing else', () => {
    const statements = backupStatements(build({ engine: 'milvus', milvus: { restoreAccess: true } }).cloudJson);
    expect(statements[0].Condition).toEqual({ StringLike: { 's3:prefix': ['milvus', 'milvus/*', 'restore-temp-*'] } });
    expect(statements.slice(4)).toEqual([
      {
        Sid: 'StageRestore',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: `${BUCKET_ARN}/restore-temp-*`,
      },
    ]);
  });

  test('a customer managed key: both buckets use it, the backup role may use it through S3 only', () => {
    const kms = build({ engine: 'milvus' }, { kmsKeyArn: KMS });
    const sse = resourceList(kms.cloudJson, 'aws_s3_bucket_server_side_encryption_configuration').map((r) => r.rule[0].apply_server_side_encryption_by_default.kms_master_key_id);
    expect(sse).toEqual([KMS, KMS]);
    expect(backupStatements(kms.cloudJson).at(-1)).toEqual(BUCKET_KEY_STATEMENT);
  });

  test('the backup service account exists in the platform layer, without an API token', () => {
    const account = resourceAt(b.platformJson, 'kubernetes_service_account_v1', 'vectordb/backup-service-account');
    expect([account.metadata.name, account.automount_service_account_token]).toEqual(['milvus-backup', false]);
  });

  test('CronJob: pinned milvus-backup, one run at a time, index extras, the backup service account', () => {
    expect([job.metadata.name, job.metadata.namespace, job.spec.schedule, job.spec.timezone, job.spec.concurrency_policy]).toEqual([
      'milvus-backup',
      'vectordb',
      '30 1 * * *',
      'Etc/UTC',
      'Forbid',
    ]);
    const container = pod.container[0];
    expect(container.image).toBe('milvusdb/milvus-backup:v0.5.16');
    expect(container.command).toEqual(['/app/milvus-backup', 'create', '--config', '/etc/milvus-backup/backup.yaml', '--backup_index_extra']);
    expect([pod.service_account_name, pod.automount_service_account_token]).toEqual(['milvus-backup', false]);
    // the chart's service "milvus" would inject MILVUS_PORT=tcp://…, which milvus-backup reads as its port
    expect(pod.enable_service_links).toBe(false);
    expect(job.depends_on).toEqual(['helm_release.vectordb_chart_release_D36184B9', 'kubernetes_config_map_v1.vectordb_backup_config_216CEBF6']);
  });

  test('the root password comes from the synced Secret; the config holds no secret and no static key', () => {
    expect(pod.container[0].env).toEqual([{ name: 'MILVUS_PASSWORD', value_from: { secret_key_ref: { name: 'milvus-root', key: 'password' } } }]);
    expect(config.milvus).not.toHaveProperty('password');
    for (const key of ['accessKeyID', 'secretAccessKey', 'backupAccessKeyID', 'backupSecretAccessKey']) expect({ key, value: config.minio[key] }).toEqual({ key, value: '' });
    const strings = [b.cloudJson, b.platformJson, b.workloadsJson].flatMap((j) => allStrings(j));
    expect(strings.filter((s) => /minioadmin|^[A-Za-z0-9]{24,}$/.test(s))).toEqual([]);
  });

  test('config: Milvus service, etcd client service, both buckets through IAM, GC paused through the proxy', () => {
    expect(config).toEqual({
      log: { level: 'info', console: true, file: { filename: '' } },
      milvus: {
        address: 'milvus.vectordb.svc.cluster.local',
        port: 19530,
        user: 'root',
        tlsMode: 0,
        etcd: { endpoints: 'milvus-etcd.vectordb.svc.cluster.local:2379', rootPath: 'by-dev' },
      },
      minio: {
        storageType: 'aws',
        address: 's3.us-east-1.amazonaws.com',
        port: 443,
        region: 'us-east-1',
        useSSL: true,
        useIAM: true,
        iamEndpoint: '',
        accessKeyID: '',
        secretAccessKey: '',
        bucketName: BUCKET,
        rootPath: 'milvus',
        backupStorageType: 'aws',
        backupAddress: 's3.us-east-1.amazonaws.com',
        backupPort: 443,
        backupRegion: 'us-east-1',
        backupUseSSL: true,
        backupUseIAM: true,
        backupIamEndpoint: '',
        backupAccessKeyID: '',
        backupSecretAccessKey: '',
        backupBucketName: BACKUP_BUCKET,
        backupRootPath: 'backup',
        crossStorage: false,
      },
      backup: { gcPause: { enable: true, address: 'http://milvus.vectordb.svc.cluster.local:9091' } },
    });
    // the same bucket and root path Milvus writes
    expect([config.minio.bucketName, config.minio.rootPath]).toEqual([values.externalS3.bucketName, values.externalS3.rootPath]);
  });

  test('non-root, read-only root filesystem; config read-only, scratch space in an emptyDir', () => {
    const container = pod.container[0];
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '1000', run_as_group: '1000', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(container.security_context).toEqual(JOB_CONTAINER_SECURITY_CONTEXT);
    expect(container.volume_mount).toEqual([
      { name: 'config', mount_path: '/etc/milvus-backup', read_only: true },
      { name: 'tmp', mount_path: '/tmp' },
    ]);
    expect(pod.volume).toEqual([
      { name: 'config', config_map: { name: '${kubernetes_config_map_v1.vectordb_backup_config_216CEBF6.metadata[0].name}' } },
      { name: 'tmp', empty_dir: { size_limit: '1Gi' } },
    ]);
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('the job reaches the proxy and etcd: the same-namespace policy admits every pod of the namespace on any port', () => {
    const sameNamespace = resourceAt(b.platformJson, 'kubernetes_network_policy_v1', 'vectordb/same-namespace').spec;
    expect(sameNamespace).toEqual({ pod_selector: {}, policy_types: ['Ingress'], ingress: [{ from: [{ pod_selector: {} }] }] });
  });

  test('the policy pack finds nothing in the three stacks (with a customer managed key)', () => {
    const kms = build({ engine: 'milvus', clientNamespaces: ['rag'] }, { kmsKeyArn: KMS });
    const findings = (['cloud', 'platform', 'workloads'] as const).flatMap((layer) => {
      const json = { cloud: kms.cloudJson, platform: kms.platformJson, workloads: kms.workloadsJson }[layer];
      return runRules(resourcesOf(parseStack(layer, json)), FULL_PACK, []).findings;
    });
    expect(findings).toEqual([]);
  });
});

describe('Milvus backup naming', () => {
  test('a release whose name contains "etcd" is its own etcd service name (the chart rule)', () => {
    const config = parse(onlyResource(build({ engine: 'milvus', name: 'etcd-vectors' }).workloadsJson, 'kubernetes_config_map_v1').data['backup.yaml']);
    expect(config.milvus.etcd.endpoints).toBe('etcd-vectors.vectordb.svc.cluster.local:2379');
  });
});
