/**
 * The construction-time checks of `InferenceService` whose meaning depends on the deployment mode or on
 * `llmAutoscaling` (split from inference-service.ts; the props schema itself stays there).
 */
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { failProp } from '../core/validation';
import { gpuResources } from './accelerators';
import { DeploymentMode } from './constants';
import type { InferenceServiceProps } from './inference-service';

/** The exact reason canary needs a gateway in Standard mode. */
export const CANARY_NEEDS_GATEWAY =
  'cannot be routed in Standard mode without a gateway: KServe v0.20 honours canaryTrafficPercent only in Knative mode and spec.canary does not route traffic; ' +
  'pass `gateway` (a ServingGateway) so the split is made by HTTPRoute weights';

/** Autoscaling metrics per deployment mode (KServe `AutoscalerAllowedHPAMetricsList` / `AutoscalerAllowedKPAMetricsList`). */
const METRICS: Readonly<Record<DeploymentMode, readonly string[]>> = { Standard: ['cpu', 'memory'], Knative: ['concurrency', 'rps'] };

/** A KServe InferenceService with its service account and route. */
/** Checks of props whose meaning depends on the deployment mode. */
export function checkModeProps(scope: Construct, mode: DeploymentMode, props: InferenceServiceProps): void {
  if (mode === 'Knative') {
    if (!props.knative) {
      failProp(scope, 'knative', undefined, 'is required in Knative mode; pass the KnativeServing of this workloads stack (with KServe installed with deploymentMode: "Knative")');
    }
    if (TerraformStack.of(props.knative) !== TerraformStack.of(scope)) {
      failProp(scope, 'knative', props.knative.node.path, 'is in another stack; create the KnativeServing in the same workloads stack as the InferenceService');
    }
    if (props.gateway) {
      failProp(scope, 'gateway', props.gateway.gatewayName, 'routes to the predictor Service of Standard mode; in Knative mode requests go through Knative Serving (Kourier) and canaries are revision splits, so drop gateway and call internalUrl');
    }
    if (props.canary?.mode === 'mirror') {
      failProp(scope, 'canary.mode', 'mirror', 'is not available in Knative mode (Knative splits traffic between revisions, it cannot mirror); use mode "split", or deploymentMode "Standard" with a ServingGateway');
    }
    if (props.pipelineRollout) {
      failProp(scope, 'pipelineRollout', props.pipelineRollout, 'is a Standard mode slot (a canary InferenceService behind HTTPRoute weights); in Knative mode use `canary` (revision splits) or deploymentMode "Standard" with a ServingGateway');
    }
    if (props.canary?.replicas !== undefined) {
      failProp(scope, 'canary.replicas', props.canary.replicas, 'does not apply in Knative mode: the canary revision autoscales between minReplicas and maxReplicas like the stable one; drop canary.replicas');
    }
  } else {
    if (props.knative) {
      failProp(scope, 'knative', props.knative.node.path, `is set but deploymentMode is "${mode}"; set deploymentMode: "Knative" to run on Knative Serving, or drop knative`);
    }
    if (props.minReplicas === 0 && !props.llmAutoscaling) {
      failProp(scope, 'minReplicas', 0, 'must be at least 1; Standard mode scales to zero only with llmAutoscaling (KEDA), or use deploymentMode "Knative"');
    }
    if (props.scaleToZeroRetention !== undefined) {
      failProp(scope, 'scaleToZeroRetention', props.scaleToZeroRetention, 'applies to Knative mode only; drop it or set deploymentMode: "Knative" with minReplicas: 0');
    }
    if (props.canary && !props.gateway) failProp(scope, 'canary.percent', props.canary.percent, CANARY_NEEDS_GATEWAY);
    if (props.pipelineRollout && !props.gateway) failProp(scope, 'pipelineRollout', props.pipelineRollout, CANARY_NEEDS_GATEWAY);
    if (props.gateway && !props.gateway.routeNamespaces.includes(props.namespace)) {
      failProp(scope, 'namespace', props.namespace, `is not a route namespace of gateway "${props.gateway.gatewayName}" (${props.gateway.routeNamespaces.join(', ')}); add it to the ServingGateway's routeNamespaces`);
    }
  }
  if (props.pipelineRollout && props.canary) {
    failProp(scope, 'pipelineRollout', props.pipelineRollout, 'cannot be combined with `canary`: the pipeline owns the canary slot; drop `canary` (the pipeline sets the canary model and share)');
  }
  const metric = props.autoscaling?.metric;
  if (metric !== undefined && !METRICS[mode].includes(metric)) {
    failProp(scope, 'autoscaling.metric', metric, `is not a ${mode} mode metric; use ${METRICS[mode].map((m) => `"${m}"`).join(' or ')}` + (mode === 'Standard' ? ' (HPA)' : ' (Knative Pod Autoscaler)'));
  }
  if ((metric === 'cpu' || metric === 'memory') && props.autoscaling!.targetUtilization > 100) {
    failProp(scope, 'autoscaling.targetUtilization', props.autoscaling!.targetUtilization, 'must be 1–100 (percent of the request)');
  }
}

/** Checks of `llmAutoscaling`, and a warning when the GPU pool cannot hold `maxReplicas`. */
export function checkLlmAutoscaling(scope: Construct, props: InferenceServiceProps, minReplicas: number, maxReplicas: number): void {
  const auto = props.llmAutoscaling;
  if (!auto) return;
  if (props.deploymentMode === 'Knative') {
    failProp(scope, 'llmAutoscaling', 'set', 'applies to Standard mode (KServe with KEDA); Knative mode scales with the Knative Pod Autoscaler (autoscaling.metric "concurrency"), so drop llmAutoscaling or use deploymentMode "Standard"');
  }
  if (props.autoscaling) failProp(scope, 'autoscaling', props.autoscaling, 'is set together with llmAutoscaling; a predictor has one autoscaler: keep one of them');
  if (!props.predictor.llm) failProp(scope, 'llmAutoscaling', 'set', 'reads vLLM metrics, but the predictor is not an LLM (predictor.llm); drop llmAutoscaling or use autoscaling');
  if (maxReplicas === minReplicas) {
    failProp(scope, 'llmAutoscaling', 'set', `has no room to scale (minReplicas = maxReplicas = ${minReplicas}); set maxReplicas above minReplicas or drop llmAutoscaling`);
  }
  const gpu = props.predictor.gpu;
  if (!gpu) return;
  for (const [resource, perPod] of Object.entries(gpuResources(gpu))) {
    const limit = gpu.pool.offer.limits[resource];
    if (limit !== undefined && perPod * maxReplicas > limit) {
      Annotations.of(scope).addWarning(`maxReplicas ${maxReplicas} needs ${perPod * maxReplicas} ${resource}, but pool ${gpu.pool.nodePoolName} is limited to ${limit}: replicas above ${Math.floor(limit / perPod)} stay Pending; raise the pool's limits or lower maxReplicas`);
    }
  }
}
