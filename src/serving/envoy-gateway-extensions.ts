/**
 * Envoy Gateway settings that Envoy AI Gateway needs, as values of the gateway-helm chart
 * (`config.envoyGateway`, rendered by the chart as the `EnvoyGateway` configuration; the fields are
 * those of Envoy Gateway v1.9.0 `api/v1alpha1/envoygateway_types.go`):
 *
 * - what envoyproxy/ai-gateway v1.1.0 `manifests/envoy-gateway-values.yaml` requires: the Backend
 *   API and EnvoyPatchPolicy on, and the extension manager calling the AI gateway controller on the
 *   listener, route, cluster and secret translation hooks (the contract test compares them with
 *   that file in ../shared/upstream/envoy-ai-gateway);
 * - with `rateLimitRedis`, global rate limiting on Redis (the token budgets of `LlmGateway`), as its
 *   `examples/token_ratelimit/envoy-gateway-values-addon.yaml` does, but on ElastiCache: TLS on
 *   (`rateLimit.backend.redis.tls: {}` makes Envoy Gateway set `REDIS_TLS=true` on its rate limit
 *   service) and the AUTH token as `REDIS_AUTH` from a Secret of the Envoy Gateway namespace
 *   (`provider.kubernetes.rateLimitDeployment.container.env`, appended by Envoy Gateway to the
 *   container's env). The rate limit service's image is the one the chart pins.
 */
import { PlainObject } from '../core/merge';

/** Env var envoyproxy/ratelimit reads the Redis password from. */
export const RATELIMIT_REDIS_AUTH_ENV = 'REDIS_AUTH';

/** The Envoy Gateway side of Envoy AI Gateway. */
export interface EnvoyGatewayAiSettings {
  /** The AI gateway controller's extension server (`<service>.<namespace>.svc.cluster.local`, port 1063). */
  readonly extensionServer: { readonly hostname: string; readonly port: number };
  /**
   * Redis of the global rate limit service (token budgets): host and port, and the Secret (in the
   * Envoy Gateway namespace) holding its AUTH token.
   * @default - no global rate limiting
   */
  readonly rateLimitRedis?: { readonly host: string; readonly port: number; readonly passwordSecret: { readonly name: string; readonly key: string } };
}

/** `config.envoyGateway` values of the AI gateway settings. */
export function envoyGatewayAiValues(settings: EnvoyGatewayAiSettings): PlainObject {
  const all = { includeAll: true };
  const envoyGateway: Record<string, unknown> = {
    extensionApis: { enableEnvoyPatchPolicy: true, enableBackend: true },
    extensionManager: {
      hooks: { xdsTranslator: { translation: { listener: { ...all }, route: { ...all }, cluster: { ...all }, secret: { ...all } }, post: ['Translation', 'Cluster', 'Route'] } },
      service: { fqdn: { hostname: settings.extensionServer.hostname, port: settings.extensionServer.port } },
    },
  };
  const redis = settings.rateLimitRedis;
  if (redis) {
    envoyGateway.rateLimit = { backend: { type: 'Redis', redis: { url: `${redis.host}:${redis.port}`, tls: {} } } };
    envoyGateway.provider = {
      kubernetes: { rateLimitDeployment: { container: { env: [{ name: RATELIMIT_REDIS_AUTH_ENV, valueFrom: { secretKeyRef: { ...redis.passwordSecret } } }] } } },
    };
  }
  return { config: { envoyGateway } } as PlainObject;
}
