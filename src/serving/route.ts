/**
 * The `HTTPRoute` of an InferenceService behind a `ServingGateway`: one backend (the predictor
 * Service KServe creates in Standard mode), or during a canary two weighted backends (stable and
 * canary InferenceService), or in shadow mode the stable backend plus a `RequestMirror` filter that
 * copies a share of requests to the canary and ignores its responses.
 */
import { GATEWAY_API_VERSION, PREDICTOR_SERVICE_PORT, predictorServiceName, SERVING_KINDS } from './constants';
import { SERVING_TRACK_HEADER } from './rollout-target';
import { IServingGateway } from './serving-gateway';

/** How the canary gets traffic. */
export type CanaryMode = 'split' | 'mirror';

/** Inputs of {@link renderHttpRoute}. */
export interface RouteSpec {
  readonly name: string;
  readonly namespace: string;
  readonly gateway: IServingGateway;
  readonly labels: Readonly<Record<string, string>>;
  /** Name of the canary InferenceService, when a canary runs. */
  readonly canaryName?: string;
  /** Share of requests (0–100) sent (split) or copied (mirror) to the canary. */
  readonly canaryPercent?: number;
  readonly canaryMode?: CanaryMode;
  /**
   * Request timeout of the route (Gateway API duration).
   * @default - the gateway's default
   */
  readonly timeout?: string;
  /**
   * Give each backend a response header naming its track (`stable`/`canary`), which also gives each
   * its own Envoy cluster and metrics (see `rollout-target.ts`).
   * @default false
   */
  readonly trackHeaders?: boolean;
}

/** A backendRef to the predictor Service of an InferenceService. */
function backend(isvcName: string, weight?: number, track?: 'stable' | 'canary'): Record<string, unknown> {
  return {
    kind: 'Service',
    name: predictorServiceName(isvcName),
    port: PREDICTOR_SERVICE_PORT,
    ...(weight !== undefined ? { weight } : {}),
    ...(track ? { filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: SERVING_TRACK_HEADER, value: track }] } }] } : {}),
  };
}

/** The HTTPRoute manifest. */
export function renderHttpRoute(spec: RouteSpec): Record<string, unknown> {
  const rule: Record<string, unknown> = { matches: [{ path: { type: 'PathPrefix', value: '/' } }] };
  if (spec.canaryName === undefined) {
    rule.backendRefs = [backend(spec.name)];
  } else if ((spec.canaryMode ?? 'split') === 'split') {
    const percent = spec.canaryPercent ?? 0;
    const tracks = spec.trackHeaders ?? false;
    rule.backendRefs = [backend(spec.name, 100 - percent, tracks ? 'stable' : undefined), backend(spec.canaryName, percent, tracks ? 'canary' : undefined)];
  } else {
    rule.backendRefs = [backend(spec.name)];
    rule.filters = [
      {
        type: 'RequestMirror',
        requestMirror: { backendRef: backend(spec.canaryName), percent: spec.canaryPercent ?? 100 },
      },
    ];
  }
  if (spec.timeout) rule.timeouts = { request: spec.timeout };
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: SERVING_KINDS.httpRoute,
    metadata: { name: spec.name, namespace: spec.namespace, labels: { ...spec.labels } },
    spec: {
      parentRefs: [
        { group: 'gateway.networking.k8s.io', kind: SERVING_KINDS.gateway, name: spec.gateway.gatewayName, namespace: spec.gateway.gatewayNamespace, sectionName: spec.gateway.listenerName },
      ],
      hostnames: [spec.gateway.hostnameFor(spec.name, spec.namespace)],
      rules: [rule],
    },
  };
}
