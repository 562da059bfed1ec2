/**
 * Example: KServe and one scikit-learn InferenceService on an EKS cluster you already run.
 *
 * Four stacks, deployed in order by `cdktf deploy 'kserve-example-dev-*'`:
 * - `kserve-example-dev-data`      — AWS only, empty here (nothing stateful: the model bucket is yours);
 * - `kserve-example-dev-cloud`     — AWS only: the model's Pod Identity role (read-only on one S3 prefix);
 * - `kserve-example-dev-platform`  — Helm: cert-manager, KServe (CRDs, controller, cluster runtimes),
 *                                     and the `models` namespace;
 * - `kserve-example-dev-workloads` — the InferenceService (a custom resource: its CRD must exist first).
 *
 * The platform and workloads stacks find the cluster by name (`ClusterRef.fromName`): each reads it
 * with an `aws_eks_cluster` data source and authenticates with `aws eks get-token`.
 */
import { App } from 'cdktf';
import { InferenceService, InferenceServiceIdentity, KServe, PolicyPack, Preset, s3Uri, StackSet } from '../../src';
import { existingClusterStackSet, ExistingClusterConfig, synthWhenRun } from '../existing-cluster';

/** What this example needs to know about your account. */
export interface KServeExampleConfig extends ExistingClusterConfig {
  /** Bucket that holds the model (in the same region). */
  readonly modelBucket: string;
  /** Exact key prefix of the model directory (a `model.joblib` or `model.pkl` inside). */
  readonly modelPrefix: string;
  /**
   * A label your existing system nodes carry; the KServe and cert-manager controllers run there.
   * The library's default is `mlops.cdktf.io/node-role=system` (what `EksCluster` labels its system
   * node group): label your nodes with it, or name a label they already have, e.g.
   * `{ 'eks.amazonaws.com/nodegroup': 'system' }`.
   */
  readonly systemNodeSelector: Readonly<Record<string, string>>;
  /** `dev`: single replicas; `prod`: two replicas and PodDisruptionBudgets. */
  readonly preset: Preset;
}

// ─── Values to edit before deploying ──────────────────────────────────────────────────────────────
export const CONFIG: KServeExampleConfig = {
  clusterName: 'my-existing-cluster',
  region: 'us-east-1',
  accountId: '111122223333',
  modelBucket: 'my-model-bucket',
  modelPrefix: 'models/iris/v1',
  systemNodeSelector: { 'mlops.cdktf.io/node-role': 'system' },
  preset: 'dev',
};
// ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Namespace of the InferenceService. */
export const MODELS_NAMESPACE = 'models';

/** Adds the example's stack set to `app`. */
export function build(app: App, config: KServeExampleConfig = CONFIG): StackSet {
  // No cloud-layer cluster: platform and workloads connect to the existing one by name.
  const { set, cluster } = existingClusterStackSet(app, 'kserve-example', config);

  // Cloud: a Pod Identity role for the service account `iris-sa`, read-only on the model prefix.
  const identity = new InferenceServiceIdentity(set.cloud, 'iris-identity', {
    clusterName: cluster.clusterName,
    namespace: MODELS_NAMESPACE,
    serviceName: 'iris',
    models: [{ bucket: config.modelBucket, prefix: config.modelPrefix }],
  });

  // Platform: cert-manager → KServe CRDs → controller (Standard mode) → cluster serving runtimes.
  // Already running cert-manager? Pass `certManager: 'existing'`.
  new KServe(set.platform, 'kserve', {
    namespaces: [MODELS_NAMESPACE],
    preset: config.preset,
    nodeSelector: config.systemNodeSelector,
  });

  // Workloads: the InferenceService, served by KServe's sklearn runtime, scaled by an HPA on CPU.
  new InferenceService(set.workloads, 'iris', {
    namespace: MODELS_NAMESPACE,
    identity,
    preset: config.preset,
    minReplicas: 1,
    maxReplicas: 3,
    autoscaling: { metric: 'cpu', targetUtilization: 70 },
    predictor: {
      modelFormat: 'sklearn',
      storageUri: s3Uri(config.modelBucket, config.modelPrefix),
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
  });

  // Every stack is checked by the full policy pack at synth: errors fail synth.
  PolicyPack.applyTo(app);
  return set;
}

synthWhenRun(module, 'kserve-example', (app) => build(app));
