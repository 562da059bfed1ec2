/** The engine: Argo Workflows (values, archive database, UI handle), Argo Events, the EventBus and the pipeline alerts. */
import { parse } from 'yaml';
import { resourceAt, resourceList, synth, testApp } from '../helpers/synth';
import { ArgoWorkflows } from '../../src/pipelines';
import { addressOf, errorOf, INSTANCE, manifests, refOf, scenario, synthScenario } from './fixture';

const json = synthScenario();
const release = (chart: string, stack = json.platform) => resourceList(stack, 'helm_release').find((r) => r.chart === chart);
const values = (chart: string, stack = json.platform) => parse(release(chart, stack).values[0]);

describe('ArgoWorkflows', () => {
  const v = values('argo-workflows');

  test('pinned chart, after the namespaces and the archive database exist', () => {
    const r = release('argo-workflows');
    expect([r.repository, r.version, r.namespace, r.name]).toEqual(['https://argoproj.github.io/argo-helm', '1.0.18', 'argo', 'argo-workflows']);
    expect(r.depends_on).toEqual([
      addressOf(json.platform, 'kubernetes_namespace_v1', 'argo-workflows/namespace'),
      addressOf(json.platform, 'kubernetes_namespace_v1', 'argo-workflows/pipeline-namespace-ml-pipelines'),
      addressOf(json.platform, 'kubernetes_job_v1', 'argo-workflows/archive/job/job'),
    ]);
  });

  test('artifacts in S3 without static credentials (Pod Identity through minio-go\'s IAM provider)', () => {
    expect(v.useStaticCredentials).toBe(false);
    expect(v.artifactRepository).toEqual({
      archiveLogs: false,
      s3: {
        bucket: refOf(json.cloud, 'aws_s3_bucket', 'argo-storage/artifacts/bucket', 'bucket'),
        endpoint: 's3.us-east-1.amazonaws.com',
        region: 'us-east-1',
        insecure: false,
        keyFormat: 'argo-artifacts/{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}',
      },
    });
    expect(JSON.stringify(v)).not.toMatch(/accessKeySecret|secretKeySecret|useSDKCreds|roleARN/);
  });

  test('the archive in PostgreSQL over TLS, credentials from the archive Secret', () => {
    expect(v.controller.persistence).toEqual({
      archive: true,
      archiveTTL: '30d',
      nodeStatusOffLoad: false,
      postgresql: {
        host: 'mlflow-db.abc.us-east-1.rds.amazonaws.com',
        port: 5432,
        database: 'argo_workflows',
        tableName: 'argo_workflows',
        userNameSecret: { name: 'archive-db', key: 'username' },
        passwordSecret: { name: 'archive-db', key: 'password' },
        ssl: true,
        sslMode: 'require',
      },
    });
  });

  test('pod GC, TTL and retention so finished pods and workflows do not pile up; only template references run', () => {
    expect(v.controller.workflowDefaults).toEqual({ spec: { podGC: { strategy: 'OnPodSuccess', deleteDelayDuration: '60s' }, ttlStrategy: { secondsAfterSuccess: 86400, secondsAfterFailure: 604800 } } });
    expect(v.controller.retentionPolicy).toEqual({ completed: 50, failed: 20, errored: 20 });
    expect(v.controller.workflowRestrictions).toEqual({ templateReferencing: 'Secure' });
  });

  test('controller and server on system nodes, HA in prod; workflow RBAC is the library\'s; full CRDs', () => {
    for (const c of [v.controller, v.server]) expect([c.nodeSelector, c.replicas, c.pdb]).toEqual([{ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }, 2, { enabled: true, minAvailable: 1 }]);
    expect(v.workflow).toEqual({ serviceAccount: { create: false }, rbac: { create: false } });
    expect(v.crds).toEqual({ install: true, full: true, keep: true });
    expect(v.controller.workflowNamespaces).toEqual(['ml-pipelines']);
  });

  test('server: ClusterIP, client auth; the UI handle a front door routes to', () => {
    expect([v.server.serviceType, v.server.authModes, v.server.servicePort]).toEqual(['ClusterIP', ['client'], 2746]);
    const s = scenario({ app: testApp() });
    expect(s.workflows.ui).toEqual({ namespace: 'argo', serviceName: 'argo-workflows-server', port: 2746, path: '/', protocol: 'http', authModes: ['client'] });
  });

  test('the archive database: write-only copies of both credentials, then the Job that creates role and database', () => {
    const secrets = resourceList(json.platform, 'kubernetes_secret_v1').filter((s) => s.metadata.namespace === 'argo').map((s) => [s.metadata.name, Object.keys(s.data_wo).sort(), s.data_wo_revision]);
    expect(secrets).toEqual([
      ['archive-db-master', ['password', 'username'], 1],
      ['archive-db', ['database', 'password', 'username', 'version'], 1],
    ]);
    const job = resourceAt(json.platform, 'kubernetes_job_v1', 'argo-workflows/archive/job/job');
    const env = Object.fromEntries(job.spec.template.spec.container[0].env.map((e: any) => [e.name, e.value ?? `secret:${e.value_from.secret_key_ref.name}/${e.value_from.secret_key_ref.key}`]));
    expect(env).toEqual({
      PGHOST: 'mlflow-db.abc.us-east-1.rds.amazonaws.com',
      PGPORT: '5432',
      PGSSLMODE: 'require',
      PGDATABASE: 'postgres',
      PGCONNECT_TIMEOUT: '10',
      PGAPPNAME: 'cdktf-mlops-database-job',
      PGUSER: 'secret:archive-db-master/username',
      PGPASSWORD: 'secret:archive-db-master/password',
      DB_ROLE: 'argo_workflows',
      DB_NAME: 'argo_workflows',
      DB_ROLE_PASSWORD: 'secret:archive-db/password',
      SECRET_VERSION: 'secret:archive-db/version',
      EXPECTED_VERSION: '1',
    });
  });

  test('no archive: no persistence, no database Job', () => {
    const other = synthScenario({ noArchive: true });
    expect(values('argo-workflows', other.platform).controller.persistence).toBeUndefined();
    expect(resourceList(other.platform, 'kubernetes_job_v1')).toEqual([]);
  });

  test('auth mode server is refused unless explicitly allowed; sso and authModes must agree', () => {
    const s = scenario({ app: testApp() });
    expect(errorOf(() => new ArgoWorkflows(s.platform, 'aw2', { cloud: s.workflowsCloud, archive: { instance: INSTANCE }, authModes: ['server'] }))).toBe(
      'test-platform/aw2: authModes = ["server"] includes "server": anyone who reaches the UI would act as the server\'s service account; use "client" or "sso", or set allowServerAuthMode behind an authenticating front door',
    );
    expect(errorOf(() => new ArgoWorkflows(s.platform, 'aw3', { cloud: s.workflowsCloud, authModes: ['sso'] }))).toContain('sso = (missing) and authModes disagree');
    expect(errorOf(() => new ArgoWorkflows(s.platform, 'aw4', { cloud: s.workflowsCloud }))).toBe(
      'test-platform/aw4: archive = (missing) is required: the storage has archive credentials; pass the PostgreSQL instance (e.g. MlflowCloud.database), or build ArgoWorkflowsStorage without `archive`',
    );
  });
});

describe('ArgoEvents and the EventBus', () => {
  test('chart: pinned, non-root controller on system nodes, only the pinned JetStream version offered', () => {
    const v = values('argo-events');
    expect(release('argo-events').version).toBe('2.4.22');
    expect(v.configs).toEqual({
      nats: { versions: [] },
      jetstream: { versions: [{ version: '2.10.10', natsImage: 'nats:2.10.10', metricsExporterImage: 'natsio/prometheus-nats-exporter:0.14.0', configReloaderImage: 'natsio/nats-server-config-reloader:0.14.0', startCommand: '/nats-server' }] },
    });
    expect(v.global.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 9731 });
    expect(v.controller).toMatchObject({ replicas: 2, pdb: { enabled: true, minAvailable: 1 }, nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } });
    expect(v.webhook).toEqual({ enabled: false });
  });

  test('the alert webhook token is written (write-only) into the events namespace', () => {
    const s = resourceList(json.platform, 'kubernetes_secret_v1').find((x) => x.metadata.namespace === 'argo-events');
    expect([s.metadata.name, Object.keys(s.data_wo)]).toEqual(['alert-webhook-token', ['token']]);
  });

  test('EventBus: JetStream at the pinned version, three persistent replicas on encrypted volumes (prod)', () => {
    const bus = manifests(json.workloads)['EventBus/default'].spec.jetstream;
    expect(bus).toMatchObject({
      version: '2.10.10',
      replicas: 3,
      persistence: { storageClassName: 'gp3-encrypted', accessMode: 'ReadWriteOnce', volumeSize: '10Gi' },
      streamConfig: 'maxAge: 72h\nreplicas: 3\n',
    });
    // authentication and TLS are the controller's (it generates them for every JetStream bus): nothing here turns them off
    expect(JSON.stringify(bus)).not.toMatch(/auth|tls/i);
  });
});

describe('PipelineAlertRules', () => {
  const all = manifests(json.workloads);

  test('scrapes the controller\'s metrics Service, keeping the workflow namespace label', () => {
    expect(all['ServiceMonitor/argo-workflows-controller'].spec).toEqual({
      namespaceSelector: { matchNames: ['argo'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'argo-workflows-workflow-controller', 'app.kubernetes.io/instance': 'argo-workflows' } },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', honorLabels: true }],
    });
  });

  test('alerts on failed runs (first failure included), rollbacks and a missing leader', () => {
    const rules = all['PrometheusRule/mlops-pipelines'].spec.groups[0].rules;
    const failed = 'argo_workflows_workflowtemplate_triggered_total{namespace=~"ml-pipelines", phase=~"Failed|Error"}';
    expect(rules.map((r: any) => [r.alert, r.expr, r.for, r.labels.severity])).toEqual([
      ['MlopsPipelineRunFailed', `(sum by (namespace, name) (increase(${failed}[30m])) > 0) or (sum by (namespace, name) (${failed}) unless sum by (namespace, name) (${failed} offset 30m))`, '0m', 'warning'],
      [
        'MlopsPipelineRolledBack',
        '(sum by (pipeline) (increase(argo_workflows_mlops_pipeline_rollbacks[30m])) > 0) or (sum by (pipeline) (argo_workflows_mlops_pipeline_rollbacks) unless sum by (pipeline) (argo_workflows_mlops_pipeline_rollbacks offset 30m))',
        '0m',
        'warning',
      ],
      ['MlopsPipelineControllerDown', 'absent(argo_workflows_is_leader) or max(argo_workflows_is_leader) < 1', '10m', 'critical'],
    ]);
  });
});

test('the platform stack synthesizes on its own (deployability check passes)', () => {
  const s = scenario({ app: testApp() });
  expect(() => synth(s.platform)).not.toThrow();
});
