/**
 * Construct families of LLMOps (src/llmops, and the serving pieces it added) for the property-style
 * props checks; see families.ts for the shape. The families built on the LLMOps test fixtures merge
 * the mutated props over the fixture's (a removed prop keeps the fixture's value there).
 */
import { AiGateway, LangfuseData, LlmAlertRules, LlmDashboard, ModelMirror, ModelMirrorIdentity } from '../../src/llmops';
import { TerraformStack } from 'cdktf';
import { DATA_BUCKET, langfuseFixture, llmFixture } from '../llmops/fixture';
import { cloudStack, fakeClusterRef, platformStack, testApp, workloadsStack } from '../helpers/synth';
import { PropsFamily, withRefs } from './families';

const RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } };
const SYSTEM = { 'mlops.cdktf.io/node-role': 'system' };

export const LLMOPS_FAMILIES: readonly PropsFamily[] = [
  {
    name: 'LangfuseData',
    base: { cluster: '@cluster', preset: 'dev', redisNodeType: 'cache.t4g.small', backupRetentionDays: 7, organizationId: 'acme', projectId: 'llm', secretsPrefix: 'ml/dev' },
    build: (props) => {
      const stack = cloudStack();
      new LangfuseData(stack, 'langfuse-data', withRefs(props, { cluster: fakeClusterRef }));
      return [stack];
    },
  },
  {
    name: 'Langfuse (cloud, platform, workloads)',
    base: {
      databaseAdminNamespace: 'db-admin',
      adminEmail: 'admin@example.com',
      url: 'https://langfuse.example.com',
      clickhouseStorage: '50Gi',
      backupSchedule: '0 2 * * *',
      resources: { web: RESOURCES },
      nodeSelector: SYSTEM,
    },
    build: (props) => {
      const f = langfuseFixture({ langfuse: props });
      return [f.data, f.platform, f.langfuse].map((c) => TerraformStack.of(c));
    },
  },
  {
    name: 'AiGateway',
    base: { preset: 'dev', certManager: false, nodeSelector: SYSTEM, resources: RESOURCES },
    build: (props) => {
      const stack = platformStack();
      new AiGateway(stack, 'ai-gateway', props);
      return [stack];
    },
  },
  {
    name: 'LlmGateway (with the LLM fixture)',
    base: { namespace: 'models', tokenBudgets: { default: { tokens: 1000, unit: 'Hour' }, tenants: { 'team-a': { tokens: 5000, unit: 'Day' } } }, monitoringNamespace: 'monitoring', requestTimeout: '300s', name: 'llm' },
    build: (props) => {
      const f = llmFixture({ gateway: props });
      return [TerraformStack.of(f.gateway)];
    },
  },
  {
    name: 'KnowledgeBaseIngestion (with the LLM fixture)',
    base: { alias: 'docs', embedding: { image: 'ghcr.io/acme/embed:1.2.0', args: ['--chunk-size', '512'], env: { EMBEDDING_MODEL: 'bge-small' }, resources: RESOURCES, runAs: 1000 }, schedule: '0 1 * * *', minPoints: 10, deadlineSeconds: 3600, name: 'docs' },
    build: (props) => {
      const f = llmFixture({ knowledgeBase: props });
      return [TerraformStack.of(f.knowledgeBase)];
    },
  },
  {
    name: 'ModelMirrorIdentity and ModelMirror',
    base: { identity: '@identity', source: 'hf://Qwen/Qwen2.5-7B-Instruct:a09a354', scratchSize: '40Gi', nodeSelector: SYSTEM },
    build: (props) => {
      const app = testApp();
      const cloud = cloudStack(app);
      const identity = new ModelMirrorIdentity(cloud, 'mirror', { clusterName: 'test-cluster', namespace: 'models', bucket: DATA_BUCKET, prefix: 'models/hub/' });
      const workloads = workloadsStack(app);
      new ModelMirror(workloads, 'mirror', withRefs(props, { identity }));
      return [cloud, workloads];
    },
  },
  {
    name: 'LlmAlertRules and LlmDashboard',
    base: { namespace: 'monitoring', pricedModels: [{ model: 'qwen', pricing: { inputPerMillion: 0.1, outputPerMillion: 0.5 } }], queueBacklog: 5, kvCacheRatio: 0.9, timeToFirstTokenSeconds: 2, gatewayErrorRatio: 0.05 },
    build: (props) => {
      const app = testApp();
      const workloads = workloadsStack(app);
      new LlmAlertRules(workloads, 'llm-alerts', props);
      const platform = platformStack(app);
      new LlmDashboard(platform, 'llm-dashboard', { namespace: 'monitoring' });
      return [workloads, platform];
    },
  },
];
