/** Test fixture: the Langfuse constructs in cloud/platform/workloads test stacks of one app. */
import { App } from 'cdktf';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { Langfuse, LangfuseCloud, LangfuseData, LangfuseDataProps, LangfusePlatform, LangfuseProps } from '../../src/llmops/langfuse';
import { cloudStack, fakeClusterRef, platformStack, synth, testApp, TfJson, workloadsStack } from '../helpers/synth';
import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { EnvoyGateway } from '../../src/serving/envoy-gateway';
import { InferenceService } from '../../src/serving/inference-service';
import { InferenceServiceIdentity } from '../../src/serving/inference-service-identity';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { AiGateway } from '../../src/llmops/gateway/ai-gateway';
import { LlmGateway, LlmGatewayProps } from '../../src/llmops/gateway/llm-gateway';
import { KnowledgeBaseIdentity } from '../../src/llmops/knowledge-base/knowledge-base-identity';
import { KnowledgeBaseIngestion, KnowledgeBaseIngestionProps } from '../../src/llmops/knowledge-base/knowledge-base-ingestion';
import { LlmAlertRules } from '../../src/llmops/monitoring/llm-alert-rules';
import { ModelMirror, ModelMirrorIdentity } from '../../src/llmops/warm-start/model-mirror';
import { VectorDatabase } from '../../src/vectordb/vector-database';
import { VectorDatabaseCloud } from '../../src/vectordb/vector-database-cloud';
import { VectorDatabasePlatform } from '../../src/vectordb/vector-database-platform';
import { GeneratedSecret } from '../../src/core/secrets/generated-secret';
import { CloudStack } from '../../src/core/layers/mlops-stack';

export interface LangfuseFixture {
  readonly app: App;
  readonly access: ExternalSecretsAccess;
  readonly data: LangfuseData;
  readonly cloud: LangfuseCloud;
  readonly platform: LangfusePlatform;
  readonly langfuse: Langfuse;
  readonly store: SecretStore;
  readonly cloudJson: () => TfJson;
  readonly platformJson: () => TfJson;
  readonly workloadsJson: () => TfJson;
}

export interface LangfuseFixtureOptions {
  readonly data?: Partial<LangfuseDataProps>;
  readonly clientNamespaces?: string[];
  readonly langfuse?: Partial<Omit<LangfuseProps, 'platform' | 'secretStore'>>;
}

export function langfuseFixture(options: LangfuseFixtureOptions = {}): LangfuseFixture {
  const app = testApp();
  const cs = cloudStack(app);
  const ps = platformStack(app);
  const ws = workloadsStack(app);
  const access = new ExternalSecretsAccess(cs, 'eso-access', { clusterName: 'test-cluster' });
  const data = new LangfuseData(cs, 'langfuse-data', { cluster: fakeClusterRef, preset: 'dev', ...options.data });
  const cloud = new LangfuseCloud(cs, 'langfuse', { data, clusterName: 'test-cluster', secretsAccess: access });
  const platform = new LangfusePlatform(ps, 'langfuse', { cloud, clientNamespaces: options.clientNamespaces ?? ['models'] });
  const store = new SecretStore(ws, 'store', {});
  const langfuse = new Langfuse(ws, 'langfuse', { platform, secretStore: store, databaseAdminNamespace: 'db-admin', adminEmail: 'admin@example.com', ...options.langfuse });
  let cloudJson: TfJson | undefined;
  let platformJson: TfJson | undefined;
  let workloadsJson: TfJson | undefined;
  return {
    app,
    access,
    data,
    cloud,
    platform,
    langfuse,
    store,
    cloudJson: () => (cloudJson ??= synth(cs)),
    platformJson: () => (platformJson ??= synth(ps)),
    workloadsJson: () => (workloadsJson ??= synth(ws)),
  };
}

/**
 * The LLM serving side: an autoscaled LLM with a canary behind the AI gateway, its weights
 * mirrored, LLM alerts, and a knowledge base ingesting into Qdrant.
 */

export const DATA_BUCKET = { bucketName: 'acme-data', bucketArn: 'arn:aws:s3:::acme-data', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555' };
export const PROMETHEUS = 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090';

export interface LlmFixture {
  readonly pool: GpuNodePool;
  readonly llm: InferenceService;
  readonly gateway: LlmGateway;
  readonly proxy: ServingGateway;
  readonly mirror: ModelMirror;
  readonly knowledgeBase: KnowledgeBaseIngestion;
  readonly rules: LlmAlertRules;
  readonly envoyGateway: EnvoyGateway;
  readonly aiGateway: AiGateway;
  readonly cloudJson: () => TfJson;
  readonly platformJson: () => TfJson;
  readonly workloadsJson: () => TfJson;
}

export function llmFixture(options: { gateway?: Partial<LlmGatewayProps>; knowledgeBase?: Partial<KnowledgeBaseIngestionProps> } = {}): LlmFixture {
  const app = testApp();
  const cs = cloudStack(app);
  const ps = platformStack(app);
  const ws = workloadsStack(app);
  // As in a StackSet: the Gateways (workloads) are destroyed before the Envoy Gateway (platform).
  ws.addDependency(ps);
  const access = new ExternalSecretsAccess(cs, 'eso-access', { clusterName: 'test-cluster' });
  const store = new SecretStore(ws, 'store', {});
  const pool = new GpuNodePool(ws, 'gpu-mig', {
    karpenter: { nodeRoleName: 'test-karpenter-node' },
    instanceTypes: ['p5.48xlarge'],
    limits: { gpu: 8 },
    mig: { configName: 'h100-3g40', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } },
  });
  const mirrorIdentity = new ModelMirrorIdentity(cs, 'mirror', { clusterName: 'test-cluster', namespace: 'models', bucket: DATA_BUCKET });
  const mirror = new ModelMirror(ws, 'mirror', { identity: mirrorIdentity, source: 'hf://Qwen/Qwen2.5-7B-Instruct:a09a354' });
  const identity = new InferenceServiceIdentity(cs, 'llm-identity', { clusterName: 'test-cluster', namespace: 'models', serviceName: 'llm', models: [mirror.location], kmsKeyArns: [DATA_BUCKET.kmsKeyArn] });
  const serving = new ServingGateway(ws, 'serving', { routeNamespaces: ['models'], preset: 'dev' });
  const proxy = new ServingGateway(ws, 'llm-proxy', { name: 'llm', routeNamespaces: ['models'], anyHost: true, preset: 'dev' });
  const llm = new InferenceService(ws, 'llm', {
    namespace: 'models',
    identity,
    gateway: serving,
    minReplicas: 1,
    maxReplicas: 4,
    llmAutoscaling: { prometheusUrl: PROMETHEUS },
    canary: { percent: 10, predictor: { storageUri: mirror.storageUri } },
    dependsOn: [mirror.job],
    predictor: {
      modelFormat: 'huggingface',
      storageUri: mirror.storageUri,
      resources: { requests: { cpu: '4', memory: '24Gi' }, limits: { cpu: '8', memory: '32Gi' } },
      gpu: { pool, migProfile: '3g.40gb' },
      llm: { maxModelLen: 8192, dtype: 'bfloat16' },
    },
  });
  const envoyGateway = new EnvoyGateway(ps, 'envoy-gateway', {
    preset: 'dev',
    aiGateway: {
      extensionServer: { hostname: 'ai-gateway-controller.envoy-ai-gateway-system.svc.cluster.local', port: 1063 },
      rateLimitRedis: { host: 'ratelimit.abc123.use1.cache.amazonaws.com', port: 6379, passwordSecret: { name: 'ratelimit-redis', key: 'password' } },
    },
  });
  const aiGateway = new AiGateway(ps, 'ai-gateway', { preset: 'prod', dependsOn: [envoyGateway.chart.release] });
  const token = new GeneratedSecretForTest(cs);
  const gateway = new LlmGateway(ws, 'llm-gateway', {
    gateway: proxy,
    namespace: 'models',
    models: [{ service: llm, pricing: { inputPerMillion: 0.16, outputPerMillion: 0.95 } }],
    tokenBudgets: { default: { tokens: 100000, unit: 'Hour' }, tenants: { 'team-a': { tokens: 1000000, unit: 'Hour' }, 'team-b': { tokens: 0, unit: 'Day' } } },
    rateLimitRedisAuth: { source: token, store, secretName: 'ratelimit-redis', key: 'password' },
    monitoringNamespace: 'monitoring',
    ...options.gateway,
  });
  const rules = new LlmAlertRules(ws, 'llm-alerts', { pricedModels: gateway.pricedModels });
  const dbCloud = new VectorDatabaseCloud(cs, 'vectordb', { engine: 'qdrant', preset: 'dev', clientNamespaces: ['rag'], clusterName: 'test-cluster', secretsAccess: access });
  const dbPlatform = new VectorDatabasePlatform(ps, 'vectordb', { cloud: dbCloud });
  const db = new VectorDatabase(ws, 'vectordb', { cloud: dbCloud, platform: dbPlatform, secretStore: store });
  const kbIdentity = new KnowledgeBaseIdentity(cs, 'kb', { clusterName: 'test-cluster', namespace: 'rag', name: 'docs', source: { ...DATA_BUCKET, prefix: 'knowledge-base/documents/' } });
  const knowledgeBase = new KnowledgeBaseIngestion(ws, 'kb', { identity: kbIdentity, vectorDatabase: db, alias: 'docs', embedding: { image: 'ghcr.io/acme/embed:1.2.0', args: ['--chunk-size', '512'], env: { EMBEDDING_MODEL: 'bge-small' } }, ...options.knowledgeBase });
  let c: TfJson | undefined;
  let p: TfJson | undefined;
  let w: TfJson | undefined;
  return {
    pool,
    llm,
    gateway,
    proxy,
    mirror,
    knowledgeBase,
    rules,
    envoyGateway,
    aiGateway,
    cloudJson: () => (c ??= synth(cs)),
    platformJson: () => (p ??= synth(ps)),
    workloadsJson: () => (w ??= synth(ws)),
  };
}

/** The rate limit Redis AUTH token of the fixture. */
class GeneratedSecretForTest extends GeneratedSecret {
  constructor(scope: CloudStack) {
    super(scope, 'ratelimit-token', { secretName: 'test/dev/ai-gateway/ratelimit-redis', password: { length: 32 }, preset: 'dev' });
  }
}
