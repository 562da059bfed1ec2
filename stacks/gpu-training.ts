/**
 * Reference stack set `gpu-training`: cluster, Karpenter with a spot-first GPU pool and an A100 MIG
 * pool, the GPU operator, MLflow, Feast, and monitoring whose drift alert starts retraining.
 */
import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment';
import { buildReferenceSet, ReferenceSet } from './reference-set';

/** Builds the `gpu-training` stack set for one environment. */
export function buildGpuTraining(app: App, config: EnvironmentConfig): ReferenceSet {
  return buildReferenceSet(app, 'gpu-training', config, { training: true, rag: false });
}
