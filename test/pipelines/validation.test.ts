/** Bad pipeline definitions fail at construction, naming the construct, the prop, the value and the fix. */
import { SchedulingError } from '../../src/compute/scheduling/scheduling-contract';
import { model } from '../monitoring/fixtures';
import { testApp } from '../helpers/synth';
import { errorOf, scenario } from './fixture';

/** Builds the scenario in a fresh app with pipeline overrides. */
const build = (pipeline: Record<string, unknown>, o: { noNewData?: boolean; noRollout?: boolean } = {}) => () => scenario({ app: testApp(), pipeline: pipeline as any, ...o });
const base = scenario({ app: testApp() }).props;
const P = 'test-workloads/churn-pipeline';

test('at least one trigger', () => {
  expect(errorOf(build({ triggers: {} }, { noNewData: true }))).toBe(`${P}: triggers = {} has no trigger; give at least one of schedule, newData or drift`);
});

test('a schedule must be a 5-field cron expression', () => {
  expect(errorOf(build({ triggers: { schedule: '0 3 * *', newData: true } }))).toContain(`${P}: triggers.schedule = "0 3 * *" is not a 5-field cron schedule (it has 4)`);
});

test('the new-data trigger and the queue go together', () => {
  expect(errorOf(build({ triggers: { newData: true } }, { noNewData: true }))).toBe(`${P}: triggers.newData = true needs the new-data queue; give TrainingPipelineCloud \`newData\` (bucket and prefix)`);
  expect(errorOf(build({ triggers: { schedule: '0 3 * * *' } }))).toBe(
    `${P}: triggers.newData = (missing) is off but the cloud half has a new-data queue; turn it on or drop \`newData\` from TrainingPipelineCloud`,
  );
});

test('drift: the model must be monitored and must not also retrain through KEDA (replace, do not duplicate)', () => {
  const pool = { nodePoolName: 'x', tolerations: [], nodeSelector: {} };
  const keda = model({ retraining: { container: { image: 'r.example.com/t:1.0.0' }, gpuPool: pool, mlflowTrackingUri: 'http://mlflow' } });
  expect(errorOf(build({ monitoredModels: [keda] }))).toBe(
    `${P}: triggers.drift.model = "churn" also retrains through a KEDA RetrainingJob (\`retraining\` of its MonitoredModelSpec); one drift episode would start two trainings that race to register; drop \`retraining\` (the pipeline replaces it)`,
  );
  expect(errorOf(build({ monitoredModels: [model({ name: 'fraud' })] }))).toBe(`${P}: triggers.drift.model = "churn" is not a monitored model (fraud); monitor it with the DriftMonitor first`);
  expect(() => build({ monitoredModels: [model()] })()).not.toThrow();
});

test('the train step must fit a GPU pool (scheduling contract): a MIG profile no pool offers', () => {
  const train = { ...base.steps.train, gpu: { pool: base.steps.train.gpu.pool, migProfile: '3g.40gb' } };
  let error: unknown;
  try {
    build({ steps: { ...base.steps, train } })();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SchedulingError);
  expect((error as SchedulingError).reasons['gpu-training']).toEqual(['MIG profile 3g.40gb (nvidia.com/mig-3g.40gb) is not offered (the pool offers nvidia.com/gpu)']);
  expect((error as Error).message).toContain(`${P}: training pipeline churn (train step) (requests nvidia.com/mig-3g.40gb=1 per pod) cannot be scheduled on any GPU node pool`);
});

test('the train step asks for exactly one of whole GPUs and a MIG profile', () => {
  const both = { ...base.steps.train, gpu: { pool: base.steps.train.gpu.pool, gpus: 1, migProfile: '1g.10gb' } };
  expect(errorOf(build({ steps: { ...base.steps, train: both } }))).toContain(`${P}: steps.train.gpu = `);
  expect(errorOf(build({ steps: { ...base.steps, train: both } }))).toContain('must set exactly one of gpus (whole GPUs) and migProfile (MIG slices)');
});

test('step images are pinned and run as non-root', () => {
  expect(errorOf(build({ steps: { ...base.steps, validate: { image: 'registry.example.com/validate:latest' } } }))).toBe(`${P}: steps.validate.image = "registry.example.com/validate:latest" uses the mutable tag "latest"; pin a version tag or a digest`);
  expect(errorOf(build({ steps: { ...base.steps, register: { image: 'registry.example.com/register:1.0', runAsUser: 0 } } }))).toBe(`${P}: steps.register.runAsUser = 0 is root (0); run as a non-root uid such as 1000`);
});

test('the gate declares a direction', () => {
  const evaluate = { ...base.steps.evaluate, gate: { metric: 'val_auc', direction: 'up' } };
  expect(errorOf(build({ steps: { ...base.steps, evaluate } }))).toBe(`${P}: steps.evaluate.gate.direction = "up" must be "higher" or "lower" (which values are better)`);
});

test('rollout: the model prefix must be readable by the InferenceService; the canary share 1–50', () => {
  const rollout = { ...base.rollout!, modelUriPrefix: 's3://elsewhere/models/' };
  const s = scenario({ app: testApp() });
  expect(errorOf(build({ rollout: { ...rollout, target: s.service.rolloutTarget } }))).toBe(
    `${P}: rollout.modelUriPrefix = "s3://elsewhere/models/" is not readable by InferenceService churn (its identity reads s3://acme-models/models/churn/); put versions under one of them or grant the identity this prefix`,
  );
  expect(errorOf(build({ rollout: { ...base.rollout!, target: s.service.rolloutTarget, canaryPercent: 80 } }))).toBe(
    `${P}: rollout.canaryPercent = 80 must be 1–50; a canary that takes more than half the traffic is not a canary`,
  );
});

test('rollout analysis: interval of at least 1m, window a whole multiple of it', () => {
  const s = scenario({ app: testApp() });
  const r = (analysis: Record<string, unknown>) => ({ rollout: { ...base.rollout!, target: s.service.rolloutTarget, analysis } });
  expect(errorOf(build(r({ interval: '30s' })))).toBe(`${P}: rollout.analysis.interval = "30s" is under 1m; Envoy is scraped every 30 s, so a shorter rate() window has too few samples`);
  expect(errorOf(build(r({ window: '5m', interval: '2m' })))).toBe(`${P}: rollout.analysis.window = "5m" must be a whole multiple of the interval (2m); e.g. "10m" with "1m"`);
  expect(errorOf(build(r({ maxErrorRatio: 5 })))).toBe(`${P}: rollout.analysis.maxErrorRatio = 5 must be at most 1 (a share)`);
});

test('the pipeline namespace must be one Argo Workflows runs pipelines in', () => {
  const s = scenario({ app: testApp() });
  const other = { ...s.props.cloud, namespace: 'elsewhere' };
  expect(errorOf(() => new (Object.getPrototypeOf(s.pipeline).constructor)(s.workloads, 'p2', { ...s.props, cloud: other }))).toBe(
    'test-workloads/p2: cloud.namespace = "elsewhere" is not a namespace Argo Workflows runs pipelines in (ml-pipelines); add it to ArgoWorkflows\' pipelineNamespaces',
  );
});

test('the pipeline rollout slot needs Standard mode with a gateway and excludes a static canary', () => {
  const s = scenario({ app: testApp() });
  const Isvc = Object.getPrototypeOf(s.service).constructor;
  const predictor = { modelFormat: 'sklearn', storageUri: 's3://acme-models/models/churn/current/', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } };
  expect(errorOf(() => new Isvc(s.workloads, 'a', { namespace: 'models', predictor, pipelineRollout: {} }))).toContain('test-workloads/a: pipelineRollout = {} cannot be routed in Standard mode without a gateway');
  expect(errorOf(() => new Isvc(s.workloads, 'b', { namespace: 'models', predictor, gateway: s.gateway, pipelineRollout: {}, canary: { percent: 10, predictor: {} } }))).toBe(
    'test-workloads/b: pipelineRollout = {} cannot be combined with `canary`: the pipeline owns the canary slot; drop `canary` (the pipeline sets the canary model and share)',
  );
});
