// Internal, but the function cdktf itself resolves tokens with (as in test/helpers/synth.ts).
import { resolve } from 'cdktf/lib/_tokens';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { onlyResource, resourceAt, TfJson } from '../helpers/synth';
import { mlflowClientUserScript } from '../../src/mlflow/mlflow-client-user';
import { allStrings, mlflowFixture } from './fixture';

const BUCKET_NAME = '${aws_s3_bucket.mlflow_artifacts_bucket_9492309D.bucket}';
const BUCKET_ARN = '${aws_s3_bucket.mlflow_artifacts_bucket_9492309D.arn}';
const KEY_ARN = '${aws_kms_key.mlflow_kms-key_F913F9EF.arn}';
const DB_HOST = '${aws_db_instance.mlflow_database_instance_5F2011EE.address}';
const DB_SECRET_ARN = '${aws_db_instance.mlflow_database_instance_5F2011EE.master_user_secret[0].secret_arn}';

function values(json: TfJson): any {
  return parse(onlyResource(json, 'helm_release').values[0]);
}

const PROD_VALUES = {
  replicaCount: 2,
  image: { repository: 'burakince/mlflow', tag: '3.15.1', pullPolicy: 'IfNotPresent' },
  initImages: { mlflowDbMigration: { repository: 'burakince/mlflow', tag: '3.15.1', pullPolicy: 'IfNotPresent' } },
  serviceAccount: { create: true, automount: false, name: 'mlflow' },
  podSecurityContext: { fsGroup: 1001, fsGroupChangePolicy: 'OnRootMismatch' },
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 1001,
    runAsNonRoot: true,
    runAsUser: 1001,
  },
  service: { enabled: true, type: 'ClusterIP', port: 80, containerPort: 5000 },
  telemetry: { enabled: false },
  backendStore: {
    databaseMigration: true,
    databaseConnectionCheck: true,
    postgres: { enabled: true, host: DB_HOST, port: 5432, database: 'mlflow' },
    existingDatabaseSecret: { name: 'mlflow-db', usernameKey: 'username', passwordKey: 'password' },
  },
  artifactRoot: { proxiedArtifactStorage: true, s3: { enabled: true, bucket: BUCKET_NAME, path: 'artifacts' } },
  auth: {
    enabled: true,
    appName: 'basic-auth',
    defaultPermission: 'READ',
    existingAdminSecret: { name: 'mlflow-admin', usernameKey: 'username', passwordKey: 'password' },
    postgres: {
      enabled: true,
      host: DB_HOST,
      port: 5432,
      database: 'mlflow',
      existingSecret: { name: 'mlflow-db', usernameKey: 'username', passwordKey: 'password-urlencoded' },
    },
  },
  extraEnvVars: { AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', PGSSLMODE: 'require' },
  serverAllowedHosts: [
    'mlflow',
    'mlflow:*',
    'mlflow.mlflow',
    'mlflow.mlflow:*',
    'mlflow.mlflow.svc',
    'mlflow.mlflow.svc:*',
    'mlflow.mlflow.svc.cluster.local',
    'mlflow.mlflow.svc.cluster.local:*',
  ],
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
  livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
  readinessProbe: { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
  nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'mlflow', 'app.kubernetes.io/name': 'mlflow' } } },
        },
      ],
    },
  },
};

describe('MlflowTrackingServer', () => {
  const f = mlflowFixture();
  const json = f.workloadsJson();

  it('installs the pinned chart after both Secrets are synced', () => {
    const { '//': _m, values: _v, ...release } = onlyResource(json, 'helm_release');
    expect(release).toEqual({
      name: 'mlflow',
      namespace: 'mlflow',
      create_namespace: false,
      repository: 'https://community-charts.github.io/helm-charts',
      chart: 'mlflow',
      version: '1.11.5',
      timeout: 600,
      wait: true,
      atomic: false,
      cleanup_on_fail: true,
      max_history: 10,
      depends_on: ['kubernetes_manifest.mlflow_database-secret_external-secret_4B23F32F', 'kubernetes_manifest.mlflow_admin-secret_external-secret_8DE5059F'],
    });
  });

  it('sets exactly these chart values (prod)', () => {
    expect(values(json)).toEqual(PROD_VALUES);
  });

  it('dev: one replica, smaller resources, no anti-affinity', () => {
    const v = values(mlflowFixture({ cloud: { preset: 'dev' } }).workloadsJson());
    expect([v.replicaCount, v.resources, v.affinity]).toEqual([1, { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }, undefined]);
  });

  it('adds an internal ALB ingress and its host to the allowed hosts', () => {
    const v = values(mlflowFixture({ server: { ingress: { host: 'mlflow.internal.example.com' } } }).workloadsJson());
    expect(v.ingress).toEqual({
      enabled: true,
      className: 'alb',
      annotations: { 'alb.ingress.kubernetes.io/scheme': 'internal', 'alb.ingress.kubernetes.io/target-type': 'ip' },
      hosts: [{ host: 'mlflow.internal.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
    });
    expect(v.serverAllowedHosts.slice(-2)).toEqual(['mlflow.internal.example.com', 'mlflow.internal.example.com:*']);
  });

  it('deep-merges overrides', () => {
    const v = values(mlflowFixture({ server: { overrides: { log: { level: 'debug' } }, defaultPermission: 'NO_PERMISSIONS' } }).workloadsJson());
    expect([v.log, v.auth.defaultPermission]).toEqual([{ level: 'debug' }, 'NO_PERMISSIONS']);
  });

  it('syncs the RDS-managed secret with a URL-encoded password for the auth database URL', () => {
    const m = resourceAt(json, 'kubernetes_manifest', 'mlflow/database-secret/external-secret');
    expect(m.manifest).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'mlflow-db', namespace: 'mlflow' },
      spec: {
        refreshInterval: '15m',
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
        target: {
          name: 'mlflow-db',
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          template: { engineVersion: 'v2', mergePolicy: 'Merge', type: 'Opaque', data: { 'password-urlencoded': '{{ .password | urlquery | replace "%" "%%" }}' } },
        },
        dataFrom: [{ extract: { key: DB_SECRET_ARN, conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } }],
      },
    });
    expect(f.server.databaseSecret.keys).toEqual(['password', 'password-urlencoded', 'username']);
  });

  it('syncs the admin secret with client variables', () => {
    const m = resourceAt(json, 'kubernetes_manifest', 'mlflow/admin-secret/external-secret');
    expect(m.manifest.spec.target.template.data).toEqual({ MLFLOW_TRACKING_PASSWORD: '{{ .password }}', MLFLOW_TRACKING_USERNAME: '{{ .username }}' });
    expect(m.manifest.spec.dataFrom).toEqual([{ extract: { key: 'test/dev/mlflow/admin', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } }]);
    expect(f.server.adminSecret.keys).toEqual(['MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_USERNAME', 'password', 'username']);
  });

  it('puts no credential in the Helm values or anywhere in the workloads JSON', () => {
    const v = values(json);
    expect([v.auth.adminPassword, v.auth.adminUsername, v.backendStore.postgres.password, v.backendStore.postgres.user, v.auth.postgres.password, v.flaskServerSecretKey]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(v.artifactRoot.s3).not.toHaveProperty('awsAccessKeyId');
    expect(v.artifactRoot.s3).not.toHaveProperty('awsSecretAccessKey');
    const leaves = allStrings(v).map(([path]) => path.split('.').pop()!.replace(/\[\d+\]$/, ''));
    expect(leaves.filter((key) => /(password|secret|token|accesskey)/i.test(key) && !/Key$/.test(key))).toEqual([]);
    for (const [, text] of allStrings(json)) expect(text).not.toMatch(/:\/\/[^:/\s]+:[^@\s]+@/);
  });

  it('exposes the handle', () => {
    const s = f.server;
    expect(resolve(f.cloud, {
      trackingUri: s.trackingUri,
      namespace: s.namespace,
      artifactBucketName: s.artifactBucketName,
      artifactBucketArn: s.artifactBucketArn,
      artifactPrefix: s.artifactPrefix,
      artifactRootUri: s.artifactRootUri,
      clientSecretName: s.clientSecretName,
    })).toEqual({
      trackingUri: 'http://mlflow.mlflow.svc.cluster.local',
      namespace: 'mlflow',
      artifactBucketName: BUCKET_NAME,
      artifactBucketArn: BUCKET_ARN,
      artifactPrefix: 'artifacts',
      artifactRootUri: `s3://${BUCKET_NAME}/artifacts`,
      clientSecretName: 'mlflow-client',
    });
  });

  it('gives serving read-only statements on the model prefix', () => {
    const statements = f.server.modelReadStatements('1/models');
    expect(resolve(f.cloud, statements)).toEqual([
      { Sid: 'MlflowModelsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET_ARN, Condition: { StringLike: { 's3:prefix': ['artifacts/1/models', 'artifacts/1/models/*'] } } },
      { Sid: 'MlflowModelsObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/artifacts/1/models/*` },
      {
        Sid: 'MlflowModelsKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: KEY_ARN,
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': BUCKET_ARN } },
      },
    ]);
  });
});

describe('syncClientCredentials', () => {
  test('syncs only the two tracking variables of the client user (not the admin) into the client namespace', () => {
    const f = mlflowFixture();
    const synced = f.server.syncClientCredentials(f.server.node.scope!, 'retrain-credentials', { namespace: 'mlops-drift' });
    expect(synced.secretName).toBe('mlflow-credentials');
    const es = Object.values<any>((f.workloadsJson() as any).resource.kubernetes_manifest)
      .map((r) => r.manifest)
      .find((m) => m.kind === 'ExternalSecret' && m.metadata.namespace === 'mlops-drift');
    expect(es.metadata.name).toBe('mlflow-credentials');
    // the Go-template comment renders nothing; it changes the spec with the credentials version (immediate re-sync)
    expect(es.spec.target.template.data).toEqual({ MLFLOW_TRACKING_USERNAME: '{{ .username }}', MLFLOW_TRACKING_PASSWORD: '{{ .password }}{{/* credentials version 1 */}}' });
    expect(es.spec.target.template.mergePolicy ?? 'Replace').toBe('Replace');
    expect(es.spec.dataFrom[0].extract.key).toBe(f.cloud.clientSecret.secretName);
    expect(es.spec.dataFrom[0].extract.key).not.toBe(f.cloud.adminSecret.secretName);
  });
});

describe('the client user (MlflowClientUser)', () => {
  const f = mlflowFixture();
  const json = f.workloadsJson();
  const job = onlyResource(json, 'kubernetes_job_v1');
  const pod = job.spec.template.spec;
  const container = pod.container[0];
  const script: string = container.command[2];
  const manifests = Object.entries<any>((json as any).resource.kubernetes_manifest);

  test('the client Secret in the MLflow namespace: every field of the value (username, version, password) plus the tracking variables', () => {
    const es = manifests.map(([, r]) => r.manifest).find((m) => m.metadata.name === 'mlflow-client');
    expect([es.metadata.namespace, es.spec.dataFrom[0].extract.key]).toEqual(['mlflow', f.cloud.clientSecret.secretName]);
    expect(es.spec.target.template).toMatchObject({
      mergePolicy: 'Merge',
      data: { MLFLOW_TRACKING_USERNAME: '{{ .username }}', MLFLOW_TRACKING_PASSWORD: '{{ .password }}{{/* credentials version 1 */}}' },
    });
    expect(f.server.clientUserSecret.keys).toEqual(['MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_USERNAME', 'password', 'username', 'version']);
  });

  test('a Job Terraform waits for, after the release and both Secrets', () => {
    expect([job.metadata.name, job.metadata.namespace, job.wait_for_completion]).toEqual(['mlflow-client-user', 'mlflow', true]);
    const manifest = (name: string) => `kubernetes_manifest.${manifests.find(([, r]) => r.manifest.metadata.name === name)![0]}`;
    expect(job.depends_on).toEqual([`helm_release.${Object.keys((json as any).resource.helm_release)[0]}`, manifest('mlflow-admin'), manifest('mlflow-client')]);
    expect([job.spec.backoff_limit, job.spec.active_deadline_seconds]).toEqual([6, 600]);
  });

  test('credentials only from the Secrets; the admin\'s reach curl in a file on a memory volume, not its command line', () => {
    expect(container.env).toEqual([
      { name: 'ADMIN_USER', value_from: { secret_key_ref: { name: 'mlflow-admin', key: 'username' } } },
      { name: 'ADMIN_PASSWORD', value_from: { secret_key_ref: { name: 'mlflow-admin', key: 'password' } } },
      { name: 'CLIENT_USER', value_from: { secret_key_ref: { name: 'mlflow-client', key: 'username' } } },
      { name: 'CLIENT_PASSWORD', value_from: { secret_key_ref: { name: 'mlflow-client', key: 'password' } } },
      { name: 'SECRET_VERSION', value_from: { secret_key_ref: { name: 'mlflow-client', key: 'version' } } },
      { name: 'EXPECTED_VERSION', value: '1' },
    ]);
    expect(script).toContain('-K /tmp/admin.curlrc');
    expect(script).not.toMatch(/curl[^|\n]*(-u |--user )/);
    expect(pod.volume).toEqual([{ name: 'tmp', empty_dir: { medium: 'Memory', size_limit: '16Mi' } }]);
  });

  test('Terraform-safe: no interpolation, `%{` only escaped as `%%{`', () => {
    expect(script).not.toContain('${');
    expect(script.replace(/%%\{/g, '')).not.toContain('%{');
    expect(script).toContain("-w '%%{http_code}'");
  });

  test('non-root, read-only root filesystem, no service account token, no service links', () => {
    expect(container.image).toBe('curlimages/curl:8.11.1');
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '100', run_as_group: '101', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(container.security_context).toEqual({ allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, run_as_non_root: true, capabilities: { drop: ['ALL'] } });
    expect([pod.automount_service_account_token, pod.enable_service_links]).toEqual([false, false]);
  });

  test('rotation: clientCredentialsVersion reaches the secret value, both templates and the Job (its env change replaces the Job)', () => {
    const r = mlflowFixture({ cloud: { clientCredentialsVersion: 3 } });
    const w = r.workloadsJson() as any;
    r.server.syncClientCredentials(r.server.node.scope!, 'x', { namespace: 'training' });
    const value = resourceAt(r.cloudJson(), 'aws_secretsmanager_secret_version', 'mlflow/client-secret/value');
    expect(value.secret_string_wo_version).toBe(3);
    expect(value.secret_string_wo).toContain('"version" = "3"');
    const rotated = onlyResource(w, 'kubernetes_job_v1');
    expect(rotated.spec.template.spec.container[0].env.find((e: any) => e.name === 'EXPECTED_VERSION').value).toBe('3');
    const es = Object.values<any>(w.resource.kubernetes_manifest).map((x) => x.manifest).find((m) => m.metadata.name === 'mlflow-client');
    expect(es.spec.target.template.data.MLFLOW_TRACKING_PASSWORD).toBe('{{ .password }}{{/* credentials version 3 */}}');
    const synced = Object.values<any>((r.workloadsJson() as any).resource.kubernetes_manifest).map((x) => x.manifest).find((m) => m.metadata.namespace === 'training');
    expect(synced.spec.target.template.data.MLFLOW_TRACKING_PASSWORD).toBe('{{ .password }}{{/* credentials version 3 */}}');
  });
});

describe('the client user script, run with sh and curl against a stub MLflow', () => {
  beforeAll(() => {
    // the script's own tools; without them the health loop would wait forever
    if (spawnSync('/bin/sh', ['-c', 'command -v curl']).status !== 0) throw new Error('this test runs the Job script: it needs /bin/sh and curl on PATH');
  });

  interface Call { method: string; url: string; auth?: string; type?: string; body: string }

  /** Runs the script against a stub that answers users/get with `getStatus`; returns the exit code, output and the calls. */
  async function run(getStatus: number, env: Record<string, string> = {}, writeStatus = 200): Promise<{ code: number; out: string; calls: Call[] }> {
    const calls: Call[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body });
        const status = req.url === '/health' ? 200 : req.url!.startsWith('/api/2.0/mlflow/users/get') ? getStatus : writeStatus;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-user-'));
    // Terraform turns %%{ into %{ when it renders the string; the shell sees the rendered form
    const script = mlflowClientUserScript(`http://127.0.0.1:${port}`, work).replace(/%%\{/g, '%{');
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', script], {
        env: { PATH: process.env.PATH!, ADMIN_USER: 'admin', ADMIN_PASSWORD: 'AdminPass123', CLIENT_USER: 'mlflow-client', CLIENT_PASSWORD: 'ClientPass456', SECRET_VERSION: '1', EXPECTED_VERSION: '1', ...env },
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code: code ?? -1, out }));
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(work, { recursive: true, force: true });
    return { ...result, calls };
  }
  const admin = `Basic ${Buffer.from('admin:AdminPass123').toString('base64')}`;
  const body = JSON.stringify({ username: 'mlflow-client', password: 'ClientPass456' });

  test('a missing user (404) is created with the JSON body, as the admin', async () => {
    const { code, calls } = await run(404);
    expect(code).toBe(0);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /health', 'GET /api/2.0/mlflow/users/get?username=mlflow-client', 'POST /api/2.0/mlflow/users/create']);
    expect(calls[2]).toEqual({ method: 'POST', url: '/api/2.0/mlflow/users/create', auth: admin, type: 'application/json', body });
    expect(calls[1].auth).toBe(admin);
  });

  test('an existing user (200) gets the password of the Secret', async () => {
    const { code, calls } = await run(200);
    expect(code).toBe(0);
    expect(calls[2]).toEqual({ method: 'PATCH', url: '/api/2.0/mlflow/users/update-password', auth: admin, type: 'application/json', body });
  });

  test('any other answer to the read fails the Job', async () => {
    const { code, out, calls } = await run(401);
    expect(code).toBe(1);
    expect(out).toContain('reading the user failed: HTTP 401');
    expect(calls).toHaveLength(2);
  });

  test('a failed create (400: created meanwhile) or update (500) fails the Job', async () => {
    const create = await run(404, {}, 400);
    expect([create.code, create.calls.length]).toEqual([1, 3]);
    expect(create.out).toContain('create failed: HTTP 400');
    const update = await run(200, {}, 500);
    expect([update.code, update.calls.length]).toEqual([1, 3]);
    expect(update.out).toContain('update-password failed: HTTP 500');
  });

  test('a Secret that does not hold the expected version yet fails before calling MLflow', async () => {
    const { code, out, calls } = await run(404, { SECRET_VERSION: '1', EXPECTED_VERSION: '2' });
    expect([code, calls]).toEqual([1, []]);
    expect(out).toContain('the client Secret holds version 1, not 2 yet');
  });
});
