import { parse } from 'yaml';
import { onlyResource, resourceAt, resourceList } from '../helpers/synth';
import { build, releaseValues, resolveIn, secretLiterals } from './fixture';

describe('FeastFeatureStore (workloads)', () => {
  const b = build({ project: 'driver_stats', featureServer: { offline: true, ui: true }, materialization: { schedule: '*/30 * * * *', views: ['driver_hourly', 'trips'] } });
  const online = releaseValues(b.workloadsJson, 'online-server');

  test('the AUTH token is synced into a Secret by an ExternalSecret, and everything waits for it', () => {
    const es = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'feast/redis-auth/external-secret').manifest;
    expect([es.metadata, es.spec.target.name, es.spec.data]).toEqual([
      { name: 'feast-redis-auth', namespace: 'feast' },
      'feast-redis-auth',
      [{ secretKey: 'password', remoteRef: { key: 'test/dev/feast/feast-redis-auth', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } }],
    ]);
    const dependsOn = ['kubernetes_manifest.feast_redis-auth_external-secret_0D75001A'];
    for (const r of resourceList(b.workloadsJson, 'helm_release')) expect(r.depends_on).toEqual(dependsOn);
    expect(onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1').depends_on).toEqual(dependsOn);
  });

  test('one release per mode of the pinned chart, named <name>-<mode>', () => {
    expect(resourceList(b.workloadsJson, 'helm_release').map((r) => [r.name, r.chart, r.version, r.repository, r.namespace])).toEqual([
      ['feast-online', 'feast-feature-server', '0.66.0', 'https://feast-helm-charts.storage.googleapis.com', 'feast'],
      ['feast-offline', 'feast-feature-server', '0.66.0', 'https://feast-helm-charts.storage.googleapis.com', 'feast'],
      ['feast-ui', 'feast-feature-server', '0.66.0', 'https://feast-helm-charts.storage.googleapis.com', 'feast'],
    ]);
    expect([online.feast_mode, releaseValues(b.workloadsJson, 'offline-server').feast_mode, releaseValues(b.workloadsJson, 'ui-server').feast_mode]).toEqual(['online', 'offline', 'ui']);
  });

  test('online server: pinned image, 2 replicas spread over nodes, metrics on, probes, resources, hardened', () => {
    expect([online.fullnameOverride, online.replicaCount, online.image, online.metrics, online.serviceAccount]).toEqual([
      'feast-online',
      2,
      { repository: 'quay.io/feastdev/feature-server', tag: '0.66.0' },
      { enabled: true },
      { name: 'feast' },
    ]);
    expect([online.livenessProbe, online.readinessProbe]).toEqual([
      { initialDelaySeconds: 30, periodSeconds: 20 },
      { initialDelaySeconds: 10, periodSeconds: 10 },
    ]);
    expect(online.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } });
    expect(online.podSecurityContext).toEqual({ runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(online.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect([online.volumes, online.volumeMounts]).toEqual([[{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }], [{ name: 'tmp', mountPath: '/tmp' }]]);
    expect(online.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels).toEqual({
      'app.kubernetes.io/instance': 'feast-online',
      'app.kubernetes.io/name': 'feast-feature-server',
    });
  });

  test('offline and UI servers: one replica, no metrics; only the UI has a writable root file system', () => {
    const offline = releaseValues(b.workloadsJson, 'offline-server');
    const ui = releaseValues(b.workloadsJson, 'ui-server');
    expect([offline.replicaCount, offline.metrics, offline.affinity, offline.securityContext.readOnlyRootFilesystem]).toEqual([1, { enabled: false }, undefined, true]);
    expect([ui.replicaCount, ui.metrics, ui.securityContext.readOnlyRootFilesystem]).toEqual([1, { enabled: false }, false]);
  });

  test('the password reaches the containers only by secretKeyRef', () => {
    expect(online.extraEnvs).toEqual([
      { name: 'FEAST_REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'feast-redis-auth', key: 'password' } } },
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      { name: 'HOME', value: '/tmp' },
    ]);
    expect(secretLiterals(b.workloadsJson)).toEqual([]);
    expect(secretLiterals(resourceList(b.workloadsJson, 'helm_release').map((r) => parse(r.values[0])))).toEqual([]);
  });

  test('servers and CronJob get the same base64 feature_store.yaml', () => {
    const expected = resolveIn(b.store, b.store.featureStoreYamlBase64);
    expect(expected).toBe('${local.feast_feature-store-yaml-base64_7A8CF48B}');
    const locals = (b.workloadsJson as any).locals;
    expect(Object.keys(locals)).toEqual(['feast_feature-store-yaml-base64_7A8CF48B']);
    expect(locals['feast_feature-store-yaml-base64_7A8CF48B']).toMatch(/^\$\{base64encode\("project: driver_stats\\nprovider: aws\\n.*password=\$FEAST_REDIS_PASSWORD\\n.*entity_key_serialization_version: 3\\n"\)\}$/);
    for (const id of ['online-server', 'offline-server', 'ui-server']) expect(releaseValues(b.workloadsJson, id).feature_store_yaml_base64).toBe(expected);
    const env = onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1').spec.job_template.spec.template.spec.container[0].env;
    expect(env[0]).toEqual({ name: 'FEATURE_STORE_YAML_BASE64', value: expected });
  });

  test('materialization CronJob: schedule, Forbid, history limits, deadlines, same identity and config, hardened', () => {
    const cron = onlyResource(b.workloadsJson, 'kubernetes_cron_job_v1');
    expect(cron.metadata).toEqual({ name: 'feast-materialize', namespace: 'feast', labels: { 'mlops.cdktf.io/component': 'featurestore', 'app.kubernetes.io/name': 'feast-materialize' } });
    const { job_template: jobTemplate, ...spec } = cron.spec;
    expect(spec).toEqual({
      schedule: '*/30 * * * *',
      timezone: 'Etc/UTC',
      concurrency_policy: 'Forbid',
      successful_jobs_history_limit: 3,
      failed_jobs_history_limit: 3,
      starting_deadline_seconds: 600,
    });
    expect([jobTemplate.spec.backoff_limit, jobTemplate.spec.active_deadline_seconds, jobTemplate.spec.ttl_seconds_after_finished]).toEqual([2, 10800, '604800']);
    const pod = jobTemplate.spec.template.spec;
    expect([pod.restart_policy, pod.service_account_name, pod.security_context]).toEqual(['Never', 'feast', { run_as_non_root: true, run_as_user: '1001', seccomp_profile: { type: 'RuntimeDefault' } }]);
    const c = pod.container[0];
    expect([c.image, c.command]).toEqual([
      'quay.io/feastdev/feature-server:0.66.0',
      ['/bin/sh', '-c', 'exec feast materialize-incremental "$(date -u +%Y-%m-%dT%H:%M:%S)" --views driver_hourly --views trips'],
    ]);
    expect(c.env.slice(1)).toEqual([
      { name: 'FEAST_REDIS_PASSWORD', value_from: { secret_key_ref: { name: 'feast-redis-auth', key: 'password' } } },
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      { name: 'HOME', value: '/tmp' },
    ]);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '4Gi' } });
    expect(c.security_context).toEqual({ allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, run_as_non_root: true, capabilities: { drop: ['ALL'] } });
    expect([pod.volume, c.volume_mount]).toEqual([[{ name: 'tmp', empty_dir: { size_limit: '1Gi' } }], [{ name: 'tmp', mount_path: '/tmp' }]]);
  });

  test('typed outputs: in-cluster URLs of every server', () => {
    expect([b.store.featureServerUrl, b.store.offlineServerUrl, b.store.uiUrl]).toEqual([
      'http://feast-online.feast.svc.cluster.local:80',
      'http://feast-offline.feast.svc.cluster.local:80',
      'http://feast-ui.feast.svc.cluster.local:80',
    ]);
    expect(resolveIn(b.store, b.store.onlineStoreEndpoint)).toBe('${aws_elasticache_replication_group.feast_online-store_replication-group_733AB835.primary_endpoint_address}:6379');
  });

  test('dev defaults: one online server without anti-affinity; materialization off removes the CronJob', () => {
    const dev = build({ project: 'p', preset: 'dev', materialization: { enabled: false } });
    const values = releaseValues(dev.workloadsJson, 'online-server');
    expect([values.replicaCount, values.affinity]).toEqual([1, undefined]);
    expect(resourceList(dev.workloadsJson, 'kubernetes_cron_job_v1')).toEqual([]);
    expect(resourceList(dev.workloadsJson, 'helm_release').map((r) => r.name)).toEqual(['feast-online']);
    expect(onlyResource(build({ project: 'p' }).workloadsJson, 'kubernetes_cron_job_v1').spec.schedule).toBe('5 * * * *');
  });

  test('user overrides deep-merge into every server release', () => {
    const o = build({ project: 'p', featureServer: { overrides: { logLevel: 'INFO', nodeSelector: { pool: 'cpu' } } } });
    const values = releaseValues(o.workloadsJson, 'online-server');
    expect([values.logLevel, values.nodeSelector, values.feast_mode]).toEqual(['INFO', { pool: 'cpu' }, 'online']);
  });
});
