/**
 * Adds the LLMOps layer to a stack set with an LLM (the `llm-rag` and `mlops-platform` sets), in two
 * steps around `addServing`:
 *
 * `addLlmopsFoundation` (before serving) —
 * - data (created from the cloud stack, placed by `dataScope`): Langfuse's stores and secrets
 *   (`LangfuseData`: key, buckets, PostgreSQL database and role — on a dedicated instance, or on
 *   `sharedDatabase` —, ElastiCache, generated secrets); the Redis of the token budgets and its token;
 * - cloud: Langfuse's roles (`LangfuseCloud`) and the ingress rules of its database and caches from
 *   the cluster's nodes; the roles of the weight mirror, of the LLM (read-only on its mirrored
 *   weights) and of the knowledge base ingestion;
 * - platform: the `db-admin` and `rag` namespaces;
 * - workloads: one `ModelMirror` per LLM revision (stable and canary) — the LLM's `storageUri`s.
 *
 * `addLlmopsServices` (after serving and monitoring) —
 * - platform: Envoy AI Gateway, Langfuse's namespace and NetworkPolicies, the LLM dashboard;
 * - workloads: Langfuse (with its database bootstrap and in-cluster ClickHouse), the LLM gateway
 *   with per-tenant token budgets, the LLM alert and cost rules, the knowledge base ingestion, and
 *   Langfuse's API keys synced into the model servers' and the RAG application's namespaces.
 */
import { ITerraformDependable } from 'cdktf';
import { dataScope, elasticacheId, IClusterRef, GeneratedSecret, IPostgresInstance, ManagedRedis, Preset, SecureBucket, StackSet } from '../../src/core';
import { KnowledgeBaseIdentity, KnowledgeBaseIngestion, Langfuse, LangfuseCloud, LangfuseData, LangfusePlatform, LlmAlertRules, LlmDashboard, LlmGateway, ModelMirror, ModelMirrorIdentity, TokenBudgets, TokenPricing } from '../../src/llmops';
import { AI_GATEWAY_DEFAULTS, AiGateway } from '../../src/llmops/gateway';
import { EnvoyGatewayAiSettings, InferenceService, InferenceServiceIdentity, ServingGateway } from '../../src/serving';
import { VectorDatabase } from '../../src/vectordb';
import { SecretsFoundation } from './secrets';
import { ServingHandle } from './serving';
import { KubernetesNamespaceV1 } from '../../src/core/resources/kubernetes-core';

/** Namespaces of the LLMOps layer. */
export const LLMOPS_NAMESPACES = {
  langfuse: 'langfuse',
  /** The RAG application and the knowledge base ingestion. */
  rag: 'rag',
  /** Database bootstrap Jobs (the RDS master password is synced here only). */
  databaseAdmin: 'db-admin',
} as const;

/** Secret (Envoy Gateway namespace) and key of the rate limit service's Redis AUTH token. */
const RATELIMIT_REDIS_SECRET = { name: 'ratelimit-redis', key: 'password' } as const;

/** Options of {@link addLlmopsFoundation}. */
export interface LlmopsFoundationOptions {
  readonly cluster: IClusterRef;
  readonly clusterName: string;
  readonly preset: Preset;
  readonly secrets: SecretsFoundation;
  readonly kmsKeyArn: string;
  /** Namespace of the model servers. */
  readonly servingNamespace: string;
  /** The bucket of the mirrored weights and the knowledge base's documents. */
  readonly dataBucket: SecureBucket;
  /** The LLM's revisions (`hf://…`): stable and canary. */
  readonly llmSources: { readonly stable: string; readonly canary?: string };
  /** An existing PostgreSQL instance for Langfuse's database. @default - a dedicated instance */
  readonly sharedDatabase?: IPostgresInstance;
}

/** What {@link addLlmopsFoundation} created. */
export interface LlmopsFoundation {
  readonly langfuseCloud: LangfuseCloud;
  readonly rateLimitRedis: ManagedRedis;
  readonly llmIdentity: InferenceServiceIdentity;
  readonly kbIdentity: KnowledgeBaseIdentity;
  readonly mirrors: { readonly stable: ModelMirror; readonly canary?: ModelMirror };
  readonly namespaces: { readonly rag: KubernetesNamespaceV1; readonly databaseAdmin: KubernetesNamespaceV1 };
  /** Envoy Gateway's settings for the AI gateway (extension server, token-budget Redis). */
  readonly envoyGatewayAi: EnvoyGatewayAiSettings;
}

/** Stores, roles, namespaces and weight mirrors of the LLMOps layer (call before `addServing`). */
export function addLlmopsFoundation(set: StackSet, o: LlmopsFoundationOptions): LlmopsFoundation {
  const langfuseData = new LangfuseData(set.cloud, 'langfuse-data', {
    cluster: o.cluster,
    preset: o.preset,
    kmsKeyArn: o.kmsKeyArn,
    database: o.sharedDatabase ? { instance: o.sharedDatabase } : { options: { instanceClass: o.preset === 'prod' ? 'db.t4g.large' : 'db.t4g.micro' } },
  });
  const langfuseCloud = new LangfuseCloud(set.cloud, 'langfuse', { data: langfuseData, clusterName: o.clusterName, secretsAccess: o.secrets.access, namespace: LLMOPS_NAMESPACES.langfuse });

  // Token budgets live in their own small cache: counters expire, Langfuse's queues must not. Like
  // Langfuse's, the cache and its token go to the data stack (ManagedRedis, GeneratedSecret), in the
  // VPC as the data stack sees it; the ingress rule from the cluster's nodes stays in the cloud stack.
  const cluster = o.cluster.bind(set.cloud);
  const network = o.cluster.bind(dataScope(set.cloud));
  const stack = set.cloud;
  const rateLimitToken = new GeneratedSecret(set.cloud, 'ratelimit-redis-token', {
    secretName: `${stack.project}/${stack.environment}/ai-gateway/ratelimit-redis`,
    description: 'AUTH token of the Redis of the AI gateway token budgets',
    kmsKeyArn: o.kmsKeyArn,
    password: { length: 32, excludePunctuation: true },
    preset: o.preset,
  });
  o.secrets.access.grantRead(rateLimitToken);
  const rateLimitRedis = new ManagedRedis(set.cloud, 'ratelimit-redis', {
    replicationGroupId: elasticacheId(stack.project, stack.environment, 'ratelimit'),
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    clientSecurityGroupId: cluster.nodeSecurityGroupId,
    kmsKeyArn: o.kmsKeyArn,
    authToken: rateLimitToken,
    nodeType: 'cache.t4g.small',
    numCacheClusters: o.preset === 'prod' ? 2 : 1,
    snapshotRetentionDays: 1,
    preventDestroy: o.preset === 'prod',
    purpose: 'AI gateway token budgets',
  });

  const bucket = { bucketName: o.dataBucket.bucketName, bucketArn: o.dataBucket.bucketArn, kmsKeyArn: o.kmsKeyArn };
  const mirrorIdentity = new ModelMirrorIdentity(set.cloud, 'model-mirror', { clusterName: o.clusterName, namespace: o.servingNamespace, bucket });
  const kbIdentity = new KnowledgeBaseIdentity(set.cloud, 'knowledge-base', {
    clusterName: o.clusterName,
    namespace: LLMOPS_NAMESPACES.rag,
    name: 'docs',
    source: { ...bucket, prefix: 'knowledge-base/documents/' },
  });

  const ns = (id: string, name: string) => new KubernetesNamespaceV1(set.platform, id, { metadata: { name, labels: { 'mlops.cdktf.io/component': 'llmops' } } });
  const namespaces = { rag: ns('rag-namespace', LLMOPS_NAMESPACES.rag), databaseAdmin: ns('db-admin-namespace', LLMOPS_NAMESPACES.databaseAdmin) };

  const stable = new ModelMirror(set.workloads, 'llm-mirror', { identity: mirrorIdentity, source: o.llmSources.stable });
  const canary = o.llmSources.canary
    ? new ModelMirror(set.workloads, 'llm-canary-mirror', { identity: mirrorIdentity, source: o.llmSources.canary, serviceAccount: stable.serviceAccount })
    : undefined;
  const mirrors = { stable, canary };
  const llmIdentity = new InferenceServiceIdentity(set.cloud, 'llm-identity', {
    clusterName: o.clusterName,
    namespace: o.servingNamespace,
    serviceName: 'llm',
    models: [mirrors.stable.location, ...(mirrors.canary ? [mirrors.canary.location] : [])],
    kmsKeyArns: [o.kmsKeyArn],
  });
  return {
    langfuseCloud,
    rateLimitRedis,
    llmIdentity,
    kbIdentity,
    mirrors,
    namespaces,
    envoyGatewayAi: {
      extensionServer: { hostname: `${AI_GATEWAY_DEFAULTS.controllerService}.${AI_GATEWAY_DEFAULTS.namespace}.svc.cluster.local`, port: AI_GATEWAY_DEFAULTS.extensionServerPort },
      rateLimitRedis: { host: rateLimitRedis.host, port: rateLimitRedis.port, passwordSecret: { ...RATELIMIT_REDIS_SECRET } },
    },
  };
}

/** Options of {@link addLlmopsServices}. */
export interface LlmopsServicesOptions {
  readonly preset: Preset;
  readonly secrets: SecretsFoundation;
  readonly serving: ServingHandle;
  readonly vectordb: VectorDatabase;
  readonly monitoringNamespace: string;
  /** E-mail of Langfuse's initial admin. */
  readonly adminEmail: string;
  /** The user's embedding image of the knowledge base. */
  readonly embeddingImage: string;
  /** Price of the LLM's tokens. */
  readonly llmPricing: TokenPricing;
  readonly tokenBudgets: TokenBudgets;
  /** What the AI gateway's releases wait for (Envoy Gateway and cert-manager). */
  readonly aiGatewayDependsOn: ITerraformDependable[];
  /**
   * Langfuse behind a front door: the URL users open (`NEXTAUTH_URL`) and the CIDRs of the load
   * balancer's IP targets its NetworkPolicy admits to the web port.
   * @default - in-cluster only
   */
  readonly frontDoor?: { readonly url: string; readonly cidrs: readonly string[] };
}

/** Langfuse, the AI gateway, LLM monitoring and the knowledge base (call after `addServing` and `addMonitoring`). */
export function addLlmopsServices(set: StackSet, foundation: LlmopsFoundation, o: LlmopsServicesOptions): { langfuse: Langfuse; gateway: LlmGateway; knowledgeBase: KnowledgeBaseIngestion } {
  const servingNamespace = o.serving.llm.namespace;
  new AiGateway(set.platform, 'ai-gateway', { preset: o.preset, dependsOn: o.aiGatewayDependsOn });
  const langfusePlatform = new LangfusePlatform(set.platform, 'langfuse', {
    cloud: foundation.langfuseCloud,
    clientNamespaces: [servingNamespace, LLMOPS_NAMESPACES.rag],
    webIngressCidrs: o.frontDoor?.cidrs,
  });
  new LlmDashboard(set.platform, 'llm-dashboard', { namespace: o.monitoringNamespace });

  const langfuse = new Langfuse(set.workloads, 'langfuse', {
    platform: langfusePlatform,
    secretStore: o.secrets.store,
    databaseAdminNamespace: LLMOPS_NAMESPACES.databaseAdmin,
    adminEmail: o.adminEmail,
    url: o.frontDoor?.url,
  });
  for (const namespace of [servingNamespace, LLMOPS_NAMESPACES.rag]) langfuse.syncClientKeys(set.workloads, `langfuse-keys-${namespace}`, { namespace });

  const llmGatewayProxy = new ServingGateway(set.workloads, 'llm-gateway-proxy', { name: 'llm', routeNamespaces: [servingNamespace], anyHost: true, preset: o.preset });
  const gateway = new LlmGateway(set.workloads, 'llm-gateway', {
    gateway: llmGatewayProxy,
    namespace: servingNamespace,
    models: [{ service: o.serving.llm as InferenceService, pricing: o.llmPricing }],
    tokenBudgets: o.tokenBudgets,
    rateLimitRedisAuth: { source: foundation.rateLimitRedis.authToken, store: o.secrets.store, secretName: RATELIMIT_REDIS_SECRET.name, key: RATELIMIT_REDIS_SECRET.key },
    monitoringNamespace: o.monitoringNamespace,
  });
  new LlmAlertRules(set.workloads, 'llm-alerts', { namespace: o.monitoringNamespace, pricedModels: gateway.pricedModels });

  o.vectordb.syncClientCredentials(set.workloads, 'rag-qdrant-read-only', { namespace: LLMOPS_NAMESPACES.rag, access: 'read-only' });
  const knowledgeBase = new KnowledgeBaseIngestion(set.workloads, 'knowledge-base', {
    identity: foundation.kbIdentity,
    vectorDatabase: o.vectordb,
    alias: 'docs',
    embedding: { image: o.embeddingImage },
  });
  return { langfuse, gateway, knowledgeBase };
}
