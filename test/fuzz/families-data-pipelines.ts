/**
 * Construct families of the data layer (`StackSet` with its data stack, the generic PostgreSQL
 * pieces of core/databases) and of continuous training (src/pipelines) for the property-style props
 * checks; see families.ts for the shape. References are markers (`'@instance'`) replaced at build.
 */
import { PostgresAppDatabase, PostgresAppUser } from '../../src/core/databases';
import { StackSet } from '../../src/core/layers/stack-set';
import { ArgoWorkflows, ArgoWorkflowsCloud, ArgoWorkflowsStorage, TrainingPipelineCloud } from '../../src/pipelines';
import { INSTANCE, scenario } from '../pipelines/fixture';
import { cloudStack, fakeClusterRef, platformStack, testApp } from '../helpers/synth';
import { PropsFamily, withRefs } from './families';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const IMAGE = 'registry.example.com/churn/step:1.0.0';

export const DATA_AND_PIPELINE_FAMILIES: readonly PropsFamily[] = [
  {
    name: 'StackSet (data, cloud, platform, workloads)',
    base: { project: 'ml', environment: 'dev', region: 'us-east-1', name: 'edge', allowedAccountIds: ['123456789012'], tags: { team: 'ml' }, backend: { type: 'local', directory: '/tmp' } },
    build: (props) => {
      const set = new StackSet(testApp(), props);
      const { platform, workloads } = set.connect(fakeClusterRef);
      return [set.data, set.cloud, platform, workloads];
    },
  },
  {
    name: 'PostgresAppUser and PostgresAppDatabase',
    base: { instance: '@instance', user: '@user', namespace: 'apps', secretCopies: 'write-only', userSecretName: 'app-db', sslMode: 'verify-full', nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } },
    build: (props) => {
      const app = testApp();
      const cloud = cloudStack(app);
      const user = new PostgresAppUser(cloud, 'user', { secretName: 'ml/dev/app/db', username: 'app', databaseName: 'app', version: 2, kmsKeyArn: KMS, preset: 'dev' });
      const platform = platformStack(app);
      new PostgresAppDatabase(platform, 'app', withRefs(props, { instance: INSTANCE, user }));
      return [cloud, platform];
    },
  },
  {
    name: 'ArgoWorkflowsStorage and ArgoWorkflowsCloud',
    base: { preset: 'dev', kmsKeyArn: KMS, artifactExpirationDays: 30, archive: { version: 1 }, secretsPrefix: 'ml/dev' },
    build: (props) => {
      const cloud = cloudStack();
      const storage = new ArgoWorkflowsStorage(cloud, 'argo-storage', props);
      new ArgoWorkflowsCloud(cloud, 'argo-workflows', { clusterName: 'test-cluster', storage });
      return [cloud];
    },
  },
  {
    name: 'ArgoWorkflows',
    base: {
      cloud: '@cloud',
      preset: 'dev',
      pipelineNamespaces: ['ml-pipelines'],
      archive: { instance: '@instance', ttl: '30d' },
      authModes: ['client'],
      nodeSelector: { 'mlops.cdktf.io/node-role': 'system' },
    },
    build: (props) => {
      const app = testApp();
      const cloud = cloudStack(app);
      const storage = new ArgoWorkflowsStorage(cloud, 'argo-storage', { archive: {} });
      const workflowsCloud = new ArgoWorkflowsCloud(cloud, 'argo-workflows', { clusterName: 'test-cluster', storage });
      const platform = platformStack(app);
      new ArgoWorkflows(platform, 'argo-workflows', withRefs(props, { cloud: workflowsCloud, instance: INSTANCE }));
      return [cloud, platform];
    },
  },
  {
    name: 'TrainingPipelineCloud',
    base: {
      name: 'churn',
      clusterName: 'test-cluster',
      storage: '@storage',
      namespace: 'ml-pipelines',
      data: [{ bucketArn: 'arn:aws:s3:::acme-data', prefixes: ['churn'], access: 'read', kmsKeyArn: KMS }],
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }] },
    },
    build: (props) => {
      const cloud = cloudStack();
      const storage = new ArgoWorkflowsStorage(cloud, 'argo-storage', {});
      new TrainingPipelineCloud(cloud, 'churn-pipeline', withRefs(props, { storage }));
      return [cloud];
    },
  },
  {
    name: 'TrainingPipeline',
    base: {
      cloud: '@cloud',
      workflows: '@workflows',
      events: '@events',
      mlflow: { trackingUri: 'http://mlflow.mlflow.svc.cluster.local', credentialsSecretName: 'mlflow-credentials', registeredModelName: 'churn-classifier', experimentName: 'churn' },
      dataUri: 's3://acme-data/churn/current/',
      steps: {
        validate: { image: IMAGE, timeout: '1h', retries: 1 },
        train: { image: IMAGE, args: ['--epochs', '5'], env: { EPOCHS: '5' }, gpu: { pool: '@pool', gpus: 1 }, scratchSize: '20Gi', runAsUser: 1000 },
        evaluate: { image: IMAGE, gate: { metric: 'val_auc', direction: 'higher', minImprovement: 0.005, threshold: 0.8 } },
        register: { image: IMAGE },
      },
      triggers: { schedule: '0 3 * * 1', newData: true },
      rollout: { target: '@target', canaryPercent: 10, modelUriPrefix: 's3://acme-models/models/churn/versions/', prometheusUrl: 'http://prometheus.monitoring.svc:9090', readyTimeout: '15m', analysis: { window: '10m', interval: '1m', maxErrorRatio: 0.01, maxLatencyP95Ms: 1000, minRequests: 100 } },
      featureServerUrl: 'http://feast.feast.svc:6566',
      runTimeout: '24h',
    },
    build: (props) => {
      const s = scenario({
        pipeline: (d) => withRefs(props, { cloud: d.cloud, workflows: d.workflows, events: d.events, pool: d.steps.train.gpu.pool, target: d.rollout?.target }),
      });
      return [s.workloads];
    },
  },
];
