import { GpuNodePool, GpuNodePoolProps } from '../../src/compute';
import { DriftMonitor, DriftMonitorCloud, DriftMonitorPlatform, retrainTriggerExpr } from '../../src/monitoring';
import { addresses, cloudStack, platformStack, policy, resourceAt, resourceList, synth, testApp, workloadsStack } from '../helpers/synth';
import { driftScenario, errorOf, KARPENTER, manifests, model, synthAll } from './fixtures';

describe('DriftMonitorCloud', () => {
  test('drift job role: read-only on exactly the reference and current prefixes', () => {
    const json = synthAll(driftScenario()).cloud;
    const doc = policy(resourceAt(json, 'aws_iam_role_policy', 'drift/churn-drift-role/policy').policy);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ListDataPrefixes0', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mlops-data', Condition: { StringLike: { 's3:prefix': ['churn/reference/*'] } } },
        { Sid: 'ListDataPrefixes1', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mlops-inference-logs', Condition: { StringLike: { 's3:prefix': ['churn/current/*'] } } },
        { Sid: 'ReadDataObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::mlops-data/churn/reference/*', 'arn:aws:s3:::mlops-inference-logs/churn/current/*'] },
      ],
    });
    const trust = policy(resourceAt(json, 'aws_iam_role', 'drift/churn-drift-role/role').assume_role_policy);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      'aws:RequestTag/eks-cluster-name': 'test-cluster',
      'aws:RequestTag/kubernetes-namespace': 'mlops-drift',
      'aws:RequestTag/kubernetes-service-account': 'churn-drift',
    });
    const assoc = resourceAt(json, 'aws_eks_pod_identity_association', 'drift/churn-drift-role/association');
    expect([assoc.namespace, assoc.service_account]).toEqual(['mlops-drift', 'churn-drift']);
  });

  test('one bucket for both prefixes: one ListBucket statement; KMS keys only through S3', () => {
    const stack = cloudStack();
    new DriftMonitorCloud(stack, 'drift', {
      clusterName: 'test-cluster',
      models: [
        model({
          referenceDataUri: 's3://mlops-data/churn/reference/',
          currentDataUri: 's3://mlops-data/churn/current/',
          dataKmsKeyArns: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        }),
      ],
    });
    const doc = policy(resourceAt(synth(stack), 'aws_iam_role_policy', 'drift/churn-drift-role/policy').policy);
    expect(doc.Statement).toEqual([
      { Sid: 'ListDataPrefixes0', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mlops-data', Condition: { StringLike: { 's3:prefix': ['churn/current/*', 'churn/reference/*'] } } },
      { Sid: 'ReadDataObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::mlops-data/churn/current/*', 'arn:aws:s3:::mlops-data/churn/reference/*'] },
      {
        Sid: 'DecryptDataViaS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
    ]);
  });

  test('retraining role gets exactly the user policy; Evidently token is generated, never a literal', () => {
    const json = synthAll(driftScenario()).cloud;
    expect(policy(resourceAt(json, 'aws_iam_role_policy', 'drift/churn-retrain-role/policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::mlflow-artifacts/churn/*' }],
    });
    const secret = resourceAt(json, 'aws_secretsmanager_secret', 'drift/evidently-secret/secret');
    expect(secret.name).toBe('test/dev/mlops-drift/evidently');
    expect(secret.lifecycle).toEqual({ prevent_destroy: true });
    const version = resourceAt(json, 'aws_secretsmanager_secret_version', 'drift/evidently-secret/value');
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_string_wo).toMatch(/^\$\{ephemeral\.aws_secretsmanager_random_password\./);
  });

  test('stateful logical ids are pinned', () => {
    const json = synthAll(driftScenario()).cloud;
    expect(addresses(json, 'aws_secretsmanager_secret')).toEqual({ 'aws_secretsmanager_secret.drift_evidently-secret_6E631F52': 'test-cloud/drift/evidently-secret/secret' });
  });

  test.each([
    [{ referenceDataUri: 's3://mlops-data/churn/*' }, 'test-cloud/drift: models[0].referenceDataUri = "s3://mlops-data/churn/*" is not an S3 prefix URI; use s3://<bucket>/<prefix>/ with a non-empty prefix ending in "/" and no wildcards'],
    [{ currentDataUri: 's3://mlops-data/' }, 'test-cloud/drift: models[0].currentDataUri = "s3://mlops-data/" is not an S3 prefix URI; use s3://<bucket>/<prefix>/ with a non-empty prefix ending in "/" and no wildcards'],
    [{ threshold: 1.5 }, 'test-cloud/drift: models[0].threshold = 1.5 is above 1; the share of drifted columns is between 0 and 1'],
    [{ driftJob: { image: 'registry.example.com/drift-check:latest' } }, 'test-cloud/drift: models[0].driftJob.image = "registry.example.com/drift-check:latest" uses the mutable tag "latest"; pin a version tag or a digest'],
    [
      { driftJob: { image: 'registry.example.com/drift-check' } },
      'test-cloud/drift: models[0].driftJob.image = "registry.example.com/drift-check" has no tag; pin a version tag or a digest (use "registry/repository:tag" or "registry/repository@sha256:<digest>")',
    ],
    [
      { driftJob: { image: 'drift:1.0', env: { EVIDENTLY_API_TOKEN: 'tok-1234' } } },
      'test-cloud/drift: models[0].driftJob.env.EVIDENTLY_API_TOKEN = "(redacted)" looks like a literal credential (its name says it is a credential); it would be stored in plain text in the synthesized JSON and the Terraform state, keep secrets out of env: give the job AWS access through Pod Identity (retraining.policy) and read other secrets from Secrets Manager at run time',
    ],
    [
      { schedule: '61 * * * *' },
      'test-cloud/drift: models[0].schedule = "61 * * * *" has an invalid minute field "61" ("61" is not a number from 0 to 59); use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly',
    ],
    [{ schedual: '0 * * * *' }, 'test-cloud/drift: models[0].schedual = "0 * * * *" is not a known prop; did you mean "schedule"?'],
    [{ driftJob: { image: 'drift:1.0', runAsUser: 0 } }, 'test-cloud/drift: models[0].driftJob.runAsUser = 0 is root (0); run as a non-root uid such as 1000'],
    [{ window: '30 minutes' }, 'test-cloud/drift: models[0].window = "30 minutes" is not a Prometheus duration; use e.g. "30m", "1h" or "1d"'],
  ])('invalid model %j', (overrides, message) => {
    expect(errorOf(() => new DriftMonitorCloud(cloudStack(), 'drift', { clusterName: 'test-cluster', models: [model(overrides as any)] }))).toBe(message);
  });

  test('duplicate model names and an empty model list are refused', () => {
    expect(errorOf(() => new DriftMonitorCloud(cloudStack(), 'drift', { clusterName: 'test-cluster', models: [model(), model()] }))).toBe(
      'test-cloud/drift: models = "churn" names a model twice; give each monitored model a unique name',
    );
    expect(errorOf(() => new DriftMonitorCloud(cloudStack(), 'drift', { clusterName: 'test-cluster', models: [] }))).toBe('test-cloud/drift: models = [] is empty; monitor at least one model');
  });

  test('wrong layer is an error', () => {
    expect(errorOf(() => new DriftMonitorCloud(platformStack(), 'drift', { clusterName: 'c', models: [model()] }))).toBe(
      'test-platform/drift: DriftMonitorCloud belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
    );
  });
});

describe('DriftMonitorPlatform', () => {
  test('volumes are created after the namespace (their namespace is a literal name, not a reference)', () => {
    const platform = synthAll(driftScenario()).platform;
    const claims = Object.values<any>(platform.resource.kubernetes_persistent_volume_claim_v1);
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(['evidently', 'pushgateway']);
    for (const c of claims) expect(c.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_namespace_v1\.drift_namespace_/)]));
  });

  test('drift CronJob: user image, one run at a time, history limits, data and Evidently env, secret by reference', () => {
    const json = synthAll(driftScenario()).platform;
    const cron = resourceAt(json, 'kubernetes_cron_job_v1', 'drift/churn-drift/cron-job');
    const spec = cron.spec;
    expect([spec.schedule, spec.timezone, spec.concurrency_policy, spec.successful_jobs_history_limit, spec.failed_jobs_history_limit]).toEqual(['0 * * * *', 'Etc/UTC', 'Forbid', 3, 3]);
    const job = spec.job_template.spec;
    expect([job.backoff_limit, job.active_deadline_seconds]).toEqual([2, 7200]);
    const pod = job.template.spec;
    expect([pod.service_account_name, pod.restart_policy, pod.automount_service_account_token]).toEqual(['churn-drift', 'Never', false]);
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '1000', run_as_group: '1000', fs_group: '1000', seccomp_profile: { type: 'RuntimeDefault' } });
    const c = pod.container[0];
    expect([c.image, c.command]).toEqual(['registry.example.com/drift-check:1.2.0', ['python', '-m', 'drift_check']]);
    expect(c.env).toEqual([
      { name: 'MLOPS_MODEL', value: 'churn' },
      { name: 'MLOPS_REFERENCE_DATA_URI', value: 's3://mlops-data/churn/reference/' },
      { name: 'MLOPS_CURRENT_DATA_URI', value: 's3://mlops-inference-logs/churn/current/' },
      { name: 'MLOPS_PUSHGATEWAY_URL', value: 'http://pushgateway.mlops-drift.svc:9091' },
      { name: 'MLOPS_PUSHGATEWAY_JOB', value: 'drift' },
      { name: 'EVIDENTLY_URL', value: 'http://evidently.mlops-drift.svc:8000' },
      { name: 'EVIDENTLY_SECRET', value_from: { secret_key_ref: { name: 'evidently-secret', key: 'token' } } },
      { name: 'EVIDENTLY_PROJECT', value: 'churn' },
    ]);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect(c.security_context).toEqual({ allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, run_as_non_root: true, capabilities: { drop: ['ALL'] } });
  });

  test('Evidently: pinned image, ui command, token from the write-only Secret, probes on /api/version, non-root, internal', () => {
    const json = synthAll(driftScenario()).platform;
    const d = resourceAt(json, 'kubernetes_deployment_v1', 'drift/evidently/deployment');
    expect([d.spec.replicas, d.spec.strategy.type]).toEqual(['1', 'Recreate']);
    const pod = d.spec.template.spec;
    expect(pod.node_selector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '1000', run_as_group: '1000', fs_group: '1000', seccomp_profile: { type: 'RuntimeDefault' } });
    const c = pod.container[0];
    expect(c.image).toBe('evidently/evidently-service:0.7.21');
    expect(c.command).toEqual(['evidently', 'ui', '--host', '0.0.0.0', '--port', '8000', '--workspace', '/workspace']);
    expect(c.env).toEqual([
      { name: 'EVIDENTLY_SECRET', value_from: { secret_key_ref: { name: 'evidently-secret', key: 'token' } } },
      { name: 'DO_NOT_TRACK', value: '1' },
      { name: 'HOME', value: '/tmp' },
    ]);
    expect(c.readiness_probe.http_get).toEqual({ path: '/api/version', port: '8000' });
    expect(c.liveness_probe.http_get).toEqual({ path: '/api/version', port: '8000' });
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } });
    expect(resourceAt(json, 'kubernetes_service_v1', 'drift/evidently/service').spec.type).toBe('ClusterIP');
    const pvc = resourceAt(json, 'kubernetes_persistent_volume_claim_v1', 'drift/evidently/volume');
    expect(pvc.spec).toEqual({ access_modes: ['ReadWriteOnce'], storage_class_name: 'gp3-encrypted', resources: { requests: { storage: '20Gi' } } });
    expect([pvc.lifecycle, pvc.wait_until_bound]).toEqual([{ prevent_destroy: true }, false]);
  });

  test('Evidently Secret is written only through data_wo from an ephemeral read', () => {
    const json = synthAll(driftScenario()).platform;
    const { '//': _m, depends_on: _d, ...secret } = resourceAt(json, 'kubernetes_secret_v1', 'drift/evidently-secret/secret');
    expect(secret).toEqual({
      metadata: { name: 'evidently-secret', namespace: 'mlops-drift' },
      type: 'Opaque',
      data_wo: { token: '${ephemeral.aws_secretsmanager_secret_version.drift_evidently-secret_read_236DA2A7.secret_string}' },
      data_wo_revision: 1,
    });
    const read = Object.values<any>(json.ephemeral.aws_secretsmanager_secret_version)[0];
    expect([read.secret_id, read.version_stage]).toEqual(['test/dev/mlops-drift/evidently', 'AWSCURRENT']);
    expect(json.terraform.required_version).toBe('>= 1.11.0');
  });

  test('Pushgateway: pinned image, persistence on its volume, health probes, uid 65534', () => {
    const json = synthAll(driftScenario()).platform;
    const c = resourceAt(json, 'kubernetes_deployment_v1', 'drift/pushgateway/deployment').spec.template.spec.container[0];
    expect(c.image).toBe('prom/pushgateway:v1.11.2');
    expect(c.args).toEqual(['--web.listen-address=:9091', '--persistence.file=/data/pushgateway.metrics', '--persistence.interval=1m']);
    expect([c.readiness_probe.http_get.path, c.liveness_probe.http_get.path]).toEqual(['/-/ready', '/-/healthy']);
    expect(resourceAt(json, 'kubernetes_deployment_v1', 'drift/pushgateway/deployment').spec.template.spec.security_context.run_as_user).toBe('65534');
  });

  test('NetworkPolicies: default deny; Evidently from its namespace; Pushgateway from its namespace and Prometheus', () => {
    const json = synthAll(driftScenario()).platform;
    const byName = Object.fromEntries(resourceList(json, 'kubernetes_network_policy_v1').map((p: any) => [p.metadata.name, p.spec]));
    expect(byName['default-deny-ingress']).toEqual({ pod_selector: {}, policy_types: ['Ingress'] });
    expect(byName['evidently-ingress'].ingress).toEqual([
      { from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['mlops-drift'] }] } }], ports: [{ port: '8000', protocol: 'TCP' }] },
    ]);
    expect(byName['pushgateway-ingress'].ingress).toEqual([
      { from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['mlops-drift', 'monitoring'] }] } }], ports: [{ port: '9091', protocol: 'TCP' }] },
    ]);
  });

  test('stateful volumes keep their logical ids', () => {
    const json = synthAll(driftScenario()).platform;
    expect(addresses(json, 'kubernetes_persistent_volume_claim_v1')).toEqual({
      'kubernetes_persistent_volume_claim_v1.drift_evidently_volume_ACCAE7BD': 'test-platform/drift/evidently/volume',
      'kubernetes_persistent_volume_claim_v1.drift_pushgateway_volume_71032EF0': 'test-platform/drift/pushgateway/volume',
    });
  });
});

describe('DriftMonitor', () => {
  test('drift alert: threshold for the window, per model; stale-check alert', () => {
    const s = driftScenario({ modelOverrides: { threshold: 0.4, window: '1h' } });
    const rule = manifests(synthAll(s).workloads)['PrometheusRule/mlops-drift'];
    expect(rule.metadata.namespace).toBe('mlops-drift');
    expect(rule.spec.groups).toHaveLength(1);
    expect(rule.spec.groups[0].name).toBe('mlops.drift.churn');
    expect(rule.spec.groups[0].rules.map((r: any) => [r.alert, r.expr, r.for, r.labels])).toEqual([
      ['MlopsModelDrift', 'max by (model) (mlops_drift_share_of_drifted_columns{job="drift", model="churn"}) > 0.4', '1h', { severity: 'warning', model: 'churn' }],
      ['MlopsDriftCheckStale', 'time() - max by (model) (push_time_seconds{job="drift", model="churn"}) > 93600', '10m', { severity: 'warning', model: 'churn' }],
    ]);
  });

  test('Pushgateway ServiceMonitor keeps pushed labels (honorLabels)', () => {
    const sm = manifests(synthAll(driftScenario()).workloads)['ServiceMonitor/pushgateway'];
    expect(sm.spec).toEqual({
      selector: { matchLabels: { 'mlops.cdktf.io/component': 'drift-monitor', 'app.kubernetes.io/name': 'pushgateway' } },
      endpoints: [{ port: 'http', path: '/metrics', interval: '30s', honorLabels: true }],
    });
  });

  test('retraining ScaledJob: single concurrency, cooldown in the trigger, history limits, gradual rollout', () => {
    const sj = manifests(synthAll(driftScenario({ modelOverrides: {} })).workloads)['ScaledJob/churn-retrain'];
    const { jobTargetRef, triggers, ...rest } = sj.spec;
    expect(rest).toEqual({
      pollingInterval: 60,
      minReplicaCount: 0,
      maxReplicaCount: 1,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      rollout: { strategy: 'gradual' },
      scalingStrategy: { strategy: 'default' },
    });
    expect([jobTargetRef.parallelism, jobTargetRef.completions, jobTargetRef.backoffLimit, jobTargetRef.activeDeadlineSeconds]).toEqual([1, 1, 1, 43200]);
    expect(triggers).toEqual([
      {
        type: 'prometheus',
        name: 'drift-alert',
        metadata: {
          serverAddress: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090',
          query:
            '(max(ALERTS{alertname="MlopsModelDrift", alertstate="firing", model="churn"}) unless on () (time() - max(mlops_retrain_started_timestamp_seconds{job="retrain", model="churn"}) < 86400)) or on () vector(0)',
          threshold: '1',
          activationThreshold: '0',
          ignoreNullValues: 'true',
        },
      },
    ]);
    expect(retrainTriggerExpr('churn', 3600)).toBe(
      '(max(ALERTS{alertname="MlopsModelDrift", alertstate="firing", model="churn"}) unless on () (time() - max(mlops_retrain_started_timestamp_seconds{job="retrain", model="churn"}) < 3600)) or on () vector(0)',
    );
  });

  test('retraining Job: records its start for the cooldown, GPU pool placement and GPU resources, MLflow env', () => {
    const s = driftScenario();
    const pod = manifests(synthAll(s).workloads)['ScaledJob/churn-retrain'].spec.jobTargetRef.template.spec;
    expect(pod.initContainers[0].command).toEqual([
      '/bin/sh',
      '-c',
      "printf 'mlops_retrain_started_timestamp_seconds %s\\n' \"$(date +%s)\" | curl -sSf --retry 5 --data-binary @- 'http://pushgateway.mlops-drift.svc:9091/metrics/job/retrain/model/churn'",
    ]);
    expect(pod.initContainers[0].image).toBe('curlimages/curl:8.11.1');
    expect(pod.tolerations).toEqual(s.pool.tolerations);
    expect(pod.nodeSelector).toEqual(s.pool.nodeSelector);
    expect(pod.serviceAccountName).toBe('churn-retrain');
    const train = pod.containers[0];
    expect(train.resources).toEqual({ requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' }, limits: { memory: '32Gi', 'nvidia.com/gpu': '1' } });
    expect(train.env.filter((e: any) => e.name.startsWith('MLFLOW_'))).toEqual([
      { name: 'MLFLOW_TRACKING_URI', value: 'http://mlflow.mlflow.svc:5000' },
      { name: 'MLFLOW_REGISTERED_MODEL_NAME', value: 'churn-classifier' },
    ]);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(train.envFrom).toBeUndefined();
  });

  test('retraining Job: MLflow credentials come from a Secret through envFrom, never as values', () => {
    const s = driftScenario({ retrainingOverrides: { mlflowCredentialsSecretName: 'mlflow-credentials' } });
    const train = manifests(synthAll(s).workloads)['ScaledJob/churn-retrain'].spec.jobTargetRef.template.spec.containers[0];
    expect(train.envFrom).toEqual([{ secretRef: { name: 'mlflow-credentials' } }]);
    expect(train.env.map((e: any) => e.name)).not.toContain('MLFLOW_TRACKING_PASSWORD');
    expect(() => driftScenario({ retrainingOverrides: { mlflowCredentialsSecretName: 'MLflow_Creds' } })).toThrow('retraining.mlflowCredentialsSecretName = "MLflow_Creds"');
  });

  test('a retraining Job no pool can run fails at construction with the scheduling contract reason', () => {
    const app = testApp();
    const cloud = cloudStack(app);
    const platform = platformStack(app);
    const workloads = workloadsStack(app);
    const pool = new GpuNodePool(workloads, 'small', { karpenter: KARPENTER, name: 'small', instanceFamilies: ['g6e'], limits: { gpu: 8 } } as GpuNodePoolProps);
    const spec = model({ retraining: { container: { image: 'train:1.0' }, gpuPool: pool, gpus: { 'nvidia.com/gpu': 16 }, mlflowTrackingUri: 'http://mlflow:5000' } });
    const c = new DriftMonitorCloud(cloud, 'drift', { clusterName: 'test-cluster', models: [spec] });
    const p = new DriftMonitorPlatform(platform, 'drift', { cloud: c });
    expect(errorOf(() => new DriftMonitor(workloads, 'drift', { platform: p }))).toMatch(
      /^test-workloads\/drift\/churn-retrain: retraining Job churn \(requests nvidia\.com\/gpu=16 per pod\) cannot be scheduled on any GPU node pool:\n {2}- pool "small": asks for 16 nvidia\.com\/gpu per pod but the largest instance \(g6e\.\w+\) offers 8; the pool's limit nvidia\.com\/gpu=8 is below the 16 one pod requests$/,
    );
  });

  test('alert-only models get no ScaledJob', () => {
    const m = manifests(synthAll(driftScenario({ retraining: false })).workloads);
    expect(Object.keys(m).filter((k) => k.startsWith('ScaledJob/'))).toEqual([]);
  });

  test('no secret value appears in any synthesized stack', () => {
    const all = JSON.stringify(synthAll(driftScenario()));
    expect(all).not.toMatch(/"(secret_string|data|string_data|password)":\s*"[^$]/);
    expect(all).not.toMatch(/EVIDENTLY_SECRET","value"/);
  });
});
