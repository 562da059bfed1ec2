/**
 * Example: an LLM served by vLLM on one MIG slice of an H100, on an EKS cluster you already run.
 *
 * Four stacks, deployed in order by `cdktf deploy 'mig-vllm-dev-*'`:
 * - `mig-vllm-dev-data`      — AWS only, empty here (nothing stateful);
 * - `mig-vllm-dev-cloud`     — AWS only: Karpenter's node role (+ EKS access entry), controller role
 *                              (Pod Identity), interruption queue and EventBridge rules;
 * - `mig-vllm-dev-platform`  — Helm: Karpenter (NodeOverlay feature gate on), the NVIDIA GPU operator
 *                              with the MIG manager and its config, KServe; the `llm` namespace;
 * - `mig-vllm-dev-workloads` — the MIG GpuNodePool (NodePool, EC2NodeClass, NodeOverlay) and the
 *                              vLLM InferenceService that asks for one `nvidia.com/mig-3g.40gb`.
 *
 * No GPU node runs until the InferenceService is pending: Karpenter learns from the NodeOverlay that a
 * p5.4xlarge of this pool will offer two 3g.40gb slices, launches one, the GPU operator's MIG manager
 * splits the GPU, and the model server starts. When the service is deleted the node goes after 5 min.
 */
import { App } from 'cdktf';
import {
  GpuNodePool,
  InferenceService,
  Karpenter,
  KarpenterAws,
  KServe,
  MigConfiguration,
  MigPoolSpec,
  NvidiaGpuOperator,
  PolicyPack,
  StackSet,
} from '../../src';
import { existingClusterStackSet, ExistingClusterConfig, synthWhenRun } from '../existing-cluster';

/** What this example needs to know about your account; the cluster's authentication mode must be `API` or `API_AND_CONFIG_MAP`. */
export interface MigVllmExampleConfig extends ExistingClusterConfig {
  /**
   * Value of the `karpenter.sh/discovery` tag on the cluster's private subnets and node security
   * group (Karpenter's getting-started convention): the EC2NodeClass selects them by it.
   */
  readonly karpenterDiscoveryTag: string;
  /**
   * A label your existing system nodes carry; Karpenter, the GPU operator and KServe run there.
   * The library's default is `mlops.cdktf.io/node-role=system`: label your nodes with it, or name a
   * label they already have, e.g. `{ 'eks.amazonaws.com/nodegroup': 'system' }`.
   */
  readonly systemNodeSelector: Readonly<Record<string, string>>;
  /** The model (`hf://org/model[:revision]`); gated models also need a hub token (`hubToken`). */
  readonly modelUri: string;
  /** Most GPUs the MIG pool may run at once (bounds GPU spend). */
  readonly gpuLimit: number;
}

// ─── Values to edit before deploying ──────────────────────────────────────────────────────────────
export const CONFIG: MigVllmExampleConfig = {
  clusterName: 'my-existing-cluster',
  region: 'us-east-1',
  accountId: '111122223333',
  karpenterDiscoveryTag: 'my-existing-cluster',
  systemNodeSelector: { 'mlops.cdktf.io/node-role': 'system' },
  modelUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
  gpuLimit: 2,
};
// ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The MIG layout: each H100 80GB split into two 3g.40gb instances (a 7–8B model in bf16, ~16 GB,
 * plus KV cache fits one). The same spec goes to the MIG manager's config and to the node pool.
 */
export const H100_HALVES: MigPoolSpec = { configName: 'h100-3g40gb-x2', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } };

/** Namespace of the InferenceService. */
export const LLM_NAMESPACE = 'llm';

/** Adds the example's stack set to `app`. */
export function build(app: App, config: MigVllmExampleConfig = CONFIG): StackSet {
  const { set, cluster } = existingClusterStackSet(app, 'mig-vllm', config, { karpenterDiscoveryTag: config.karpenterDiscoveryTag });

  // Cloud: Karpenter's AWS side. It needs only the cluster's name, so an existing cluster works.
  // (Cluster already runs Karpenter? Skip KarpenterAws and Karpenter, and give GpuNodePool
  // `karpenter: { nodeRoleName: '<your node role>' }` — but its controller must have the NodeOverlay gate on.)
  const karpenterAws = new KarpenterAws(set.cloud, 'karpenter', { cluster });

  // Platform: Karpenter with the NodeOverlay feature gate (MIG pools scale from zero through it; synth
  // fails if a NodeOverlay exists and the gate is off) …
  new Karpenter(set.platform, 'karpenter', {
    aws: karpenterAws,
    featureGates: ['nodeOverlay'],
    nodeSelector: config.systemNodeSelector, // the library adds kubernetes.io/os: linux
  });
  // … the GPU operator, whose MIG manager cuts the GPUs of nodes labelled with the config name …
  const mig = new MigConfiguration(set.platform, 'mig-config', { pools: [H100_HALVES] });
  new NvidiaGpuOperator(set.platform, 'gpu-operator', {
    mig,
    nodeSelector: config.systemNodeSelector, // the library adds kubernetes.io/os: linux
  });
  // … and KServe (its Hugging Face runtime runs vLLM).
  new KServe(set.platform, 'kserve', { namespaces: [LLM_NAMESPACE], preset: 'dev', nodeSelector: config.systemNodeSelector });

  // Workloads: the MIG pool (on-demand or spot p5.4xlarge: one H100 each), then the service on a slice.
  const pool = new GpuNodePool(set.workloads, 'gpu-mig', {
    karpenter: karpenterAws,
    instanceTypes: ['p5.4xlarge'],
    limits: { gpu: config.gpuLimit },
    mig: mig.pool(H100_HALVES.configName),
  });
  new InferenceService(set.workloads, 'qwen', {
    namespace: LLM_NAMESPACE,
    preset: 'dev',
    minReplicas: 1,
    predictor: {
      modelFormat: 'huggingface',
      storageUri: config.modelUri,
      resources: { requests: { cpu: '4', memory: '24Gi' }, limits: { cpu: '6', memory: '32Gi' } },
      // One 3g.40gb slice of the pool; construction fails if no pool offers it.
      gpu: { pool, migProfile: '3g.40gb' },
      llm: { maxModelLen: 8192, dtype: 'bfloat16', gpuMemoryUtilization: 0.9 },
    },
  });

  PolicyPack.applyTo(app);
  return set;
}

synthWhenRun(module, 'mig-vllm', (app) => build(app));
