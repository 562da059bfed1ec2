/**
 * `InferenceService` (workloads layer): one model behind KServe in Standard mode — its own
 * service account (bound to an `InferenceServiceIdentity` role that reads exactly its S3 model
 * prefix), the `serving.kserve.io/v1beta1` InferenceService, and with a `gateway` an HTTPRoute.
 *
 * **Canary.** KServe v0.20 does not split traffic in Standard mode: `canaryTrafficPercent` is read
 * only by the Knative reconciler (`reconcilers/knative/ksvc_reconciler.go`), and the new
 * `spec.canary` list only sizes canary replicas (weighted HTTPRoutes arrived after v0.20.0, kserve
 * PR #5912). So `canary` creates a second InferenceService `<name>-canary` and the HTTPRoute sends
 * `percent`% of requests to it (`mode: 'split'`) or copies them (`mode: 'mirror'`, shadow traffic).
 * Promote: copy the canary's settings into `predictor` and remove `canary`. Roll back: remove
 * `canary`. Both are a prop change and an apply.
 *
 * **GPU.** `predictor.gpu` takes the pool's tolerations and node selector, and the scheduling
 * contract (`assertSchedulable`) fails construction when no registered GPU pool can run the pod.
 */
import { Construct } from 'constructs';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { z } from 'zod';
import { assertSchedulable } from '../compute/scheduling/scheduling-contract';
import { requireLayer } from '../core/layers/mlops-stack';
import { k8sName } from '../core/naming';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { failProp, Schemas, validateProps } from '../core/validation';
import { gpuResources } from './accelerators';
import { DeploymentMode, KSERVE_ANNOTATIONS, KSERVE_API_VERSION, SERVING_KINDS, SERVING_LABELS } from './constants';
import { defaultServiceAccountName } from './inference-service-identity';
import { checkPredictor } from './predictor-checks';
import { PredictorProps, renderPredictor } from './predictor';
import { CanaryMode, renderHttpRoute } from './route';
import { IServingGateway } from './serving-gateway';

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
  /** `split`: real traffic share; `mirror`: shadow copies, responses ignored. @default 'split' */
  readonly mode?: CanaryMode;
  /** Fixed replicas of the canary. @default 1 */
  readonly replicas?: number;
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
  /** Minimum replicas. @default preset dev: 1, prod: 2 */
  readonly minReplicas?: number;
  /** Maximum replicas. @default minReplicas (fixed size) */
  readonly maxReplicas?: number;
  /**
   * HPA target (Standard mode `scaleMetric`/`scaleTarget`); needs `maxReplicas > minReplicas`.
   * @default - no autoscaling (autoscalerClass `none`)
   */
  readonly autoscaling?: { readonly metric: 'cpu' | 'memory'; readonly targetUtilization: number };
  /** Deployment mode; only `Standard` is supported (see `KServe`). @default 'Standard' */
  readonly deploymentMode?: DeploymentMode;
  /** The gateway the service is reached through (required for `canary`). @default - cluster-internal predictor Service only */
  readonly gateway?: IServingGateway;
  /** A canary rollout. @default - none */
  readonly canary?: CanaryProps;
  /** Hugging Face hub token: a SyncedSecret with key `HF_TOKEN` in the same namespace. @default - none */
  readonly hubToken?: SyncedSecret;
  /** Request timeout on the route (Gateway API duration, e.g. `300s` for LLMs). @default - gateway default */
  readonly routeTimeout?: string;
  /** @default 'prod' */
  readonly preset?: Preset;
}

const schema = z.object({
  namespace: Schemas.k8sName(),
  name: Schemas.k8sName().optional(),
  minReplicas: z.number().int().min(1, { message: 'must be at least 1; Standard mode does not scale to zero' }).optional(),
  maxReplicas: Schemas.positiveInt('replica count').optional(),
  autoscaling: z
    .object({
      metric: z.enum(['cpu', 'memory'], { message: 'must be "cpu" or "memory" (the HPA metrics KServe accepts in Standard mode)' }),
      targetUtilization: z.number().int().min(1).max(100, { message: 'must be 1–100 (percent of the request)' }),
    })
    .optional(),
  deploymentMode: z.enum(['Standard', 'Knative'], { message: 'must be "Standard" or "Knative"' }).optional(),
  canary: z
    .object({
      percent: z.number().int({ message: 'must be a whole percentage' }).min(1, { message: 'must be 1–99; remove `canary` to roll back' }).max(99, { message: 'must be 1–99; to promote, move the canary settings into `predictor` and remove `canary`' }),
      mode: z.enum(['split', 'mirror']).optional(),
      replicas: Schemas.positiveInt('replica count').optional(),
    })
    .optional(),
  routeTimeout: z.string().regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, { message: 'is not a Gateway API duration; use e.g. "300s"' }).optional(),
  preset: presetSchema.optional(),
});

/** The exact reason canary needs a gateway in Standard mode. */
export const CANARY_NEEDS_GATEWAY =
  'cannot be routed in Standard mode without a gateway: KServe v0.20 honours canaryTrafficPercent only in Knative mode and spec.canary does not route traffic; ' +
  'pass `gateway` (a ServingGateway) so the split is made by HTTPRoute weights';

/** A KServe InferenceService with its service account and route. */
export class InferenceService extends Construct {
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly serviceAccount: ServiceAccountV1;
  /** The stable InferenceService. */
  public readonly manifest: Manifest;
  /** The canary InferenceService, during a canary. */
  public readonly canaryManifest?: Manifest;
  /** The HTTPRoute, with a gateway. */
  public readonly route?: Manifest;
  /** In-cluster URL of the predictor Service. */
  public readonly internalUrl: string;

  constructor(scope: Construct, id: string, props: InferenceServiceProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'InferenceService');
    const name = props.name ?? k8sName(id);
    this.serviceName = name;
    this.namespace = props.namespace;
    const mode = props.deploymentMode ?? 'Standard';
    if (mode === 'Knative') {
      failProp(this, 'deploymentMode', mode, 'is not supported: the library installs KServe in Standard mode only (Knative Serving and a networking layer are not installed); use "Standard"');
    }
    if (props.canary && !props.gateway) failProp(this, 'canary.percent', props.canary.percent, CANARY_NEEDS_GATEWAY);
    if (props.gateway && !props.gateway.routeNamespaces.includes(props.namespace)) {
      failProp(this, 'namespace', props.namespace, `is not a route namespace of gateway "${props.gateway.gatewayName}" (${props.gateway.routeNamespaces.join(', ')}); add it to the ServingGateway's routeNamespaces`);
    }
    const minReplicas = props.minReplicas ?? byPreset(props.preset, { dev: 1, prod: 2 });
    const maxReplicas = props.maxReplicas ?? minReplicas;
    if (maxReplicas < minReplicas) failProp(this, 'maxReplicas', maxReplicas, `is below minReplicas (${minReplicas}); raise maxReplicas or lower minReplicas`);
    if (props.autoscaling && maxReplicas === minReplicas) {
      failProp(this, 'autoscaling', props.autoscaling, `has no room to scale (minReplicas = maxReplicas = ${minReplicas}); set maxReplicas above minReplicas or drop autoscaling`);
    }
    const canaryPredictor: PredictorProps | undefined = props.canary ? { ...props.predictor, ...props.canary.predictor } : undefined;
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
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: { name: serviceAccountName, namespace: props.namespace, labels: { [SERVING_LABELS.inferenceService]: name } },
      // Model servers do not call the Kubernetes API; Pod Identity uses its own projected token.
      automountServiceAccountToken: false,
      // KServe's storage initializer reads HF_TOKEN from Secrets listed on the service account.
      ...(props.hubToken && usesHubStorage ? { secret: [{ name: props.hubToken.secretName }] } : {}),
    });
    const hubTokenSecret = props.hubToken?.secretKeyRef('HF_TOKEN');
    const dependsOn = [this.serviceAccount, ...(props.hubToken ? [props.hubToken.manifest] : [])];
    const isvc = (isvcName: string, predictor: PredictorProps, track: 'stable' | 'canary', replicas: { min: number; max: number }) =>
      new Manifest(this, track === 'stable' ? 'inference-service' : 'canary', {
        manifest: {
          apiVersion: KSERVE_API_VERSION,
          kind: SERVING_KINDS.inferenceService,
          metadata: {
            name: isvcName,
            namespace: props.namespace,
            labels: { [SERVING_LABELS.track]: track, 'app.kubernetes.io/name': name },
            annotations: {
              [KSERVE_ANNOTATIONS.deploymentMode]: mode,
              [KSERVE_ANNOTATIONS.autoscalerClass]: track === 'stable' && props.autoscaling ? 'hpa' : 'none',
            },
          },
          spec: {
            predictor: {
              ...renderPredictor(predictor, {
                serviceAccountName,
                minReplicas: replicas.min,
                maxReplicas: replicas.max,
                autoscaling: track === 'stable' ? props.autoscaling : undefined,
                hubTokenSecret,
              }),
              automountServiceAccountToken: false,
            },
          },
        },
        computedFields: ['metadata.annotations', 'metadata.labels'],
        dependsOn,
      });
    this.manifest = isvc(name, props.predictor, 'stable', { min: minReplicas, max: maxReplicas });
    const canaryName = props.canary ? k8sName(name, 'canary') : undefined;
    if (props.canary && canaryPredictor && canaryName) {
      const replicas = props.canary.replicas ?? 1;
      this.canaryManifest = isvc(canaryName, canaryPredictor, 'canary', { min: replicas, max: replicas });
    }
    if (props.gateway) {
      this.route = new Manifest(this, 'route', {
        manifest: renderHttpRoute({
          name,
          namespace: props.namespace,
          gateway: props.gateway,
          labels: { 'app.kubernetes.io/name': name },
          canaryName,
          canaryPercent: props.canary?.percent,
          canaryMode: props.canary?.mode,
          timeout: props.routeTimeout,
        }),
        dependsOn: [this.manifest, ...(this.canaryManifest ? [this.canaryManifest] : [])],
      });
    }
    this.internalUrl = `http://${name}-predictor.${props.namespace}.svc.cluster.local`;
  }
}

