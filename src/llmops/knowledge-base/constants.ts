/**
 * The contract between the knowledge base ingestion job and the embedding image the user supplies
 * (the library ships no model code): the environment the image gets, and what it must do.
 */

/** Environment of the embedding container (and of the alias switch). */
export const KB_ENV = {
  /** The alias clients query (never touch it: the library switches it after the image succeeds). */
  alias: 'KB_ALIAS',
  /** This run's id (the Job's name, from its `batch.kubernetes.io/job-name` label). */
  runId: 'KB_RUN_ID',
  /** The collection to create and fill: `<alias>--<run id>`. */
  collection: 'KB_COLLECTION',
  /** The documents: `s3://<bucket>/<prefix>/` (read-only, through the job's Pod Identity role). */
  sourceUri: 'KB_SOURCE_URI',
  /** Region of the bucket. */
  region: 'AWS_REGION',
  /** Qdrant's REST URL. */
  qdrantUrl: 'QDRANT_URL',
  /** Qdrant's read-write API key (header `api-key`). */
  qdrantApiKey: 'QDRANT_API_KEY',
  /** Fewest points the new collection must hold for the alias to switch (alias switch only). */
  minPoints: 'KB_MIN_POINTS',
} as const;

/** Separator between the alias and the run id in a version's collection name. */
export const KB_VERSION_SEPARATOR = '--';

/** Pod label Kubernetes (≥ 1.27) puts on a Job's pods with the Job's name. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
