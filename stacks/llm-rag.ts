/**
 * Reference stack set `llm-rag`: cluster, an H100 MIG pool, KServe serving a vLLM LLM on a MIG
 * slice with a canary of a new revision, Qdrant, Evidently drift detection and monitoring.
 */
import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment';
import { buildReferenceSet, ReferenceSet } from './reference-set';

/** Builds the `llm-rag` stack set for one environment. */
export function buildLlmRag(app: App, config: EnvironmentConfig): ReferenceSet {
  return buildReferenceSet(app, 'llm-rag', config, { training: false, rag: true });
}
