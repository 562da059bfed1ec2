/**
 * Reference stack set `gpu-training`: cluster, Karpenter with a spot-first GPU pool and an A100 MIG
 * pool, the GPU operator, MLflow, Feast, monitoring with drift detection, and continuous training:
 * the churn pipeline (Argo Workflows + Argo Events) that new data and the drift alert start.
 */
import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment';
import { buildReferenceSet, ReferenceSet } from './reference-set';

/** Builds the `gpu-training` stack set for one environment. */
export function buildGpuTraining(app: App, config: EnvironmentConfig): ReferenceSet {
  return buildReferenceSet(app, 'gpu-training', config, { training: true, rag: false });
}
