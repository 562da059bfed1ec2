import { onlyResource, policy, resourceAt } from '../helpers/synth';
import { build, releaseValues } from './fixture';

const BUCKET_ARN = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}';

describe('VectorDatabase with Weaviate (prod)', () => {
  const b = build({ engine: 'weaviate', name: 'weaviate', clientNamespaces: ['agents', 'rag'] });
  const values = releaseValues(b.workloadsJson);

  test('the pinned chart', () => {
    const release = onlyResource(b.workloadsJson, 'helm_release');
    expect([release.chart, release.version, release.repository]).toEqual(['weaviate', '17.8.3', 'https://weaviate.github.io/weaviate-helm']);
  });

  test('auth: anonymous access off, API keys from the synced Secret, admin and read-only users', () => {
    expect(values.authentication).toEqual({ anonymous_access: { enabled: false }, oidc: { enabled: false } });
    expect(values.authorization).toEqual({ admin_list: { enabled: true, users: ['admin'], read_only_users: ['reader'] } });
    expect(values.env).toEqual({ AUTHENTICATION_APIKEY_ENABLED: 'true', AUTHENTICATION_APIKEY_USERS: 'admin,reader' });
    expect(values.envSecrets).toEqual({ AUTHENTICATION_APIKEY_ALLOWED_KEYS: 'weaviate-api-keys' });
    const synced = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'vectordb/credentials/external-secret').manifest;
    expect(synced.spec.target.template.data).toEqual({
      AUTHENTICATION_APIKEY_ALLOWED_KEYS: '{{ .value | substr 0 32 }},{{ .value | substr 32 64 }}',
      'admin-api-key': '{{ .value | substr 0 32 }}',
      'read-only-api-key': '{{ .value | substr 32 64 }}',
    });
  });

  test('services are ClusterIP (the chart defaults to LoadBalancer)', () => {
    expect([values.service, values.grpcService]).toEqual([{ type: 'ClusterIP' }, { enabled: true, type: 'ClusterIP' }]);
  });

  test('persistence, replicas, zone anti-affinity, PDB', () => {
    expect(values.storage).toEqual({ size: '50Gi', storageClassName: 'gp3-encrypted' });
    expect(values.replicas).toBe(3);
    expect(values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: { app: 'weaviate' } }, topologyKey: 'topology.kubernetes.io/zone' },
    ]);
    expect(values.podDisruptionBudgets).toEqual({ weaviate: { enabled: true } });
  });

  test('no privileged sysctl init container; its image is pinned anyway', () => {
    expect(values.initContainers).toEqual({ sysctlInitContainer: { enabled: false, image: { repo: 'alpine', tag: '3.21.3' } } });
    expect(values.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(values.containerSecurityContext.allowPrivilegeEscalation).toBe(false);
  });

  test('backups: backup-s3 module with bucket, prefix and region, no static keys', () => {
    expect(values.backups).toEqual({
      s3: { enabled: true, envconfig: { BACKUP_S3_BUCKET: '${aws_s3_bucket.vectordb_backup-bucket_147E9466.bucket}', BACKUP_S3_PATH: 'weaviate', AWS_REGION: 'us-east-1' } },
    });
    expect(values.backups.s3).not.toHaveProperty('secrets');
    expect(values.backups.s3).not.toHaveProperty('envSecrets');
  });

  test('service account: created by the platform half, used by the chart, bound to the role', () => {
    const sa = onlyResource(b.platformJson, 'kubernetes_service_account_v1');
    expect([sa.metadata.name, sa.metadata.namespace, sa.automount_service_account_token]).toEqual(['weaviate', '${kubernetes_namespace_v1.vectordb_namespace_C01C9AA4.metadata[0].name}', false]);
    expect(values.serviceAccountName).toBe('weaviate');
    expect(resourceAt(b.cloudJson, 'aws_eks_pod_identity_association', 'vectordb/server-role/association').service_account).toBe('weaviate');
  });

  test('IAM: scoped to the weaviate/ prefix of its bucket', () => {
    expect(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'vectordb/server-role/policy').policy).Statement).toEqual([
      { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: BUCKET_ARN },
      {
        Sid: 'DataList',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        Resource: BUCKET_ARN,
        Condition: { StringLike: { 's3:prefix': ['weaviate', 'weaviate/*'] } },
      },
      {
        Sid: 'DataObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: `${BUCKET_ARN}/weaviate/*`,
      },
    ]);
  });

  test('snapshot CronJob: backup through the API with the admin key, waits for the result', () => {
    const container = onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1').spec.job_template.spec.template.spec.container[0];
    expect(container.env).toEqual([{ name: 'API_KEY', value_from: { secret_key_ref: { name: 'weaviate-api-keys', key: 'admin-api-key' } } }]);
    const script: string = container.command[2];
    expect(script).toContain('-H "Authorization: Bearer $API_KEY"');
    expect(script).toContain('"http://weaviate.vectordb.svc.cluster.local:80/v1/backups/s3"');
    expect(script).toContain('SUCCESS) echo "backup $id written"; exit 0 ;;');
    expect(script).not.toContain('${');
  });

  test('typed outputs', () => {
    expect(b.db.endpoint).toEqual({ http: 'http://weaviate.vectordb.svc.cluster.local:80', grpc: 'weaviate-grpc.vectordb.svc.cluster.local:50051' });
    expect([b.db.clientSecretName, b.db.readOnlySecretName]).toEqual(['weaviate-api-keys', 'weaviate-read-only-api-key']);
  });
});

describe('VectorDatabase with Weaviate (dev)', () => {
  test('one replica, no zone anti-affinity, no PDB', () => {
    const values = releaseValues(build({ engine: 'weaviate', preset: 'dev' }).workloadsJson);
    expect([values.replicas, values.affinity, values.podDisruptionBudgets, values.storage.size]).toEqual([1, {}, { weaviate: { enabled: false } }, '10Gi']);
  });
});
