/**
 * Helm values of the charts `KServe` installs: cert-manager, `kserve-resources` and
 * `kserve-runtime-configs` (`kserve-crd` has no values). Every key is a key of the pinned chart's
 * values.yaml (contract test `test/contract/serving.contract.test.ts`); the comments name the
 * template that reads each non-obvious one (KServe v0.20.0 `charts/kserve-resources/files/common/
 * configmap-patch.yaml` renders the `inferenceservice-config` ConfigMap from them).
 */
import { systemNodeSelector } from '../core/labels';
import { PlainObject } from '../core/merge';
import { byPreset, Preset } from '../core/presets';
import { DeploymentMode } from './constants';
import { PredictorResources } from './resources';

/** Requests and limits of one container. */
export type ServingContainerResources = PredictorResources;

/** Default resources of the KServe controller manager (the chart default: 100m / 300Mi is too small for many services). */
export const KSERVE_CONTROLLER_RESOURCES: ServingContainerResources = {
  requests: { cpu: '100m', memory: '300Mi' },
  limits: { cpu: '1', memory: '1Gi' },
};

/** Default resources of the cert-manager controller, webhook and cainjector. */
export const CERT_MANAGER_RESOURCES: ServingContainerResources = {
  requests: { cpu: '20m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** Container security context of cert-manager's pods (its chart default is already locked down; repeated so it cannot drift). */
const CERT_MANAGER_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
} as const;

/** Options of the values builders. */
export interface KServeValuesOptions {
  readonly preset?: Preset;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly deploymentMode: DeploymentMode;
  /** Region of the model buckets (S3 client config of the storage initializer). */
  readonly region: string;
  readonly controllerResources?: ServingContainerResources;
  readonly certManagerResources?: ServingContainerResources;
}

/** cert-manager values: CRDs installed by the chart (`crds.enabled`, kept on uninstall), all pods on system nodes. */
export function certManagerValues(options: KServeValuesOptions): PlainObject {
  const ha = byPreset(options.preset, { dev: false, prod: true });
  const replicas = ha ? 2 : 1;
  const resources = options.certManagerResources ?? CERT_MANAGER_RESOURCES;
  const pod = (): PlainObject => ({
    nodeSelector: systemNodeSelector(options.nodeSelector),
    resources: structuredClone(resources) as unknown as PlainObject,
    containerSecurityContext: structuredClone(CERT_MANAGER_CONTAINER_SECURITY) as unknown as PlainObject,
  });
  const pdb = (): PlainObject => ({ enabled: ha, minAvailable: 1 });
  return {
    crds: { enabled: true, keep: true },
    replicaCount: replicas,
    podDisruptionBudget: pdb(),
    ...pod(),
    webhook: { replicaCount: replicas, podDisruptionBudget: pdb(), ...pod() },
    cainjector: { replicaCount: replicas, podDisruptionBudget: pdb(), ...pod() },
    startupapicheck: { nodeSelector: systemNodeSelector(options.nodeSelector) },
  };
}

/** kserve-resources values: the controller, its deployment mode and the storage initializer's S3 settings. */
export function kserveResourcesValues(options: KServeValuesOptions): PlainObject {
  return {
    kserve: {
      controller: {
        // configmap-patch.yaml: `deploy.defaultDeploymentMode`
        deploymentMode: options.deploymentMode,
        nodeSelector: systemNodeSelector(options.nodeSelector),
        resources: structuredClone(options.controllerResources ?? KSERVE_CONTROLLER_RESOURCES) as unknown as PlainObject,
        // The image is pinned by tag (the chart's kserve.version); Always would pull on every restart.
        imagePullPolicy: 'IfNotPresent',
        gateway: {
          // configmap-patch.yaml: `ingress.disableIngressCreation`. Services stay cluster-internal;
          // exposure and canary splits are HTTPRoutes of a ServingGateway, made by InferenceService.
          disableIngressCreation: true,
          // configmap-patch.yaml: `ingress.disableIstioVirtualHost`. Knative mode runs on Kourier, not
          // Istio: no top-level VirtualService, the service URL is the predictor's Knative route
          // (KServe v0.20.0's own Kourier e2e job sets this value).
          ...(options.deploymentMode === 'Knative' ? { disableIstioVirtualHost: true } : {}),
        },
      },
      storage: {
        s3: {
          // configmap-patch.yaml: `credentials.s3.s3Region`/`s3UseHttps`/`s3VerifySSL`. No access
          // key names are used: there is no credentials Secret, the pod's Pod Identity is.
          region: options.region,
          useHttps: '1',
          verifySSL: '1',
        },
      },
    },
  };
}

/**
 * kserve-runtime-configs values: the ClusterServingRuntimes on (the chart default is off). The
 * `kserve-vllmserver` runtime is disabled because its chart default image tag is `latest`
 * (unpinned); LLMs use the Hugging Face runtime's vLLM backend instead.
 */
export function kserveRuntimeConfigsValues(): PlainObject {
  return {
    kserve: {
      servingruntime: {
        enabled: true,
        vllmserver: { disabled: true },
      },
    },
  };
}
