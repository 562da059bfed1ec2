/**
 * `KnativeServing` (workloads layer): Knative Serving with Kourier as networking layer, for KServe in
 * Knative mode. It is the Knative Operator's `KnativeServing` custom resource (the operator and its CRD
 * come from `KServe({ deploymentMode: 'Knative' })` in the platform layer, so the resource cannot be
 * planned in that layer), plus a restart of the KServe controller once Knative Serving is ready.
 *
 * **Why the restart.** KServe v0.20.0's controller decides at start-up whether to watch Knative
 * Services (`SetupWithManager`: `IsCrdAvailable(serving.knative.dev/v1, Service)`, else "won't watch").
 * In a layered deploy it starts (platform layer) before the operator has installed Knative Serving
 * (this resource, workloads layer), so it would create Knative Services but never see them become
 * ready. A pod-template annotation (`kubernetes_annotations`, applied after the KnativeServing reports
 * Ready) rolls the controller once; it then watches Knative Services and re-reconciles every
 * InferenceService on start. InferenceServices in Knative mode take this construct as `knative` and
 * depend on both.
 *
 * What Knative Serving gets (`knativeServingSpec`): version `KNATIVE_SERVING_VERSION`, Kourier with a
 * ClusterIP gateway Service (no load balancer; Knative's default domain `svc.cluster.local` keeps
 * routes cluster-local too), the PodSpec feature flags GPU predictors need (node selector,
 * tolerations, affinity), KServe's registries that skip tag resolution, HA control plane in prod, and
 * every Knative Deployment on system nodes.
 *
 * @see https://knative.dev/docs/install/operator/knative-with-operators/
 * @see https://kserve.github.io/website/docs/admin-guide/serverless/kourier-networking
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Annotations as K8sAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { KNATIVE_SERVING_VERSION } from '../core/versions';
import { KNATIVE_DEFAULTS, KNATIVE_OPERATOR_API_VERSION, SERVING_KINDS } from './constants';
import { KnativeConfig, knativeServingSpec } from './knative-values';
import { IKServeInstall } from './kserve';

/** Pod-template annotation whose change restarts the KServe controller (value: the Knative Serving version). */
export const KSERVE_RESTART_ANNOTATION = 'mlops.cdktf.io/knative-serving-version';

/** How long Terraform waits for the KnativeServing to report Ready. */
export const KNATIVE_SERVING_READY_TIMEOUT = '15m';

/** Props of {@link KnativeServing}. */
export interface KnativeServingProps {
  /** The KServe install, in Knative mode (`KServe({ deploymentMode: 'Knative' })` of the platform layer). */
  readonly kserve: IKServeInstall;
  /** `dev`: one replica of the Knative control plane; `prod`: two (`high-availability.replicas`). @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of the Knative Serving and Kourier Deployments (activator, autoscaler, controller,
   * webhook, Kourier controller and gateway).
   * @default { 'mlops.cdktf.io/node-role': 'system' } (plus `kubernetes.io/os: linux`)
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Knative ConfigMap entries, merged over the library's: `{ <ConfigMap name without "config-">: { key: value } }`,
   * e.g. `{ autoscaler: { 'scale-to-zero-grace-period': '60s' } }`.
   * @default - none
   * @see https://knative.dev/docs/serving/configuration/
   */
  readonly config?: KnativeConfig;
}

const schema = Schemas.props<KnativeServingProps>()({
  kserve: Schemas.construct('the KServe of the platform layer', { deploymentMode: z.string() }),
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  config: z.record(z.string(), z.record(z.string(), z.string({ message: 'must be a string (Knative ConfigMap values are strings)' }))).optional(),
});

/** Knative Serving (Kourier) for KServe's Knative mode. */
export class KnativeServing extends Construct {
  /** The KnativeServing custom resource (waits until Ready). */
  public readonly manifest: KubernetesManifest;
  /** The pod-template annotation that restarts the KServe controller after Knative Serving is ready. */
  public readonly controllerRestart: K8sAnnotations;
  /** Knative Serving version. */
  public readonly version: string = KNATIVE_SERVING_VERSION;
  /** What a Knative-mode InferenceService waits for. */
  public readonly readiness: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: KnativeServingProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'KnativeServing');
    if (props.kserve.deploymentMode !== 'Knative') {
      failProp(this, 'kserve.deploymentMode', props.kserve.deploymentMode, 'must be "Knative": Knative Serving is for a KServe installed in Knative mode; create KServe with deploymentMode: "Knative" (it installs the Knative Operator)');
    }
    for (const name of Object.keys(props.config ?? {})) {
      if (!/^(?!config-)[a-z0-9-]+$/.test(name)) failProp(this, 'config', name, 'has a key that is not a Knative ConfigMap name without "config-"; use e.g. "autoscaler", "network"');
    }
    const namespace = props.kserve.knativeServingNamespace ?? KNATIVE_DEFAULTS.servingNamespace;

    this.manifest = new KubernetesManifest(this, 'knative-serving', {
      manifest: {
        apiVersion: KNATIVE_OPERATOR_API_VERSION,
        kind: SERVING_KINDS.knativeServing,
        metadata: { name: KNATIVE_DEFAULTS.servingName, namespace },
        spec: knativeServingSpec({ preset: props.preset, nodeSelector: props.nodeSelector, config: props.config }),
      },
      wait: { condition: [{ type: 'Ready', status: 'True' }] },
      timeouts: { create: KNATIVE_SERVING_READY_TIMEOUT, update: KNATIVE_SERVING_READY_TIMEOUT },
    });
    this.controllerRestart = new K8sAnnotations(this, 'kserve-controller-restart', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: props.kserve.controllerDeploymentName, namespace: props.kserve.namespace },
      templateAnnotations: { [KSERVE_RESTART_ANNOTATION]: this.version },
      fieldManager: 'cdktf-mlops',
      dependsOn: [this.manifest],
    });
    this.readiness = [this.manifest, this.controllerRestart];
  }
}
