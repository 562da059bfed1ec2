/**
 * The rollout slot of an InferenceService whose new model versions a training pipeline rolls out
 * (`InferenceService({ pipelineRollout })`, Standard mode with a `ServingGateway`), and the handle
 * (`IRolloutTarget`) the pipeline acts on.
 *
 * How the canary works in Standard mode (see `inference-service.ts`): KServe v0.20 splits no traffic
 * itself, so the slot is a second InferenceService `<name>-canary` and an HTTPRoute with two
 * weighted backends — stable 100, canary 0 at rest. A pipeline run:
 * 1. points the canary's `spec.predictor.model.storageUri` at the new version and waits until it is
 *    Ready at that generation;
 * 2. moves the configured share to the canary (route weights);
 * 3. analyses the canary's Envoy metrics; then either promotes (stable's storageUri ← the new
 *    version, weights back to 100/0) or rolls back (weights 100/0).
 *
 * Terraform and the pipeline share these objects: the fields the pipeline changes are
 * `computed_fields` of the `kubernetes_manifest`s, so a plan accepts the live value as long as the
 * configured one does not change (kubernetes provider v2.38 `manifest/provider/plan.go`: for a
 * computed field whose configuration is unchanged the planned value is the one read from the
 * cluster). Everything else stays Terraform's. A later apply that changes another field of the same
 * object re-sends the configured storageUri and the API server reports a field-manager conflict
 * with the pipeline instead of silently rolling the model back; set `predictor.storageUri` to the
 * served version first (see docs/catalog/pipelines.md).
 *
 * Per-backend metrics: each backendRef carries a `ResponseHeaderModifier` filter (header
 * {@link SERVING_TRACK_HEADER}). Envoy Gateway v1.9.0 gives a route rule one Envoy cluster per
 * backendRef when any backendRef has filters (`ir.RouteDestination.NeedsClusterPerSetting` →
 * `HasFiltersInSettings`), named `httproute/<namespace>/<route>/rule/<i>/backend/<j>`
 * (`irRouteDestinationName` + `irDestinationSettingName`); without filters both backends share one
 * cluster and the canary's errors and latency cannot be told apart.
 */

/** Response header naming the track (`stable` or `canary`) that served a request. */
export const SERVING_TRACK_HEADER = 'x-mlops-serving-track';

/** JSON pointer of the model's storage URI in an InferenceService. */
export const STORAGE_URI_POINTER = '/spec/predictor/model/storageUri';

/** `computed_fields` of the two InferenceServices of a rollout slot (the defaults plus the storage URI). */
export const ROLLOUT_ISVC_COMPUTED_FIELDS: readonly string[] = ['metadata.annotations', 'metadata.labels', 'spec.predictor.model.storageUri'];

/** `computed_fields` of the HTTPRoute of a rollout slot (the defaults plus both backend weights). */
export const ROLLOUT_ROUTE_COMPUTED_FIELDS: readonly string[] = [
  'metadata.annotations',
  'metadata.labels',
  'spec.rules[0].backendRefs[0].weight',
  'spec.rules[0].backendRefs[1].weight',
];

/** Envoy cluster of backend `backend` of rule `rule` of an HTTPRoute (Envoy Gateway v1.9 naming). */
export function envoyClusterName(namespace: string, route: string, rule: number, backend: number): string {
  return `httproute/${namespace}/${route}/rule/${rule}/backend/${backend}`;
}

/** What a pipeline needs to roll a model version out to an InferenceService. */
export interface IRolloutTarget {
  /** Namespace of the InferenceServices and the route. */
  readonly namespace: string;
  /** The stable InferenceService (serves 100% at rest). */
  readonly stableName: string;
  /** The canary InferenceService (0% at rest). */
  readonly canaryName: string;
  /** The HTTPRoute that splits traffic (rule 0, backends: stable, canary). */
  readonly routeName: string;
  /** Index of the stable backend in rule 0. */
  readonly stableBackend: number;
  /** Index of the canary backend in rule 0. */
  readonly canaryBackend: number;
  /** Name of the stable predictor Service (the route's stable backendRef). */
  readonly stableServiceName: string;
  /** Name of the canary's predictor Service (the route's canary backendRef). */
  readonly canaryServiceName: string;
  /** Envoy cluster of the canary backend (label `envoy_cluster_name` of Envoy's metrics). */
  readonly canaryEnvoyCluster: string;
  /** Envoy cluster of the stable backend. */
  readonly stableEnvoyCluster: string;
  /**
   * S3 prefixes the service's identity may read (`s3://<bucket>/<prefix>/`): a rolled-out version
   * must be under one of them.
   */
  readonly readablePrefixes: readonly string[];
}
