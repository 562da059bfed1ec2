import { parse } from 'yaml';
import { onlyResource, policy, resourceAt, resourceList } from '../helpers/synth';
import { build, releaseValues } from './fixture';

const BUCKET = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.bucket}';
const BUCKET_ARN = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}';
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
      Sid: 'Objects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `${BUCKET_ARN}/*`,
    });
  });

  test('no snapshot job and no expiry of live data', () => {
    expect(resourceList(b.workloadsJson, 'kubernetes_cron_job_v1')).toEqual([]);
    const rule = onlyResource(b.cloudJson, 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(rule).not.toHaveProperty('expiration');
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  test('typed outputs', () => {
    expect(b.db.endpoint).toEqual({ http: 'http://milvus.vectordb.svc.cluster.local:19530', grpc: 'milvus.vectordb.svc.cluster.local:19530' });
    expect([b.db.clientSecretName, b.db.readOnlySecretName]).toEqual(['milvus-root', undefined]);
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
