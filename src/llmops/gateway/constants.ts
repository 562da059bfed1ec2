/**
 * Constants of the LLM gateway: Envoy AI Gateway v1.1.0 (charts `ai-gateway-crds-helm` and
 * `ai-gateway-helm`) on the installed Envoy Gateway v1.9.0 — install defaults, API versions, the
 * headers and dynamic metadata the AI gateway filter uses, and the metrics its external processor
 * exports (checked against test/contract/fixtures/envoy-ai-gateway-v1.1.0/metrics.txt).
 */

/** Where the AI gateway is installed (`manifests/envoy-gateway-values.yaml` points the extension manager there). */
export const AI_GATEWAY_DEFAULTS = {
  namespace: 'envoy-ai-gateway-system',
  crdsReleaseName: 'aieg-crd',
  releaseName: 'aieg',
  /** The controller's Service (chart `controller.fullnameOverride`) and its extension server port (gRPC). */
  controllerService: 'ai-gateway-controller',
  extensionServerPort: 1063,
} as const;

/** apiVersion of AIGatewayRoute and AIServiceBackend (v1beta1 is the storage version of v1.1.0). */
export const AI_GATEWAY_API_VERSION = 'aigateway.envoyproxy.io/v1beta1';

/** Kinds the gateway constructs emit. */
export const LLM_GATEWAY_KINDS = {
  route: 'AIGatewayRoute',
  serviceBackend: 'AIServiceBackend',
  backend: 'Backend',
  backendTrafficPolicy: 'BackendTrafficPolicy',
} as const;

/** Headers. */
export const LLM_GATEWAY_HEADERS = {
  /** Set by the AI gateway filter from the request body's `model` (routes match on it). */
  model: 'x-ai-eg-model',
  /** The tenant of a request: budgets are per value; requests without it are not routed. */
  tenant: 'x-tenant-id',
} as const;

/** Dynamic metadata namespace the AI gateway filter writes token counts to (`llmRequestCosts`). */
export const AI_GATEWAY_METADATA_NAMESPACE = 'io.envoy.ai_gateway';

/** Metadata keys of the token counts the route records (one per `llmRequestCosts` entry). */
export const LLM_COST_KEYS = {
  inputTokens: 'llm_input_token',
  cachedInputTokens: 'llm_cached_input_token',
  outputTokens: 'llm_output_token',
  totalTokens: 'llm_total_token',
} as const;

/** Path prefix of KServe's OpenAI-compatible endpoints (`KSERVE_OPENAI_ROUTE_PREFIX` default `/openai`, API v1). */
export const KSERVE_OPENAI_PREFIX = '/openai/v1';

/**
 * Prometheus metrics of the AI gateway's external processor (served on its admin port 1064 at
 * `/metrics`; OpenTelemetry GenAI semantic conventions, dots → underscores, seconds histograms with
 * the unit suffix) and the labels the library's queries use.
 */
export const GEN_AI_METRICS = {
  tokenUsage: 'gen_ai_client_token_usage',
  requestDuration: 'gen_ai_server_request_duration_seconds',
  timeToFirstToken: 'gen_ai_server_time_to_first_token_seconds',
  timePerOutputToken: 'gen_ai_server_time_per_output_token_seconds',
} as const;

/** Labels of those metrics. */
export const GEN_AI_LABELS = {
  requestModel: 'gen_ai_request_model',
  tokenType: 'gen_ai_token_type',
  errorType: 'error_type',
  /** From `controller.metricsRequestHeaderAttributes: "x-tenant-id:tenant.id"` (set by `AiGateway`). */
  tenant: 'tenant_id',
} as const;

/** The external processor's admin port (metrics, health) and its container port name. */
export const AI_GATEWAY_EXTPROC_METRICS = { portName: 'aigw-admin', port: 1064, path: '/metrics' } as const;
