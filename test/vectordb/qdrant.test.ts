import { parse } from 'yaml';
import { onlyResource, policy, resourceAt, resourceList } from '../helpers/synth';
import { allStrings, build, JOB_CONTAINER_SECURITY_CONTEXT, releaseValues } from './fixture';

const BUCKET = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.bucket}';
const BUCKET_ARN = '${aws_s3_bucket.vectordb_backup-bucket_147E9466.arn}';

describe('VectorDatabase with Qdrant (prod)', () => {
  const b = build({ engine: 'qdrant', clientNamespaces: ['rag'] });
  const values = releaseValues(b.workloadsJson);

  test('the pinned chart, in the workloads layer, after the credentials are synced', () => {
    const release = onlyResource(b.workloadsJson, 'helm_release');
    expect([release.chart, release.version, release.repository, release.name, release.namespace]).toEqual([
      'qdrant',
      '1.19.0',
      'https://qdrant.github.io/qdrant-helm',
      'qdrant',
      'vectordb',
    ]);
    expect(release.depends_on).toEqual(['kubernetes_manifest.vectordb_credentials_external-secret_AA38E41B']);
  });

  test('auth: API key and read-only key come from the synced Secret, never the chart secret', () => {
    expect(values.env).toEqual([
      { name: 'QDRANT__SERVICE__API_KEY', valueFrom: { secretKeyRef: { name: 'qdrant-api-keys', key: 'api-key' } } },
      { name: 'QDRANT__SERVICE__READ_ONLY_API_KEY', valueFrom: { secretKeyRef: { name: 'qdrant-api-keys', key: 'read-only-api-key' } } },
    ]);
    expect(values).not.toHaveProperty('apiKey');
    expect(values).not.toHaveProperty('readOnlyApiKey');
    const synced = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'vectordb/credentials/external-secret').manifest;
    expect(synced.spec.target.template.data).toEqual({ 'api-key': '{{ .value | substr 0 32 }}', 'read-only-api-key': '{{ .value | substr 32 64 }}' });
    expect(synced.spec.data).toEqual([
      { secretKey: 'value', remoteRef: { key: 'test/dev/vectordb/qdrant', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } },
    ]);
    const readOnly = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'vectordb/read-only-credentials/external-secret').manifest;
    expect([readOnly.metadata.name, readOnly.spec.target.template.data]).toEqual(['qdrant-read-only-api-key', { 'read-only-api-key': '{{ .value | substr 32 64 }}' }]);
  });

  test('the generated value is 64 characters, written write-only', () => {
    const ephemeral = (b.cloudJson as any).ephemeral.aws_secretsmanager_random_password;
    expect(Object.values<any>(ephemeral).map((e) => [e.password_length, e.exclude_punctuation, e.require_each_included_type])).toEqual([[64, true, false]]);
    const version = onlyResource(b.cloudJson, 'aws_secretsmanager_secret_version');
    expect(version).not.toHaveProperty('secret_string');
    expect(version.secret_string_wo).toMatch(/^\$\{ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}$/);
    expect(onlyResource(b.cloudJson, 'aws_secretsmanager_secret').name).toBe('test/dev/vectordb/qdrant');
  });

  test('service ClusterIP', () => {
    expect(values.service).toEqual({ type: 'ClusterIP' });
  });

  test('persistence, replicas, cluster mode, zone anti-affinity, PDB, resources', () => {
    expect(values.persistence).toEqual({ size: '50Gi', storageClassName: 'gp3-encrypted' });
    expect(values.replicaCount).toBe(3);
    expect(values.config.cluster).toEqual({ enabled: true });
    expect(values.affinity).toEqual({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'qdrant', 'app.kubernetes.io/instance': 'qdrant' } }, topologyKey: 'topology.kubernetes.io/zone' },
        ],
      },
    });
    expect(values.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(values.resources).toEqual({ requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } });
  });

  test('non-root: unprivileged image, no root chown init container, hardened contexts', () => {
    expect([values.image, values.updateVolumeFsOwnership]).toEqual([{ useUnprivilegedImage: true }, false]);
    expect(values.containerSecurityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 2000,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(values.podSecurityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 2000,
      fsGroup: 3000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('backups: S3 snapshot storage with the bucket and region only (no static keys)', () => {
    expect(values.config.storage).toEqual({ snapshots_config: { snapshots_storage: 's3', s3_config: { bucket: BUCKET, region: 'us-east-1' } } });
    // object_store 0.14.1 (Qdrant v1.19.0) tries static keys, web identity and the ECS relative URI
    // before EKS Pod Identity: none of them may be set, or they take precedence.
    const precedence = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
    expect(values.env.map((e: { name: string }) => e.name).filter((n: string) => precedence.includes(n))).toEqual([]);
    expect(values.env.length).toBeGreaterThan(0);
  });

  test('IAM: the pod identity of service account vectordb/qdrant may use exactly its bucket', () => {
    const association = resourceAt(b.cloudJson, 'aws_eks_pod_identity_association', 'vectordb/server-role/association');
    expect([association.cluster_name, association.namespace, association.service_account]).toEqual(['test-cluster', 'vectordb', 'qdrant']);
    expect(policy(resourceAt(b.cloudJson, 'aws_iam_role_policy', 'vectordb/server-role/policy').policy).Statement).toEqual([
      { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: BUCKET_ARN },
      { Sid: 'DataList', Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: BUCKET_ARN },
      {
        Sid: 'DataObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: `${BUCKET_ARN}/*`,
      },
    ]);
  });

  test('snapshot CronJob: pinned image, API key from the Secret, every node, no Terraform interpolation', () => {
    const job = onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1');
    expect([job.metadata.name, job.metadata.namespace, job.spec.schedule, job.spec.concurrency_policy]).toEqual(['qdrant-snapshot', 'vectordb', '0 3 * * *', 'Forbid']);
    const pod = job.spec.job_template.spec.template.spec;
    const container = pod.container[0];
    expect(container.image).toBe('curlimages/curl:8.11.1');
    expect(container.env).toEqual([{ name: 'API_KEY', value_from: { secret_key_ref: { name: 'qdrant-api-keys', key: 'api-key' } } }]);
    expect(container.security_context).toEqual(JOB_CONTAINER_SECURITY_CONTEXT);
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '100', run_as_group: '101', seccomp_profile: { type: 'RuntimeDefault' } });
    const script: string = container.command[2];
    expect(script).toContain('for i in $(seq 0 2); do');
    expect(script).toContain('node="http://qdrant-$i.qdrant-headless.vectordb.svc.cluster.local:6333"');
    expect(script).toContain('"$node/collections/$c/snapshots?wait=true"');
    expect(script).not.toContain('${');
    expect(script).not.toContain('%{');
    expect(job.depends_on).toEqual(['helm_release.vectordb_chart_release_D36184B9']);
  });

  test('typed outputs', () => {
    expect(b.db.endpoint).toEqual({ http: 'http://qdrant.vectordb.svc.cluster.local:6333', grpc: 'qdrant.vectordb.svc.cluster.local:6334' });
    expect([b.db.clientSecretName, b.db.readOnlySecretName, b.db.secretKeys]).toEqual(['qdrant-api-keys', 'qdrant-read-only-api-key', ['api-key', 'read-only-api-key']]);
    expect(b.db.backupBucketName).toBe(b.cloud.bucketName);
    // the snapshot job needs no AWS access: Qdrant uploads with its own role
    expect([b.cloud.backupBucket === b.cloud.bucket, b.cloud.backupRole, b.platform.backupServiceAccount, b.db.dataBucketName]).toEqual([true, undefined, undefined, undefined]);
  });

  test('no secret literal anywhere in the three stacks', () => {
    const strings = [b.cloudJson, b.platformJson, b.workloadsJson].flatMap((j) => allStrings(j));
    expect(strings.filter((s) => /^[A-Za-z0-9]{24,}$/.test(s))).toEqual([]);
    const release = onlyResource(b.workloadsJson, 'helm_release');
    expect(release).not.toHaveProperty('set_sensitive');
    expect(JSON.stringify(parse(release.values[0]))).not.toMatch(/api_key"\s*:\s*"[^$]/);
  });
});

describe('VectorDatabase with Qdrant (dev)', () => {
  const values = releaseValues(build({ engine: 'qdrant', preset: 'dev' }).workloadsJson);

  test('one replica without cluster mode, no anti-affinity, no PDB, 10Gi', () => {
    expect([values.replicaCount, values.config.cluster, values.affinity, values.podDisruptionBudget, values.persistence.size]).toEqual([
      1,
      { enabled: false },
      {},
      { enabled: false, maxUnavailable: 1 },
      '10Gi',
    ]);
  });

  test('user overrides land on top', () => {
    const b = build({ engine: 'qdrant', preset: 'dev', qdrant: { overrides: { podAnnotations: { team: 'rag' } } } });
    expect(releaseValues(b.workloadsJson).podAnnotations).toEqual({ team: 'rag' });
    expect(resourceList(b.workloadsJson, 'kubernetes_cron_job_v1')[0].spec.job_template.spec.template.spec.container[0].command[2]).toContain('for i in $(seq 0 0); do');
  });
});
