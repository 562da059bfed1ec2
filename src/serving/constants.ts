/**
 * Constants of model serving: KServe and Gateway API names, annotation and label keys, the install
 * defaults, and the cluster serving runtimes the pinned `kserve-runtime-configs` chart ships.
 *
 * Facts checked against KServe v0.20.0 (tag commit 1fb78105): `pkg/constants/constants.go`
 * (deployment modes, annotation keys, autoscaler classes), `charts/kserve-runtime-configs/files/
 * runtimes/resources.yaml` (runtime names and model formats) and `pkg/apis/serving/v1beta1/
 * inference_service_validation.go` (webhook rules mirrored by the InferenceService validation).
 */

/** apiVersion of InferenceService. */
export const KSERVE_API_VERSION = 'serving.kserve.io/v1beta1';
/** apiVersion of ServingRuntime / ClusterServingRuntime. */
export const KSERVE_RUNTIME_API_VERSION = 'serving.kserve.io/v1alpha1';
/** apiVersion of the Gateway API kinds the library emits (standard channel). */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
/** apiVersion of Envoy Gateway's own kinds (EnvoyProxy). */
export const ENVOY_GATEWAY_API_VERSION = 'gateway.envoyproxy.io/v1alpha1';

/** Kinds the serving constructs emit. */
export const SERVING_KINDS = {
  inferenceService: 'InferenceService',
  servingRuntime: 'ServingRuntime',
  gateway: 'Gateway',
  gatewayClass: 'GatewayClass',
  httpRoute: 'HTTPRoute',
  envoyProxy: 'EnvoyProxy',
  knativeServing: 'KnativeServing',
} as const;

/** apiVersion of the Knative Operator's KnativeServing (the only version its CRD serves in v1.21). */
export const KNATIVE_OPERATOR_API_VERSION = 'operator.knative.dev/v1beta1';

/** Annotation keys KServe reads on an InferenceService (constants.go). */
export const KSERVE_ANNOTATIONS = {
  deploymentMode: 'serving.kserve.io/deploymentMode',
  autoscalerClass: 'serving.kserve.io/autoscalerClass',
} as const;

/**
 * KServe deployment modes. `Standard` (formerly `RawDeployment`) runs plain Deployments, Services
 * and HPAs; `Knative` (formerly `Serverless`) runs Knative Services. KServe v0.20 defaults to
 * `Standard` in the controller but the chart's `kserve.controller.deploymentMode` default is
 * `Knative`, so the library sets it explicitly.
 */
export type DeploymentMode = 'Standard' | 'Knative';

/**
 * Knative annotation keys the library sets on an InferenceService in Knative mode; KServe copies the
 * InferenceService's annotations onto the Knative revision template (`components/predictor.go`,
 * minus its `ServiceAnnotationDisallowedList`). Keys from knative.dev/serving v1.21
 * `pkg/apis/autoscaling/register.go` and `pkg/apis/serving/register.go`. KServe itself sets
 * `autoscaling.knative.dev/min-scale`/`max-scale`/`metric`/`target` from minReplicas, maxReplicas,
 * scaleMetric and scaleTarget (`SetAutoScalingAnnotations`).
 */
export const KNATIVE_ANNOTATIONS = {
  /** How long the last pod stays after traffic stops before scaling to zero. */
  scaleToZeroRetention: 'autoscaling.knative.dev/scale-to-zero-pod-retention-period',
  /** Per-revision deadline for the revision's first pod to become ready (config-deployment default 600s). */
  progressDeadline: 'serving.knative.dev/progress-deadline',
} as const;

/** Autoscaler classes KServe accepts in Standard mode (`AutoscalerAllowedClassList`). */
export type AutoscalerClass = 'hpa' | 'keda' | 'external' | 'none';

/** Where and how `KServe` installs by default. */
export const KSERVE_DEFAULTS = {
  /** Namespace of the KServe controller (KServe's own `constants.KServeNamespace`). */
  namespace: 'kserve',
  /** The controller Deployment of kserve-resources (v0.20.0 `files/kserve/resources.yaml`). */
  controllerDeployment: 'kserve-controller-manager',
  /** Namespace of cert-manager. */
  certManagerNamespace: 'cert-manager',
  /** Release names. */
  releases: { certManager: 'cert-manager', crd: 'kserve-crd', resources: 'kserve', runtimeConfigs: 'kserve-runtime-configs' },
  deploymentMode: 'Standard' as DeploymentMode,
} as const;

/**
 * Where and how Knative Serving is installed in Knative mode (namespaces and names as in KServe
 * v0.20.0 `hack/setup/global-vars.env` and `hack/setup/infra/knative/templates/knative-serving-kourier.yaml`).
 */
export const KNATIVE_DEFAULTS = {
  operatorNamespace: 'knative-operator',
  operatorRelease: 'knative-operator',
  /** Namespace and name of the KnativeServing resource (and of Knative Serving and Kourier). */
  servingNamespace: 'knative-serving',
  servingName: 'knative-serving',
  /** Knative's `config-network` `ingress-class` for Kourier (knative.dev/networking `DefaultIngressClassKey`). */
  ingressClass: 'kourier.ingress.networking.knative.dev',
  /**
   * Seconds added to a GPU revision's progress deadline for a cold start: Karpenter provisioning a
   * GPU node, the GPU operator readying it and pulling a multi-GB model server image.
   */
  gpuColdStartSeconds: 900,
} as const;

/** Label key on every object the serving constructs create, naming the InferenceService. */
export const SERVING_LABELS = {
  /** KServe's own pod label naming the InferenceService (`constants.InferenceServicePodLabelKey`). */
  inferenceService: 'serving.kserve.io/inferenceservice',
  /** Which track of a canary rollout an InferenceService is. */
  track: 'mlops.cdktf.io/serving-track',
} as const;

/** Container name KServe gives the model server (`constants.InferenceServiceContainerName`). */
export const KSERVE_CONTAINER_NAME = 'kserve-container';

/**
 * The model server's HTTP port, declared on the model container of every predictor that uses a
 * cluster runtime (and on custom `ServingRuntime`s). The `kserve-runtime-configs` runtimes declare no
 * container port (v0.20.0 `files/runtimes/resources.yaml`), so without it a predictor pod in Standard
 * mode declares none, and a PodMonitor endpoint (`portNumber` becomes a keep rule on the pod's
 * *declared* container ports in prometheus-operator's relabeling) drops every target. KServe's
 * Python servers listen on 8080 (`--http_port=8080`, Triton `--http-port=8080`); the name is the
 * one Knative allows on the user container (knative.dev/serving v1.21 `validateContainerPorts`:
 * empty, `http1` or `h2c`). In Standard mode the predictor Service then names its port `http1`
 * (port 80 → 8080); in Knative mode Knative declares it as `user-port` (`DefaultUserPort` 8080).
 */
export const MODEL_SERVER_CONTAINER_PORT = { name: 'http1', containerPort: 8080, protocol: 'TCP' } as const;

/** Port of the Service KServe creates for a predictor in Standard mode (`service_reconciler.go`). */
export const PREDICTOR_SERVICE_PORT = 80;

/** Name of the predictor Service of an InferenceService in Standard mode (`constants.PredictorServiceName`). */
export function predictorServiceName(isvcName: string): string {
  return `${isvcName}-predictor`;
}

/**
 * The model formats the library knows, with the ClusterServingRuntime the pinned
 * `kserve-runtime-configs` chart installs for each (v0.20.0 `files/runtimes/resources.yaml`).
 */
export const MODEL_FORMATS = {
  sklearn: { runtime: 'kserve-sklearnserver', formatName: 'sklearn' },
  xgboost: { runtime: 'kserve-xgbserver', formatName: 'xgboost' },
  lightgbm: { runtime: 'kserve-lgbserver', formatName: 'lightgbm' },
  /** TorchServe `.mar` archives. */
  pytorch: { runtime: 'kserve-torchserve', formatName: 'pytorch' },
  /** Triton model repositories (TensorRT, ONNX, TorchScript, …). */
  triton: { runtime: 'kserve-tritonserver', formatName: 'triton' },
  onnx: { runtime: 'kserve-tritonserver', formatName: 'onnx' },
  /** Hugging Face transformers; LLMs use its vLLM backend (`--backend=vllm`). */
  huggingface: { runtime: 'kserve-huggingfaceserver', formatName: 'huggingface' },
} as const;

/** A model format the library maps to a runtime. */
export type ModelFormat = keyof typeof MODEL_FORMATS;

