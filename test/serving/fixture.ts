/** Shared fixtures of the serving tests: stacks, a CPU-only setup, GPU pools (whole GPUs and MIG). */
import { App } from 'cdktf';
import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { WorkloadsStack } from '../../src/core/layers/mlops-stack';
import { InferenceServiceIdentity } from '../../src/serving/inference-service-identity';
import { cloudStack, testApp, workloadsStack } from '../helpers/synth';

export const MODEL_BUCKET = 'acme-models';
export const SKLEARN_URI = `s3://${MODEL_BUCKET}/models/churn/v3`;

/** A workloads stack and the cloud stack of the same app. */
export function stacks(app: App = testApp()) {
  return { app, cloud: cloudStack(app), workloads: workloadsStack(app) };
}

/** An identity in `cloud` that reads `models/churn` in the model bucket. */
export function churnIdentity(cloud: ReturnType<typeof cloudStack>, name = 'churn', prefix = 'models/churn'): InferenceServiceIdentity {
  return new InferenceServiceIdentity(cloud, `${name}-identity`, {
    clusterName: 'test-cluster',
    namespace: 'models',
    serviceName: name,
    models: [{ bucket: MODEL_BUCKET, prefix }],
  });
}

/** A GPU pool of H100 nodes split 2 × 3g.40gb per GPU (MIG). */
export function migPool(workloads: WorkloadsStack): GpuNodePool {
  return new GpuNodePool(workloads, 'gpu-mig', {
    karpenter: { nodeRoleName: 'test-karpenter-node' },
    instanceTypes: ['p5.48xlarge'],
    limits: { gpu: 8 },
    mig: { configName: 'h100-3g40', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } },
  });
}

/** A GPU pool of whole L40S GPUs (no MIG). */
export function wholeGpuPool(workloads: WorkloadsStack): GpuNodePool {
  return new GpuNodePool(workloads, 'gpu-whole', { karpenter: { nodeRoleName: 'test-karpenter-node' }, instanceFamilies: ['g6e'], limits: { gpu: 8 } });
}
