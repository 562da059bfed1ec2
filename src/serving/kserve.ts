/**
 * `KServe` (platform layer): model serving. Installs, in this order (`dependsOn`):
 *
 * 1. cert-manager (`CHARTS.certManager`, CRDs through `crds.enabled`) — unless the cluster already
 *    has one (`certManager: 'existing'`); KServe's webhook certificate is a cert-manager Certificate;
 * 2. `kserve-crd` (InferenceService, ServingRuntime, ClusterServingRuntime, … CRDs);
 * 3. `kserve-resources` (the controller, webhooks and the `inferenceservice-config` ConfigMap) with
 *    the default deployment mode;
 * 4. `kserve-runtime-configs` (the ClusterServingRuntimes: sklearn, xgboost, torchserve, triton,
 *    huggingface, …);
 *
 * and creates the namespaces the models run in. InferenceServices (custom resources) go in the
 * workloads layer (`InferenceService`).
 *
 * **Deployment modes.** `Standard` (default): plain Deployments, Services and HPAs; canary rollouts
 * go through a `ServingGateway` (Gateway API HTTPRoute weights). `Knative`: predictors are Knative
 * Services — request-driven autoscaling, scale to zero, canaries as revision traffic splits. Knative
 * mode also installs the Knative Operator (`CHARTS.knativeOperator`, its CRDs included) and the
 * `knative-serving` namespace; Knative Serving itself (with Kourier as networking layer) is a
 * `KnativeServing` custom resource, so it is the `KnativeServing` construct in the workloads layer.
 * Standard-mode InferenceServices keep working on a Knative install.
 *
 * @see https://kserve.github.io/website/docs/admin-guide/kubernetes-deployment
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart } from '../core/helm-chart';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { Preset, presetSchema } from '../core/presets';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { DeploymentMode, KNATIVE_DEFAULTS, KSERVE_DEFAULTS } from './constants';
import { knativeOperatorValues } from './knative-values';
import { certManagerValues, kserveResourcesValues, kserveRuntimeConfigsValues, ServingContainerResources } from './kserve-values';
import { resourcesSchema } from './resources';
import { KubernetesNamespaceV1 } from '../core/resources/kubernetes-core';

/** Props of {@link KServe}. */
export interface KServeProps {
  /**
   * `install`: install cert-manager from its pinned chart; `existing`: the cluster already runs
   * cert-manager (with its CRDs), install nothing.
   * @default 'install'
   */
  readonly certManager?: 'install' | 'existing';
  /**
   * Default deployment mode of InferenceServices. `Knative` also installs the Knative Operator and
   * needs a `KnativeServing` in the workloads layer (see the class doc).
   * @default 'Standard'
   */
  readonly deploymentMode?: DeploymentMode;
  /**
   * Namespaces to create for InferenceServices (labelled for the serving NetworkPolicies).
   * @default - none (create them elsewhere)
   */
  readonly namespaces?: readonly string[];
  /** `dev`: one replica of cert-manager's pods; `prod`: two, with PodDisruptionBudgets. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of the controllers.
   * @default { 'mlops.cdktf.io/node-role': 'system' } (plus `kubernetes.io/os: linux`)
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Region of the S3 buckets models are read from (storage initializer S3 client).
   * @default - the region of the enclosing stack
   */
  readonly region?: string;
  /** Resources of the KServe controller manager. @default KSERVE_CONTROLLER_RESOURCES */
  readonly controllerResources?: ServingContainerResources;
  /** Resources of cert-manager's pods. @default CERT_MANAGER_RESOURCES */
  readonly certManagerResources?: ServingContainerResources;
  /**
   * Helm value overrides per chart, deep-merged on top (keys must exist in the pinned chart).
   * @default - none
   */
  readonly overrides?: { readonly certManager?: PlainObject; readonly resources?: PlainObject; readonly runtimeConfigs?: PlainObject; readonly knativeOperator?: PlainObject };
}

/** What a `KnativeServing` needs of the KServe install (`KServe` implements it). */
export interface IKServeInstall {
  readonly deploymentMode: DeploymentMode;
  /** Namespace of the KServe controller. */
  readonly namespace: string;
  /** Name of the KServe controller Deployment. */
  readonly controllerDeploymentName: string;
  /** Namespace of the KnativeServing resource (it must exist). @default - none: not a Knative install */
  readonly knativeServingNamespace?: string;
}

const plainObject = z.record(z.string(), z.unknown());

const schema = Schemas.props<KServeProps>()({
  certManager: z.enum(['install', 'existing'], { message: 'must be "install" or "existing"' }).optional(),
  deploymentMode: z.enum(['Standard', 'Knative'], { message: 'must be "Standard" or "Knative"' }).optional(),
  namespaces: z.array(Schemas.k8sName()).refine((n) => new Set(n).size === n.length, { message: 'lists a namespace twice; give each once' }).optional(),
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  region: Schemas.region().optional(),
  controllerResources: resourcesSchema.optional(),
  certManagerResources: resourcesSchema.optional(),
  overrides: Schemas.object({ certManager: plainObject.optional(), resources: plainObject.optional(), runtimeConfigs: plainObject.optional(), knativeOperator: plainObject.optional() }).optional(),
});

/** KServe with cert-manager and the cluster serving runtimes (and, in Knative mode, the Knative Operator). */
export class KServe extends Construct implements IKServeInstall {
  /** cert-manager (undefined with `certManager: 'existing'`). */
  public readonly certManager?: HelmChart;
  public readonly crds: HelmChart;
  public readonly resources: HelmChart;
  public readonly runtimeConfigs: HelmChart;
  /** Default deployment mode of InferenceServices. */
  public readonly deploymentMode: DeploymentMode;
  /** Namespace of the controller. */
  public readonly namespace: string;
  public readonly controllerDeploymentName: string = KSERVE_DEFAULTS.controllerDeployment;
  /** The Knative Operator (Knative mode only). */
  public readonly knativeOperator?: HelmChart;
  /** The namespace of Knative Serving (Knative mode only). */
  public readonly knativeServingNamespace?: string;
  /** Namespaces created for InferenceServices, by name. */
  public readonly namespaces: Readonly<Record<string, KubernetesNamespaceV1>>;

  constructor(scope: Construct, id: string, props: KServeProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'KServe');
    this.deploymentMode = props.deploymentMode ?? KSERVE_DEFAULTS.deploymentMode;
    if (this.deploymentMode === 'Knative' && props.namespaces?.includes(KNATIVE_DEFAULTS.servingNamespace)) {
      failProp(this, 'namespaces', props.namespaces, `includes "${KNATIVE_DEFAULTS.servingNamespace}", which Knative mode creates for Knative Serving; run models in another namespace`);
    }
    if (this.deploymentMode !== 'Knative' && props.overrides?.knativeOperator) {
      failProp(this, 'overrides.knativeOperator', props.overrides.knativeOperator, 'applies to Knative mode only (the Knative Operator is not installed in Standard mode); drop it or set deploymentMode: "Knative"');
    }
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    if (region === undefined) failProp(this, 'region', region, 'is required outside a library layer stack; pass the region of the model buckets');
    this.namespace = KSERVE_DEFAULTS.namespace;
    const options = {
      preset: props.preset,
      nodeSelector: props.nodeSelector,
      deploymentMode: this.deploymentMode,
      region,
      controllerResources: props.controllerResources,
      certManagerResources: props.certManagerResources,
    };

    if ((props.certManager ?? 'install') === 'install') {
      this.certManager = new HelmChart(this, 'cert-manager', {
        chart: CHARTS.certManager,
        releaseName: KSERVE_DEFAULTS.releases.certManager,
        namespace: KSERVE_DEFAULTS.certManagerNamespace,
        createNamespace: true,
        values: certManagerValues(options),
        overrides: props.overrides?.certManager,
      });
    }
    this.crds = new HelmChart(this, 'crd', {
      chart: CHARTS.kserveCrd,
      releaseName: KSERVE_DEFAULTS.releases.crd,
      namespace: this.namespace,
      createNamespace: true,
      dependsOn: this.certManager ? [this.certManager.release] : undefined,
    });
    this.resources = new HelmChart(this, 'resources', {
      chart: CHARTS.kserveResources,
      releaseName: KSERVE_DEFAULTS.releases.resources,
      namespace: this.namespace,
      values: kserveResourcesValues(options),
      overrides: props.overrides?.resources,
      dependsOn: [this.crds.release],
    });
    this.runtimeConfigs = new HelmChart(this, 'runtime-configs', {
      chart: CHARTS.kserveRuntimeConfigs,
      releaseName: KSERVE_DEFAULTS.releases.runtimeConfigs,
      namespace: this.namespace,
      values: kserveRuntimeConfigsValues(),
      overrides: props.overrides?.runtimeConfigs,
      // The ClusterServingRuntimes are validated by the controller's webhook.
      dependsOn: [this.resources.release],
    });

    if (this.deploymentMode === 'Knative') {
      // Independent of KServe's releases: KServe only needs Knative when it reconciles a Knative
      // InferenceService, and `KnativeServing` restarts its controller once Knative Serving is ready.
      this.knativeOperator = new HelmChart(this, 'knative-operator', {
        chart: CHARTS.knativeOperator,
        releaseName: KNATIVE_DEFAULTS.operatorRelease,
        namespace: KNATIVE_DEFAULTS.operatorNamespace,
        createNamespace: true,
        values: knativeOperatorValues({ nodeSelector: props.nodeSelector }),
        overrides: props.overrides?.knativeOperator,
      });
      // The operator installs Knative Serving into the namespace of the KnativeServing resource,
      // which must exist before it (KServe's Kourier template creates it the same way).
      new KubernetesNamespaceV1(this, 'knative-serving-namespace', {
        metadata: { name: KNATIVE_DEFAULTS.servingNamespace, labels: { 'app.kubernetes.io/part-of': 'knative-serving' } },
      });
      this.knativeServingNamespace = KNATIVE_DEFAULTS.servingNamespace;
    }

    const namespaces: Record<string, KubernetesNamespaceV1> = {};
    for (const name of [...new Set(props.namespaces ?? [])].sort()) {
      namespaces[name] = new KubernetesNamespaceV1(this, `namespace-${name}`, {
        metadata: { name, labels: { 'app.kubernetes.io/part-of': 'kserve', 'mlops.cdktf.io/serving': 'true' } },
      });
    }
    this.namespaces = namespaces;
  }
}
