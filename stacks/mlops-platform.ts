/**
 * Reference stack set `mlops-platform`: all of it — GPU training (A100 MIG pool, MLflow, Feast, the
 * churn pipeline that new data and drift start) and LLM RAG serving (H100 MIG pool, KServe with vLLM
 * and a canary, Qdrant) on one cluster, with monitoring and drift detection; the churn pipeline
 * rolls its model out to the sklearn InferenceService (canary, analysis, promotion or rollback).
 */
import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment';
import { buildReferenceSet, ReferenceSet } from './reference-set';

/** Builds the `mlops-platform` stack set for one environment. */
export function buildMlopsPlatform(app: App, config: EnvironmentConfig): ReferenceSet {
  return buildReferenceSet(app, 'mlops-platform', config, { training: true, rag: true });
}
