/**
 * `LlmGateway` (workloads layer): one OpenAI-compatible entry point for the LLM InferenceServices,
 * made by Envoy AI Gateway on a Gateway of its own (a `ServingGateway` with `anyHost`):
 *
 * - per model, an Envoy Gateway `Backend` (the predictor Service's host name, port 80) and an
 *   `AIServiceBackend` (OpenAI schema under KServe's `/openai/v1` prefix); a Standard-mode canary of
 *   the service gets its own pair and its share of the model's traffic (`weight`), with the request's
 *   model name rewritten to the canary's (`modelNameOverride`);
 * - one `AIGatewayRoute`: a rule per model, chosen by the `model` of the request body (header
 *   `x-ai-eg-model`, which the AI gateway filter sets) and only for requests that name their tenant
 *   (`x-tenant-id`); `llmRequestCosts` record input, cached input, output and total tokens of every
 *   response, which the AI gateway exports as `gen_ai_client_token_usage{gen_ai_token_type}` and
 *   which the token budgets charge;
 * - with `tokenBudgets`, the per-tenant `BackendTrafficPolicy` (`token-budgets.ts`), and the Redis
 *   AUTH token of Envoy Gateway's rate limit service synced into its namespace;
 * - with `monitoringNamespace`, the PodMonitor that scrapes the AI gateway's metrics from the
 *   external processor of the gateway's proxy pods (port `aigw-admin` 1064, `/metrics`).
 *
 * Clients: `base_url = <gateway url>/v1`, `model = <model>`, header `x-tenant-id: <tenant>`.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../../core/layers/mlops-stack';
import { k8sName } from '../../core/naming';
import { ISecretsManagerSecret, secretsManagerSecretSchema } from '../../core/secrets/secret-source';
import { ISecretStoreRef, secretStoreRefSchema } from '../../core/secrets/secret-store';
import { SyncedSecret } from '../../core/secrets/synced-secret';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { MONITORING_API_VERSION, MONITORING_KINDS, MONITORING_LABELS } from '../../monitoring/constants';
import { ENVOY_GATEWAY_API_VERSION, PREDICTOR_SERVICE_PORT, predictorServiceName } from '../../serving/constants';
import { ServingGateway } from '../../serving/serving-gateway';
import {
  AI_GATEWAY_API_VERSION,
  AI_GATEWAY_EXTPROC_METRICS,
  KSERVE_OPENAI_PREFIX,
  LLM_COST_KEYS,
  LLM_GATEWAY_HEADERS,
  LLM_GATEWAY_KINDS,
} from './constants';
import { TokenBudgets, tokenBudgetRateLimit, tokenBudgetsSchema } from './token-budgets';
import { KubernetesManifest } from '../../core/resources/kubernetes-manifest';

/** What the gateway needs of an InferenceService (`InferenceService` implements it). */
export interface ILlmService {
  readonly serviceName: string;
  readonly namespace: string;
  readonly canary?: { readonly serviceName: string; readonly percent: number; readonly mode: 'split' | 'mirror' };
}

/** Price of a model's tokens, for the cost panels and recording rules. */
export interface TokenPricing {
  /** US dollars per million input (prompt) tokens. */
  readonly inputPerMillion: number;
  /** US dollars per million output (generated) tokens. */
  readonly outputPerMillion: number;
}

/** One model behind the gateway. */
export interface LlmModelRoute {
  /** Name clients put in `model` (defaults to the service name, KServe's served model name). @default - the service name */
  readonly model?: string;
  /** The InferenceService serving it (its canary, if any, gets its share). */
  readonly service: ILlmService;
  /** Price of its tokens. @default - no cost panels for it */
  readonly pricing?: TokenPricing;
}

/** Props of {@link LlmGateway}. */
export interface LlmGatewayProps {
  /** The Gateway the route attaches to (a `ServingGateway` with `anyHost`, routes from the models' namespace). */
  readonly gateway: ServingGateway;
  /** Namespace of the route and backends (the InferenceServices'). */
  readonly namespace: string;
  /** The models. */
  readonly models: readonly LlmModelRoute[];
  /** Per-tenant token budgets. @default - no budgets (tokens are still counted and exported) */
  readonly tokenBudgets?: TokenBudgets;
  /**
   * Redis AUTH token of Envoy Gateway's rate limit service (the `EnvoyGateway` was given
   * `aiGateway.rateLimitRedis`): synced into the Envoy Gateway namespace under the Secret name that
   * `rateLimitRedis.passwordSecret` names. Required with `tokenBudgets`.
   * @default - none
   */
  readonly rateLimitRedisAuth?: { readonly source: ISecretsManagerSecret; readonly store: ISecretStoreRef; readonly secretName: string; readonly key: string };
  /** Namespace of the PodMonitor of the AI gateway metrics. @default - no PodMonitor */
  readonly monitoringNamespace?: string;
  /** Longest a request may take, streamed responses included (Gateway API duration). @default '300s' */
  readonly requestTimeout?: string;
  /** Name of the route. @default 'llm' */
  readonly name?: string;
}

const schema = Schemas.props<LlmGatewayProps>()({
  gateway: Schemas.construct('a ServingGateway', { gatewayName: z.string() }),
  namespace: Schemas.k8sName(),
  models: z
    .array(
      Schemas.props<LlmModelRoute>()({
        model: z.string().regex(/^[A-Za-z0-9._:/-]{1,128}$/, { message: 'is not a model name the library accepts; use letters, digits and . _ : / -' }).optional(),
        service: Schemas.construct('an InferenceService (or { serviceName, namespace })', { serviceName: z.string(), namespace: z.string() }),
        pricing: Schemas.props<TokenPricing>()({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }).optional(),
      }),
    )
    .min(1, { message: 'is empty; route at least one model' }),
  tokenBudgets: tokenBudgetsSchema.optional(),
  rateLimitRedisAuth: Schemas.object({
    source: secretsManagerSecretSchema(),
    store: secretStoreRefSchema(),
    secretName: Schemas.dnsSubdomain(),
    key: Schemas.secretKey(),
  }).optional(),
  monitoringNamespace: Schemas.k8sName().optional(),
  requestTimeout: Schemas.gatewayDuration().optional(),
  name: Schemas.k8sName().optional(),
});

/** A priced model as the monitoring sees it. */
export interface PricedModel {
  readonly model: string;
  readonly pricing: TokenPricing;
}

/** The AI gateway route, its backends and token budgets. */
export class LlmGateway extends Construct {
  public readonly route: KubernetesManifest;
  public readonly backends: KubernetesManifest[] = [];
  public readonly tokenBudgetPolicy?: KubernetesManifest;
  public readonly podMonitor?: KubernetesManifest;
  /** Base URL of the OpenAI-compatible API (`<gateway url>/v1`). */
  public readonly baseUrl: string;
  /** Model names the route serves. */
  public readonly models: readonly string[];
  /** Models with a price. */
  public readonly pricedModels: readonly PricedModel[];
  /** Name of the route (and of the HTTPRoute the AI gateway makes from it). */
  public readonly routeName: string;

  constructor(scope: Construct, id: string, props: LlmGatewayProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'LlmGateway');
    const { gateway, namespace } = props;
    if (!gateway.routeNamespaces.includes(namespace)) {
      failProp(this, 'namespace', namespace, `is not a route namespace of gateway "${gateway.gatewayName}" (${gateway.routeNamespaces.join(', ')}); add it to the ServingGateway's routeNamespaces`);
    }
    const routeName = (this.routeName = props.name ?? 'llm');
    const models = props.models.map((m, i) => {
      if (m.service.namespace !== namespace) failProp(this, `models[${i}].service`, m.service.serviceName, `is in namespace "${m.service.namespace}", not the route's "${namespace}"; route each namespace's models with its own LlmGateway`);
      return { ...m, model: m.model ?? m.service.serviceName };
    });
    const seen = new Set<string>();
    for (const m of models) {
      if (seen.has(m.model)) failProp(this, 'models', m.model, 'is routed twice; give every model one entry');
      seen.add(m.model);
    }
    if (props.tokenBudgets && !props.rateLimitRedisAuth) {
      failProp(this, 'rateLimitRedisAuth', undefined, 'is required with tokenBudgets: Envoy Gateway\'s rate limit service keeps the budgets in Redis; pass the Redis AUTH token (and give EnvoyGateway aiGateway.rateLimitRedis)');
    }
    this.models = models.map((m) => m.model);
    this.pricedModels = models.filter((m) => m.pricing).map((m) => ({ model: m.model, pricing: m.pricing! }));

    const backend = (serviceName: string): string => {
      const name = k8sName(serviceName, 'openai');
      this.backends.push(
        new KubernetesManifest(this, `backend-${serviceName}`, {
          manifest: {
            apiVersion: ENVOY_GATEWAY_API_VERSION,
            kind: LLM_GATEWAY_KINDS.backend,
            metadata: { name, namespace },
            spec: { endpoints: [{ fqdn: { hostname: `${predictorServiceName(serviceName)}.${namespace}.svc.cluster.local`, port: PREDICTOR_SERVICE_PORT } }] },
          },
        }),
        new KubernetesManifest(this, `service-backend-${serviceName}`, {
          manifest: {
            apiVersion: AI_GATEWAY_API_VERSION,
            kind: LLM_GATEWAY_KINDS.serviceBackend,
            metadata: { name: serviceName, namespace },
            spec: { schema: { name: 'OpenAI', prefix: KSERVE_OPENAI_PREFIX }, backendRef: { name, kind: LLM_GATEWAY_KINDS.backend, group: 'gateway.envoyproxy.io' } },
          },
        }),
      );
      return serviceName;
    };
    const timeout = props.requestTimeout ?? '300s';
    const rules = models.map((m) => {
      const stable = m.service.serviceName;
      const canary = m.service.canary?.mode === 'split' ? m.service.canary : undefined;
      const ref = (serviceName: string, weight: number) => ({
        name: backend(serviceName),
        weight,
        // KServe serves each model under its InferenceService's name (`--model_name={{.Name}}`).
        ...(serviceName !== m.model ? { modelNameOverride: serviceName } : {}),
      });
      return {
        name: k8sName(m.model.replace(/[^A-Za-z0-9-]/g, '-')),
        matches: [{ headers: [{ type: 'Exact', name: LLM_GATEWAY_HEADERS.model, value: m.model }, { type: 'RegularExpression', name: LLM_GATEWAY_HEADERS.tenant, value: '.+' }] }],
        backendRefs: canary ? [ref(stable, 100 - canary.percent), ref(canary.serviceName, canary.percent)] : [ref(stable, 1)],
        timeouts: { request: timeout },
      };
    });
    this.route = new KubernetesManifest(this, 'route', {
      manifest: {
        apiVersion: AI_GATEWAY_API_VERSION,
        kind: LLM_GATEWAY_KINDS.route,
        metadata: { name: routeName, namespace },
        spec: {
          parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gateway.gatewayName, namespace: gateway.gatewayNamespace }],
          rules,
          llmRequestCosts: [
            { metadataKey: LLM_COST_KEYS.inputTokens, type: 'InputToken' },
            { metadataKey: LLM_COST_KEYS.cachedInputTokens, type: 'CachedInputToken' },
            { metadataKey: LLM_COST_KEYS.outputTokens, type: 'OutputToken' },
            { metadataKey: LLM_COST_KEYS.totalTokens, type: 'TotalToken' },
          ],
        },
      },
      dependsOn: [...this.backends, gateway.gateway],
    });

    if (props.tokenBudgets) {
      const auth = props.rateLimitRedisAuth!;
      const redisAuth = new SyncedSecret(this, 'ratelimit-redis', { store: auth.store, source: auth.source, namespace: gateway.gatewayNamespace, secretName: auth.secretName, valueKey: auth.key });
      this.tokenBudgetPolicy = new KubernetesManifest(this, 'token-budgets', {
        manifest: {
          apiVersion: ENVOY_GATEWAY_API_VERSION,
          kind: LLM_GATEWAY_KINDS.backendTrafficPolicy,
          metadata: { name: k8sName(routeName, 'token-budgets'), namespace: gateway.gatewayNamespace },
          spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gateway.gatewayName }], rateLimit: tokenBudgetRateLimit(props.tokenBudgets) },
        },
        dependsOn: [gateway.gateway, redisAuth.manifest],
      });
    }
    if (props.monitoringNamespace) {
      this.podMonitor = new KubernetesManifest(this, 'metrics', {
        manifest: {
          apiVersion: MONITORING_API_VERSION,
          kind: MONITORING_KINDS.podMonitor,
          metadata: { name: k8sName('ai-gateway', routeName), namespace: props.monitoringNamespace, labels: { [MONITORING_LABELS.component]: 'monitoring' } },
          spec: {
            namespaceSelector: { matchNames: [gateway.gatewayNamespace] },
            selector: { matchLabels: { 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': gateway.gatewayName } },
            podMetricsEndpoints: [{ port: AI_GATEWAY_EXTPROC_METRICS.portName, path: AI_GATEWAY_EXTPROC_METRICS.path, interval: '30s' }],
          },
        },
      });
    }
    this.baseUrl = `${gateway.url}/v1`;
  }
}
