/** The WorkflowTemplate of a training pipeline: step graph, accounts, timeouts, retries, the step contract. */
import { IMAGES as CURL, CURL_IMAGE_USER } from '../../src/core/versions';
import { synth, testApp } from '../helpers/synth';
import { IMAGES, manifests, scenario, synthScenario } from './fixture';

const full = manifests(synthScenario().workloads)['WorkflowTemplate/churn'];
const noRollout = manifests(synthScenario({ noRollout: true }).workloads)['WorkflowTemplate/churn'];
const template = (wt: any, name: string) => wt.spec.templates.find((t: any) => t.name === name);
const env = (t: any) => Object.fromEntries(t.container.env.map((e: any) => [e.name, e.value]));

describe('step graph', () => {
  test('validate → train → evaluate → gate → register (only on promote) → canary → analyse → promote', () => {
    const tasks = template(full, 'pipeline').dag.tasks.map((t: any) => ({ name: t.name, depends: t.depends, when: t.when }));
    expect(tasks).toEqual([
      { name: 'validate', depends: undefined, when: undefined },
      { name: 'train', depends: 'validate.Succeeded', when: undefined },
      { name: 'evaluate', depends: 'train.Succeeded', when: undefined },
      { name: 'gate', depends: 'evaluate.Succeeded', when: undefined },
      { name: 'register', depends: 'gate.Succeeded', when: '{{tasks.gate.outputs.parameters.decision}} == promote' },
      { name: 'canary', depends: 'register.Succeeded', when: undefined },
      { name: 'analyse', depends: 'canary.Succeeded', when: undefined },
      { name: 'promote', depends: 'analyse.Succeeded', when: undefined },
    ]);
  });

  test('outputs flow between steps: run id to evaluate and register, metrics to the gate, model URI and version to the rollout', () => {
    const args = Object.fromEntries(template(full, 'pipeline').dag.tasks.map((t: any) => [t.name, Object.fromEntries((t.arguments?.parameters ?? []).map((p: any) => [p.name, p.value]))]));
    expect(args.evaluate).toEqual({ 'run-id': '{{tasks.train.outputs.parameters.run-id}}' });
    expect(args.gate).toEqual({ candidate: '{{tasks.evaluate.outputs.parameters.metric}}', champion: '{{tasks.evaluate.outputs.parameters.champion-metric}}' });
    expect(args.register).toEqual({ 'run-id': '{{tasks.train.outputs.parameters.run-id}}' });
    expect(args.canary).toEqual({ 'model-uri': '{{tasks.register.outputs.parameters.model-uri}}' });
    expect(args.promote).toEqual({ 'model-uri': '{{tasks.register.outputs.parameters.model-uri}}', 'model-version': '{{tasks.register.outputs.parameters.model-version}}' });
  });

  test('any failed run rolls back in the exit handler (idempotent: the canary share goes to 0)', () => {
    expect(full.spec.onExit).toBe('exit-handler');
    expect(template(full, 'exit-handler')).toEqual({ name: 'exit-handler', steps: [[{ name: 'rollback', template: 'rollback', when: '{{workflow.status}} != Succeeded' }]] });
  });

  test('without a rollout the run ends at register: no canary tasks, no exit handler', () => {
    expect(template(noRollout, 'pipeline').dag.tasks.map((t: any) => t.name)).toEqual(['validate', 'train', 'evaluate', 'gate', 'register']);
    expect(noRollout.spec.onExit).toBeUndefined();
    expect(noRollout.spec.templates.map((t: any) => t.name)).toEqual(['pipeline', 'validate', 'train', 'evaluate', 'gate', 'register']);
  });
});

describe('run settings', () => {
  test('one run at a time (a mutex named after the pipeline), a run deadline, pod GC and TTL', () => {
    expect(full.spec).toMatchObject({
      entrypoint: 'pipeline',
      serviceAccountName: 'churn-runner',
      activeDeadlineSeconds: 86400,
      synchronization: { mutexes: [{ name: 'churn' }] },
      podGC: { strategy: 'OnPodSuccess', deleteDelayDuration: '60s' },
      ttlStrategy: { secondsAfterSuccess: 86400, secondsAfterFailure: 604800 },
      arguments: { parameters: [{ name: 'trigger', value: 'manual' }, { name: 'data-uri', value: 's3://acme-data/churn/current/' }] },
    });
  });

  test('each step: its account, its attempt deadline and its retry policy', () => {
    const summary = Object.fromEntries(
      full.spec.templates.filter((t: any) => t.container).map((t: any) => [t.name, [t.serviceAccountName, t.activeDeadlineSeconds, t.retryStrategy ? `${t.retryStrategy.limit} ${t.retryStrategy.retryPolicy} ${t.retryStrategy.backoff.duration}x${t.retryStrategy.backoff.factor}` : 'none']]),
    );
    expect(summary).toEqual({
      validate: ['churn-steps', 3600, '2 Always 1mx2'],
      train: ['churn-steps', 43200, '2 Always 1mx2'],
      evaluate: ['churn-steps', 3600, '2 Always 1mx2'],
      gate: ['churn-runner', 300, 'none'],
      register: ['churn-steps', 1800, '2 Always 1mx2'],
      canary: ['churn-rollout', 1200, '3 Always 10sx2'],
      // a failed analysis is a verdict, not an accident: only errors (pod lost) retry it
      analyse: ['churn-runner', 1200, '3 OnError 10sx2'],
      promote: ['churn-rollout', 1200, '3 Always 10sx2'],
      rollback: ['churn-rollout', 600, '3 Always 10sx2'],
    });
  });

  test('user timeouts and retries replace the defaults; 0 retries means no retryStrategy', () => {
    const s = scenario({ noRollout: true });
    const steps = { ...s.props.steps, train: { ...s.props.steps.train, timeout: '2h30m', retries: 0 }, validate: { ...s.props.steps.validate, retries: 5 } };
    const other = scenario({ app: testApp(), noRollout: true, pipeline: { steps } });
    const wt = manifests(synth(other.workloads))['WorkflowTemplate/churn'];
    expect([template(wt, 'train').activeDeadlineSeconds, template(wt, 'train').retryStrategy]).toEqual([9000, undefined]);
    expect(template(wt, 'validate').retryStrategy.limit).toBe('5');
  });

  test('metrics: runs by status, promotions and rollbacks', () => {
    expect(full.spec.metrics.prometheus).toEqual([
      { name: 'mlops_pipeline_runs', help: 'Runs of a training pipeline by result', labels: [{ key: 'pipeline', value: 'churn' }, { key: 'status', value: '{{workflow.status}}' }], counter: { value: '1' } },
    ]);
    expect(template(full, 'promote').metrics.prometheus[0]).toMatchObject({ name: 'mlops_pipeline_promotions', labels: [{ key: 'pipeline', value: 'churn' }] });
    expect(template(full, 'rollback').metrics.prometheus[0]).toMatchObject({ name: 'mlops_pipeline_rollbacks', labels: [{ key: 'pipeline', value: 'churn' }] });
  });
});

describe('the step contract', () => {
  test('train runs the user image on the GPU pool: the pool\'s node selector and toleration, the GPU in requests and limits', () => {
    const train = template(full, 'train');
    expect(train.container.image).toBe(IMAGES.train);
    expect(train.container.args).toEqual(['--epochs', '5']);
    expect(train.nodeSelector).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-training' });
    expect(train.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(train.container.resources).toEqual({ requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' }, limits: { memory: '32Gi', 'nvidia.com/gpu': '1' } });
    expect(train.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '50Gi' } }]);
    expect(train.outputs).toEqual({ parameters: [{ name: 'run-id', valueFrom: { path: '/tmp/outputs/run-id' } }] });
  });

  test('every user step gets the pipeline environment and the MLflow credentials', () => {
    for (const name of ['validate', 'train', 'evaluate', 'register']) {
      const t = template(full, name);
      expect(env(t)).toMatchObject({
        MLOPS_PIPELINE: 'churn',
        MLOPS_RUN_ID: '{{workflow.name}}',
        MLOPS_TRIGGER: '{{workflow.parameters.trigger}}',
        MLOPS_DATA_URI: '{{workflow.parameters.data-uri}}',
        MLOPS_OUTPUT_DIR: '/tmp/outputs',
        AWS_REGION: 'us-east-1',
        MLFLOW_TRACKING_URI: 'http://mlflow.mlflow.svc.cluster.local',
        MLFLOW_EXPERIMENT_NAME: 'churn',
        MLFLOW_REGISTERED_MODEL_NAME: 'churn-classifier',
      });
      expect(t.container.envFrom).toEqual([{ secretRef: { name: 'mlflow-credentials' } }]);
      expect(t.container.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      expect(t.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    }
  });

  test('validate writes a report artifact under the pipeline\'s own artifact prefix', () => {
    expect(template(full, 'validate').outputs).toEqual({ artifacts: [{ name: 'report', path: '/tmp/outputs/report', s3: { key: 'argo-artifacts/churn/{{workflow.name}}/validate/report.tgz' } }] });
  });

  test('evaluate gets the run id and the metric, and reports candidate and champion values', () => {
    const e = template(full, 'evaluate');
    expect(env(e)).toMatchObject({ MLOPS_MLFLOW_RUN_ID: '{{inputs.parameters.run-id}}', MLOPS_EVAL_METRIC: 'val_auc' });
    expect(e.outputs.parameters).toEqual([
      { name: 'metric', valueFrom: { path: '/tmp/outputs/metric' } },
      { name: 'champion-metric', valueFrom: { path: '/tmp/outputs/champion-metric', default: '' } },
    ]);
  });

  test('the gate compares with the declared metric, direction, improvement and threshold', () => {
    expect(env(template(full, 'gate'))).toMatchObject({ METRIC: 'val_auc', DIRECTION: 'higher', MIN_IMPROVEMENT: '0.005', THRESHOLD: '0.8', CANDIDATE_VALUE: '{{inputs.parameters.candidate}}' });
  });

  test('register sets alias challenger and must put versions under the rollout\'s prefix', () => {
    const r = template(full, 'register');
    expect(env(r)).toMatchObject({ MLOPS_MODEL_ALIAS: 'challenger', MLOPS_MODEL_URI_PREFIX: 's3://acme-models/models/churn/versions/' });
    expect(r.outputs.parameters.map((p: any) => p.valueFrom.path)).toEqual(['/tmp/outputs/model-version', '/tmp/outputs/model-uri']);
    expect(env(template(noRollout, 'register')).MLOPS_MODEL_URI_PREFIX).toBeUndefined();
  });

  test('library steps run the pinned curl image as its non-root user, with tiny resources and a memory /tmp', () => {
    for (const name of ['gate', 'canary', 'analyse', 'promote', 'rollback']) {
      const t = template(full, name);
      expect(t.container.image).toBe(`${CURL.curl.repository}:${CURL.curl.tag}`);
      expect(t.container.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      expect(t.securityContext).toMatchObject({ runAsUser: CURL_IMAGE_USER.uid, runAsGroup: CURL_IMAGE_USER.gid });
      expect(t.volumes).toEqual([{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }]);
    }
    // only promote (it sets the alias) gets the MLflow credentials
    expect(full.spec.templates.filter((t: any) => t.container?.envFrom && t.container.image.startsWith('curlimages')).map((t: any) => t.name)).toEqual(['promote']);
  });

  test('the analysis judges the canary\'s own Envoy cluster over the declared window', () => {
    const a = env(template(full, 'analyse'));
    expect(a).toMatchObject({ WINDOW_SECONDS: '600', INTERVAL_SECONDS: '60', MAX_ERROR_RATIO: '0.01', MAX_LATENCY_P95_MS: '1000', MIN_REQUESTS: '100', PROMETHEUS_URL: 'http://prometheus.monitoring.svc:9090' });
    const cluster = 'envoy_cluster_name="httproute/models/churn/rule/0/backend/1"';
    expect(a.ERROR_RATIO_QUERY).toBe(`sum(rate(envoy_cluster_upstream_rq_xx{${cluster},envoy_response_code_class="5"}[__RANGE__])) / sum(rate(envoy_cluster_upstream_rq_total{${cluster}}[__RANGE__]))`);
    expect(a.LATENCY_P95_MS_QUERY).toBe(`histogram_quantile(0.95, sum by (le) (rate(envoy_cluster_upstream_rq_time_bucket{${cluster}}[__RANGE__])))`);
    expect(a.REQUESTS_QUERY).toBe(`sum(increase(envoy_cluster_upstream_rq_total{${cluster}}[__RANGE__]))`);
  });

  test('canary and promote act on the rollout slot of the InferenceService', () => {
    expect(env(template(full, 'canary'))).toMatchObject({
      TARGET_NAMESPACE: 'models', CANARY_ISVC: 'churn-canary', STABLE_ISVC: 'churn', ROUTE: 'churn', STABLE_BACKEND: '0', CANARY_BACKEND: '1',
      STABLE_SERVICE: 'churn-predictor', CANARY_SERVICE: 'churn-canary-predictor', CANARY_PERCENT: '10', MODEL_URI: '{{inputs.parameters.model-uri}}', READY_TIMEOUT_SECONDS: '900',
      KUBE_API: 'https://kubernetes.default.svc',
    });
    expect(env(template(full, 'promote'))).toMatchObject({ MODEL_VERSION: '{{inputs.parameters.model-version}}', MODEL_NAME: 'churn-classifier', MODEL_ALIAS: 'champion' });
  });
});
