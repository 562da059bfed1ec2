/**
 * `InferenceService` (workloads layer): one model behind KServe — its own service account (bound to
 * an `InferenceServiceIdentity` role that reads exactly its S3 model prefix), the
 * `serving.kserve.io/v1beta1` InferenceService, and in Standard mode with a `gateway` an HTTPRoute.
 *
 * **Canary, Standard mode.** KServe v0.20 does not split traffic in Standard mode: `canaryTrafficPercent`
 * is read only by the Knative reconciler (`reconcilers/knative/ksvc_reconciler.go`), and the new
 * `spec.canary` list only sizes canary replicas (weighted HTTPRoutes arrived after v0.20.0, kserve
 * PR #5912). So `canary` creates a second InferenceService `<name>-canary` and the HTTPRoute sends
 * `percent`% of requests to it (`mode: 'split'`) or copies them (`mode: 'mirror'`, shadow traffic).
 * Promote: copy the canary's settings into `predictor` and remove `canary`. Roll back: remove
 * `canary`. Both are a prop change and an apply.
 *
 * **Knative mode** (`deploymentMode: 'Knative'`, with `knative`: the `KnativeServing` of the workloads
 * layer). The predictor is a Knative Service: `minReplicas: 0` scales it to zero when idle (the
 * first request waits for a cold start), `autoscaling` scales on `concurrency` or `rps` (Knative Pod
 * Autoscaler). `canary` is native: the one InferenceService gets the canary's predictor and
 * `canaryTrafficPercent: percent`, and KServe splits traffic between the new revision (`percent`%)
 * and the previously rolled-out one — which is the stable `predictor` only if that was applied
 * before (on a first apply there is no previous revision and the canary gets all traffic). Promote:
 * move the canary's settings into `predictor`, remove `canary`; roll back: remove `canary`. No
 * gateway, no mirror mode. GPU revisions get a progress deadline that covers a cold start on a new
 * GPU node (`KNATIVE_DEFAULTS.gpuColdStartSeconds`, plus an LLM's startup timeout).
 *
 * **GPU.** `predictor.gpu` takes the pool's tolerations and node selector, and the scheduling
 * contract (`assertSchedulable`) fails construction when no registered GPU pool can run the pod —
 * also for a predictor that scales to zero (its first request needs a pod that fits).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { assertSchedulable } from '../compute/scheduling/scheduling-contract';
import { requireLayer } from '../core/layers/mlops-stack';
import { k8sName } from '../core/naming';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { claimClusterObject } from '../core/layers/object-claims';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { gpuResources, LLM_DEFAULTS } from './accelerators';
import { DeploymentMode, KNATIVE_ANNOTATIONS, KNATIVE_DEFAULTS, KSERVE_ANNOTATIONS, KSERVE_API_VERSION, predictorServiceName, SERVING_KINDS, SERVING_LABELS } from './constants';
import { defaultServiceAccountName } from './inference-service-identity';
import { checkLlmAutoscaling, checkModeProps } from './inference-service-checks';
import { checkPredictor } from './predictor-checks';
import { PredictorProps, renderPredictor } from './predictor';
import { CanaryMode, renderHttpRoute } from './route';
import { envoyClusterName, IRolloutTarget, ROLLOUT_ISVC_COMPUTED_FIELDS, ROLLOUT_ROUTE_COMPUTED_FIELDS } from './rollout-target';
import { IServingGateway } from './serving-gateway';
import { KnativeServing } from './knative-serving';
import { LlmAutoscalingProps, llmAutoscalingSchema, renderLlmAutoscaling } from './llm-autoscaling';
import { KubernetesServiceAccountV1 } from '../core/resources/kubernetes-core';

/** What the service needs of its AWS identity (`InferenceServiceIdentity` implements it). */
export interface IInferenceServiceIdentity {
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** The model prefixes it may read. */
  readonly models: ReadonlyArray<{ readonly bucket: string; readonly prefix: string }>;
}

/** A canary rollout. */
export interface CanaryProps {
  /** Share of requests, 1–99, sent to (split) or copied to (mirror) the canary. */
  readonly percent: number;
  /** What differs in the canary (usually `storageUri`); the rest is the stable predictor's. */
  readonly predictor: Partial<PredictorProps>;
  /** `split`: real traffic share; `mirror`: shadow copies, responses ignored (Standard mode only). @default 'split' */
  readonly mode?: CanaryMode;
  /** Fixed replicas of the canary (Standard mode only; in Knative mode the canary revision autoscales). @default 1 */
  readonly replicas?: number;
}

/** A canary slot driven by a training pipeline. */
export interface PipelineRolloutProps {
  /** Fixed replicas of the canary. @default 1 */
  readonly canaryReplicas?: number;
}

/** Props of {@link InferenceService}. */
export interface InferenceServiceProps {
  /** Namespace (must exist: `KServe({ namespaces })`). */
  readonly namespace: string;
  /** Name of the InferenceService. @default - the construct id as a Kubernetes name */
  readonly name?: string;
  /** The model server. */
  readonly predictor: PredictorProps;
  /**
   * AWS identity of the pods (required for an `s3://` storageUri): its service account is created
   * here, and it must grant read on the model prefix.
   * @default - no AWS access; service account `<name>-sa`
   */
  readonly identity?: IInferenceServiceIdentity;
  /** Minimum replicas; `0` (Knative mode, or Standard mode with `llmAutoscaling`) scales to zero when idle. @default preset dev: 1, prod: 2 */
  readonly minReplicas?: number;
  /** Maximum replicas. @default minReplicas (fixed size), at least 1 */
  readonly maxReplicas?: number;
  /**
   * Autoscaling target (KServe `scaleMetric`/`scaleTarget`); needs `maxReplicas > minReplicas`.
   * Standard mode: HPA on `cpu` or `memory`, `targetUtilization` in percent of the request. Knative
   * mode: Knative Pod Autoscaler on `concurrency` (in-flight requests per pod) or `rps` (requests per
   * second per pod), `targetUtilization` being that per-pod target.
   * @default - Standard: no autoscaling (autoscalerClass `none`); Knative: concurrency, Knative's default target
   */
  readonly autoscaling?: { readonly metric: 'cpu' | 'memory' | 'concurrency' | 'rps'; readonly targetUtilization: number };
  /**
   * Autoscaling of a vLLM predictor (`predictor.llm`) on its queue depth and KV-cache usage through
   * KServe's KEDA integration (Standard mode; see `llm-autoscaling.ts`); needs
   * `maxReplicas > minReplicas`, allows `minReplicas: 0`. Not with `autoscaling`.
   * @default - none
   */
  readonly llmAutoscaling?: LlmAutoscalingProps;
  /** Deployment mode; `Knative` needs `knative` (see `KServe`). @default 'Standard' */
  readonly deploymentMode?: DeploymentMode;
  /**
   * Knative Serving (the `KnativeServing` of this workloads stack); required in Knative mode, the
   * service waits for it.
   * @default - none (Standard mode)
   */
  readonly knative?: KnativeServing;
  /**
   * Knative mode with `minReplicas: 0`: how long the last pod stays after traffic stops before the
   * predictor scales to zero (Knative duration, e.g. `15m`; worth it for GPU models with slow cold starts).
   * @default - Knative's default (0s: scale to zero after the grace period)
   */
  readonly scaleToZeroRetention?: string;
  /** The gateway the service is reached through (Standard mode; required for its `canary`). @default - cluster-internal predictor Service only */
  readonly gateway?: IServingGateway;
  /** A canary rollout. @default - none */
  readonly canary?: CanaryProps;
  /**
   * A permanent canary slot that a training pipeline drives (`TrainingPipeline({ rollout })`):
   * `<name>-canary` serving the stable model at 0% of the route until a run points it at a new
   * version (Standard mode with a `gateway`; not together with `canary`). See `rollout-target.ts`.
   * @default - none
   */
  readonly pipelineRollout?: PipelineRolloutProps;
  /** Hugging Face hub token: a SyncedSecret with key `HF_TOKEN` in the same namespace. @default - none */
  readonly hubToken?: SyncedSecret;
  /** Request timeout on the route (Gateway API duration, e.g. `300s` for LLMs). @default - gateway default */
  readonly routeTimeout?: string;
  /** Resources the InferenceServices wait for (e.g. the `ModelMirror` Job that copies the weights). @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /** @default 'prod' */
  readonly preset?: Preset;
}

/** An InferenceService name as KServe's webhook takes it (`IsvcNameFmt`, DNS-1035: starts with a letter). */
const isvcName = Schemas.k8sName().regex(/^[a-z]/, { message: 'does not start with a letter; KServe requires InferenceService names to (its Services are DNS-1035 names)' });

const schema = Schemas.props<InferenceServiceProps>()({
  namespace: Schemas.k8sName(),
  name: isvcName.optional(),
  // Checked by checkPredictor (the canary's merged over it too), which names the props under `predictor.`.
  predictor: z.record(z.string(), z.unknown(), { message: 'is required; give the model server (modelFormat, storageUri, resources)' }),
  identity: Schemas.construct('an InferenceServiceIdentity', { namespace: z.string(), serviceAccountName: z.string(), models: z.array(z.any()) }).optional(),
  minReplicas: z.number().int({ message: 'must be a whole number of replicas' }).min(0, { message: 'must be at least 0' }).optional(),
  maxReplicas: Schemas.positiveInt('replica count').optional(),
  autoscaling: Schemas.object({
    metric: z.enum(['cpu', 'memory', 'concurrency', 'rps'], { message: 'must be "cpu" or "memory" (Standard mode, HPA) or "concurrency" or "rps" (Knative mode)' }),
    targetUtilization: z.number().int().min(1, { message: 'must be at least 1' }),
  }).optional(),
  llmAutoscaling: llmAutoscalingSchema.optional(),
  deploymentMode: z.enum(['Standard', 'Knative'], { message: 'must be "Standard" or "Knative"' }).optional(),
  knative: z.custom<KnativeServing>((v) => v instanceof KnativeServing, { message: 'is not a KnativeServing; pass the KnativeServing of this workloads stack' }).optional(),
  scaleToZeroRetention: z.string().regex(/^([0-9]+(h|m|s))+$/, { message: 'is not a Knative duration; use e.g. "15m" or "1h"' }).optional(),
  gateway: Schemas.construct('a ServingGateway', { gatewayName: z.string(), routeNamespaces: z.array(z.string()) }).optional(),
  canary: Schemas.props<CanaryProps>()({
    percent: z.number().int({ message: 'must be a whole percentage' }).min(1, { message: 'must be 1–99; remove `canary` to roll back' }).max(99, { message: 'must be 1–99; to promote, move the canary settings into `predictor` and remove `canary`' }),
    predictor: z.record(z.string(), z.unknown(), { message: 'is required; give what differs in the canary, e.g. { storageUri }' }),
    mode: z.enum(['split', 'mirror']).optional(),
    replicas: Schemas.positiveInt('replica count').optional(),
  }).optional(),
  pipelineRollout: Schemas.props<PipelineRolloutProps>()({ canaryReplicas: Schemas.positiveInt('replica count').optional() }).optional(),
  hubToken: z.custom<SyncedSecret>((v) => v instanceof SyncedSecret, { message: 'is not a SyncedSecret; sync the token with a SyncedSecret (key HF_TOKEN) in the service namespace' }).optional(),
  routeTimeout: Schemas.gatewayDuration().optional(),
  dependsOn: z.array(z.any()).optional(),
  preset: presetSchema.optional(),
});

/** `computed_fields` of the provider's default (Kubernetes mutates annotations and labels). */
const DEFAULT_COMPUTED_FIELDS: readonly string[] = ['metadata.annotations', 'metadata.labels'];

/**
 * Names KServe (and Knative) derive from the InferenceService name: the predictor Deployment and
 * Service `<name>-predictor` (Standard), the Knative revision `<name>-predictor-00001` (Knative), the
 * canary's `<name>-canary-predictor`. Each must be a 63-character Kubernetes name.
 */
function derivedNames(name: string, mode: DeploymentMode, canary: boolean): string[] {
  if (mode === 'Knative') return [`${name}-predictor-00001`];
  return [`${name}-predictor`, ...(canary ? [`${k8sName(name, 'canary')}-predictor`] : [])];
}

export { CANARY_NEEDS_GATEWAY } from './inference-service-checks';

export class InferenceService extends Construct {
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly serviceAccount: KubernetesServiceAccountV1;
  /** The stable InferenceService. */
  public readonly manifest: KubernetesManifest;
  /** The canary InferenceService, during a canary. */
  public readonly canaryManifest?: KubernetesManifest;
  /** Name and traffic share of the canary InferenceService (Standard mode, during a canary). */
  public readonly canary?: { readonly serviceName: string; readonly percent: number; readonly mode: CanaryMode };
  /** The HTTPRoute, with a gateway. */
  public readonly route?: KubernetesManifest;
  /**
   * In-cluster URL of the predictor: its Service in Standard mode (bypasses a gateway's canary
   * split), Knative's cluster-local route in Knative mode (through Kourier, with the canary split).
   */
  public readonly internalUrl: string;
  /**
   * Host name the gateway routes to this service (with its canary split or mirror), when it has a
   * gateway: send requests to the gateway (`ServingGateway.url`) with this `Host` header.
   */
  public readonly routedHost?: string;
  /** What a training pipeline rolls new versions out to, with `pipelineRollout`. */
  public readonly rolloutTarget?: IRolloutTarget;

  constructor(scope: Construct, id: string, props: InferenceServiceProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'InferenceService');
    const name = props.name ?? k8sName(id);
    this.serviceName = name;
    this.namespace = props.namespace;
    const mode = props.deploymentMode ?? 'Standard';
    const knative = mode === 'Knative';
    checkModeProps(this, mode, props);
    const minReplicas = props.minReplicas ?? byPreset(props.preset, { dev: 1, prod: 2 });
    const maxReplicas = props.maxReplicas ?? Math.max(minReplicas, 1);
    if (maxReplicas < minReplicas) failProp(this, 'maxReplicas', maxReplicas, `is below minReplicas (${minReplicas}); raise maxReplicas or lower minReplicas`);
    if (props.autoscaling && maxReplicas === minReplicas) {
      failProp(this, 'autoscaling', props.autoscaling, `has no room to scale (minReplicas = maxReplicas = ${minReplicas}); set maxReplicas above minReplicas or drop autoscaling`);
    }
    checkLlmAutoscaling(this, props, minReplicas, maxReplicas);
    if (props.scaleToZeroRetention !== undefined && minReplicas !== 0) {
      failProp(this, 'scaleToZeroRetention', props.scaleToZeroRetention, `applies only to a service that scales to zero (minReplicas is ${minReplicas}); set minReplicas: 0 or drop scaleToZeroRetention`);
    }
    const slot = props.pipelineRollout !== undefined;
    const tooLong = derivedNames(name, mode, props.canary !== undefined || slot).find((derived) => derived.length > 63);
    if (tooLong !== undefined) {
      failProp(this, props.name === undefined ? 'id' : 'name', name, `is too long: ${mode === 'Knative' ? 'Knative' : 'KServe'} derives "${tooLong}" (${tooLong.length} characters) from it, over the 63-character limit of Kubernetes names; use at most ${name.length - (tooLong.length - 63)} characters`);
    }
    if (props.name === undefined && !/^[a-z]/.test(name)) failProp(this, 'id', name, 'does not start with a letter, which KServe requires of InferenceService names; pass name');
    claimClusterObject(this, props.name === undefined ? 'id' : 'name', 'InferenceService', props.namespace, name);
    if ((props.canary || slot) && mode === 'Standard') claimClusterObject(this, props.canary ? 'canary' : 'pipelineRollout', 'InferenceService', props.namespace, k8sName(name, 'canary'));
    const canaryPredictor: PredictorProps | undefined = props.canary ? { ...props.predictor, ...props.canary.predictor } : slot ? props.predictor : undefined;
    checkPredictor(this, 'predictor', props.predictor, props);
    if (canaryPredictor) checkPredictor(this, 'canary.predictor', canaryPredictor, props);
    for (const [prop, p] of [['predictor', props.predictor], ['canary.predictor', canaryPredictor]] as const) {
      if (!p?.gpu) continue;
      assertSchedulable(this, {
        workload: `InferenceService ${name}${prop === 'canary.predictor' ? ' (canary)' : ''}`,
        resources: gpuResources(p.gpu),
        tolerations: p.gpu.pool.tolerations,
        nodeSelector: p.gpu.pool.nodeSelector,
      });
    }

    const serviceAccountName = props.identity?.serviceAccountName ?? defaultServiceAccountName(name);
    const usesHubStorage = [props.predictor, canaryPredictor].some((p) => p?.storageUri.startsWith('hf://'));
    this.serviceAccount = new KubernetesServiceAccountV1(this, 'service-account', {
      metadata: { name: serviceAccountName, namespace: props.namespace, labels: { [SERVING_LABELS.inferenceService]: name } },
      // Model servers do not call the Kubernetes API; Pod Identity uses its own projected token.
      automountServiceAccountToken: false,
      // KServe's storage initializer reads HF_TOKEN from Secrets listed on the service account.
      ...(props.hubToken && usesHubStorage ? { secret: [{ name: props.hubToken.secretName }] } : {}),
    });
    const hubTokenSecret = props.hubToken?.secretKeyRef('HF_TOKEN');
    const dependsOn = [this.serviceAccount, ...(props.hubToken ? [props.hubToken.manifest] : []), ...(props.dependsOn ?? [])];
    // Knative mode: one InferenceService; during a canary it carries the canary's predictor and the
    // traffic share, and Knative keeps the previous revision for the rest.
    const servedPredictor = knative && canaryPredictor ? canaryPredictor : props.predictor;
    const annotations: Record<string, string> = { [KSERVE_ANNOTATIONS.deploymentMode]: mode };
    if (knative) {
      if (props.scaleToZeroRetention) annotations[KNATIVE_ANNOTATIONS.scaleToZeroRetention] = props.scaleToZeroRetention;
      const deadline = progressDeadlineSeconds([props.predictor, canaryPredictor]);
      if (deadline !== undefined) annotations[KNATIVE_ANNOTATIONS.progressDeadline] = `${deadline}s`;
    }
    const isvc = (isvcName: string, predictor: PredictorProps, track: 'stable' | 'canary', replicas: { min: number; max: number }) =>
      new KubernetesManifest(this, track === 'stable' ? 'inference-service' : 'canary', {
        manifest: {
          apiVersion: KSERVE_API_VERSION,
          kind: SERVING_KINDS.inferenceService,
          metadata: {
            name: isvcName,
            namespace: props.namespace,
            labels: { [SERVING_LABELS.track]: track, 'app.kubernetes.io/name': name },
            // autoscalerClass is read in Standard mode only (Knative mode always uses the Knative Pod Autoscaler).
            annotations: knative ? { ...annotations } : { ...annotations, [KSERVE_ANNOTATIONS.autoscalerClass]: track === 'stable' ? autoscalerClass(props) : 'none' },
          },
          spec: {
            predictor: {
              ...renderPredictor(predictor, {
                serviceAccountName,
                minReplicas: replicas.min,
                maxReplicas: replicas.max,
                autoscaling: track === 'stable' ? props.autoscaling : undefined,
                autoScaling:
                  track === 'stable' && props.llmAutoscaling
                    ? renderLlmAutoscaling(this, props.llmAutoscaling, { name, namespace: props.namespace, minReplicas: replicas.min, routed: props.gateway !== undefined })
                    : undefined,
                hubTokenSecret,
              }),
              ...(knative && props.canary ? { canaryTrafficPercent: props.canary.percent } : {}),
              automountServiceAccountToken: false,
            },
          },
        },
        computedFields: [...(slot ? ROLLOUT_ISVC_COMPUTED_FIELDS : DEFAULT_COMPUTED_FIELDS)],
        dependsOn: [...dependsOn, ...(knative ? props.knative!.readiness : [])],
      });
    this.manifest = isvc(name, servedPredictor, 'stable', { min: minReplicas, max: maxReplicas });
    const canaryName = (props.canary || slot) && !knative ? k8sName(name, 'canary') : undefined;
    if (canaryPredictor && canaryName) {
      const replicas = props.canary?.replicas ?? props.pipelineRollout?.canaryReplicas ?? 1;
      this.canaryManifest = isvc(canaryName, canaryPredictor, 'canary', { min: replicas, max: replicas });
      // a pipeline's slot is not a canary of its own: the pipeline moves its route weights
      if (props.canary) this.canary = { serviceName: canaryName, percent: props.canary.percent, mode: props.canary.mode ?? 'split' };
    }
    if (props.gateway) {
      this.route = new KubernetesManifest(this, 'route', {
        manifest: renderHttpRoute({
          name,
          namespace: props.namespace,
          gateway: props.gateway,
          labels: { 'app.kubernetes.io/name': name },
          canaryName,
          canaryPercent: slot ? 0 : props.canary?.percent,
          canaryMode: props.canary?.mode,
          timeout: props.routeTimeout,
          trackHeaders: slot,
        }),
        ...(slot ? { computedFields: [...ROLLOUT_ROUTE_COMPUTED_FIELDS] } : {}),
        dependsOn: [this.manifest, ...(this.canaryManifest ? [this.canaryManifest] : [])],
      });
    }
    this.internalUrl = `http://${name}-predictor.${props.namespace}.svc.cluster.local`;
    this.routedHost = props.gateway ? props.gateway.hostnameFor(name, props.namespace) : undefined;
    if (slot && canaryName) {
      this.rolloutTarget = {
        namespace: props.namespace,
        stableName: name,
        canaryName,
        routeName: name,
        stableBackend: 0,
        canaryBackend: 1,
        stableServiceName: predictorServiceName(name),
        canaryServiceName: predictorServiceName(canaryName),
        canaryEnvoyCluster: envoyClusterName(props.namespace, name, 0, 1),
        stableEnvoyCluster: envoyClusterName(props.namespace, name, 0, 0),
        readablePrefixes: (props.identity?.models ?? []).map((m) => `s3://${m.bucket}/${m.prefix}/`),
      };
    }
  }
}

/** KServe's autoscaler class of the stable InferenceService in Standard mode. */
function autoscalerClass(props: InferenceServiceProps): 'keda' | 'hpa' | 'none' {
  if (props.llmAutoscaling) return 'keda';
  return props.autoscaling ? 'hpa' : 'none';
}

/** Progress deadline of a Knative revision with GPUs: a GPU node's cold start plus an LLM's startup timeout. */
function progressDeadlineSeconds(predictors: ReadonlyArray<PredictorProps | undefined>): number | undefined {
  const gpu = predictors.filter((p): p is PredictorProps => p?.gpu !== undefined);
  if (gpu.length === 0) return undefined;
  const startup = Math.max(...gpu.map((p) => (p.llm ? (p.llm.startupTimeoutSeconds ?? LLM_DEFAULTS.startupTimeoutSeconds) : 0)));
  return KNATIVE_DEFAULTS.gpuColdStartSeconds + startup;
}
