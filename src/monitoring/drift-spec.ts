/**
 * The definition of one monitored model, shared by the three halves of a drift monitor
 * (`DriftMonitorCloud` → `DriftMonitorPlatform` → `DriftMonitor`): where its reference and current
 * data are, the drift job the user supplies, the drift threshold, and the retraining run.
 */
import { Token } from 'cdktf';
import { z } from 'zod';
import { Toleration } from '../compute/scheduling/types';
import { PolicyDocument } from '../core/iam';
import { parseDurationSeconds, Schemas } from '../core/schemas';
import { ContainerResources, containerResourcesSchema } from '../core/pod-security';

/** A container the user supplies (the library ships no Python). */
export interface UserContainer {
  /** Image, pinned (a tag other than `latest`, or a digest). */
  readonly image: string;
  /**
   * Entrypoint.
   * @default - the image's entrypoint
   */
  readonly command?: readonly string[];
  /**
   * Arguments.
   * @default - none
   */
  readonly args?: readonly string[];
  /**
   * Extra environment variables (not secrets: they are literals in the synthesized JSON).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Requests and limits (CPU and memory; GPUs come from `gpu`). */
  readonly resources?: ContainerResources;
  /**
   * uid (and gid) the container runs as.
   * @default 1000
   */
  readonly runAsUser?: number;
}

/** The GPU pool a retraining run goes to (a `GpuNodePool` satisfies it). */
export interface GpuPoolRef {
  readonly nodePoolName: string;
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** The retraining run a drift episode starts. */
export interface RetrainingSpec {
  /** The training container. It should log to MLflow and register the new model version. */
  readonly container: UserContainer;
  /** The GPU node pool to run on. */
  readonly gpuPool: GpuPoolRef;
  /**
   * GPUs per run: `{ 'nvidia.com/gpu': 1 }` or a MIG slice such as `{ 'nvidia.com/mig-3g.40gb': 1 }`.
   * @default { 'nvidia.com/gpu': 1 }
   */
  readonly gpus?: Readonly<Record<string, number>>;
  /** MLflow tracking URI given to the run as `MLFLOW_TRACKING_URI`. */
  readonly mlflowTrackingUri: string;
  /**
   * Kubernetes Secret in the drift namespace with `MLFLOW_TRACKING_USERNAME` and
   * `MLFLOW_TRACKING_PASSWORD`, added to the run's environment with `envFrom` — needed when MLflow
   * has authentication on (the library's server does): `mlflow.syncClientCredentials(...)`.
   * @default - none (an MLflow without authentication)
   */
  readonly mlflowCredentialsSecretName?: string;
  /**
   * Registered model name given as `MLFLOW_REGISTERED_MODEL_NAME`.
   * @default - the model name
   */
  readonly registeredModelName?: string;
  /**
   * Least time between two runs of this model (Go duration): one drift episode starts one run.
   * @default '24h'
   */
  readonly cooldown?: string;
  /**
   * Longest a run may take, pending time included (Go duration).
   * @default '12h'
   */
  readonly maxDuration?: string;
  /**
   * Permissions of the run's service account (Pod Identity role in the cloud layer), e.g. write to
   * the MLflow artifact prefix.
   * @default - no AWS role
   */
  readonly policy?: PolicyDocument;
}

/** One monitored model. */
export interface MonitoredModelSpec {
  /** Model name (a Kubernetes name; also the `model` label of its metrics and alerts). */
  readonly name: string;
  /** Reference data, `s3://bucket/prefix/` (read-only access to exactly this prefix). */
  readonly referenceDataUri: string;
  /** Current (production) data, `s3://bucket/prefix/`. */
  readonly currentDataUri: string;
  /**
   * KMS keys of the data buckets, for decryption through S3 only.
   * @default - none (SSE-S3)
   */
  readonly dataKmsKeyArns?: readonly string[];
  /** The drift job: computes drift with Evidently and pushes the metrics to the Pushgateway. */
  readonly driftJob: UserContainer;
  /**
   * Cron schedule of the drift job (UTC).
   * @default '0 * * * *' (hourly)
   */
  readonly schedule?: string;
  /**
   * Share of drifted columns (0–1) above which the model counts as drifted.
   * @default 0.3
   */
  readonly threshold?: number;
  /**
   * How long drift must stay above the threshold before the alert fires (Prometheus duration).
   * @default '30m'
   */
  readonly window?: string;
  /**
   * Alert when no drift result was pushed for this long (the job stopped running).
   * @default '26h'
   */
  readonly staleAfter?: string;
  /**
   * Start a retraining run when the drift alert fires.
   * @default - alert only
   */
  readonly retraining?: RetrainingSpec;
}

/** Defaults of {@link MonitoredModelSpec} and {@link RetrainingSpec}. */
export const DRIFT_MODEL_DEFAULTS = {
  schedule: '0 * * * *',
  threshold: 0.3,
  window: '30m',
  staleAfter: '26h',
  cooldown: '24h',
  maxDuration: '12h',
  runAsUser: 1000,
  gpus: { 'nvidia.com/gpu': 1 },
  driftResources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  trainingResources: { requests: { cpu: '4', memory: '16Gi' }, limits: { memory: '32Gi' } },
} as const;

/** `s3://bucket/prefix/` with a non-empty prefix ending in `/`. */
export const S3_PREFIX_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/((?:[^*?\s]+\/)+)$/;

const uri = z.string().regex(S3_PREFIX_URI, {
  message: 'is not an S3 prefix URI; use s3://<bucket>/<prefix>/ with a non-empty prefix ending in "/" and no wildcards',
});

/** Zod schema of {@link UserContainer} (pinned image, non-root uid, no literal credentials in env). */
export const userContainerSchema = Schemas.props<UserContainer>()({
  image: Schemas.image(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: Schemas.env('keep secrets out of env: give the job AWS access through Pod Identity (retraining.policy) and read other secrets from Secrets Manager at run time').optional(),
  resources: containerResourcesSchema.optional(),
  runAsUser: z.number().int().min(1, { message: 'is root (0); run as a non-root uid such as 1000' }).optional(),
});

const promDuration = Schemas.promDuration('"30m", "1h" or "1d"');

/** Zod schema of {@link MonitoredModelSpec}. */
export const monitoredModelSchema = Schemas.props<MonitoredModelSpec>()({
  name: Schemas.k8sName().max(40, { message: 'is longer than 40 characters; use a shorter model name (it prefixes object names)' }),
  referenceDataUri: uri,
  currentDataUri: uri,
  dataKmsKeyArns: z.array(Schemas.kmsKeyArn()).optional(),
  driftJob: userContainerSchema,
  schedule: Schemas.cron().optional(),
  threshold: z.number().gt(0, { message: 'must be above 0; give the share of drifted columns (0–1) that counts as drift' }).max(1, { message: 'is above 1; the share of drifted columns is between 0 and 1' }).optional(),
  window: promDuration.optional(),
  staleAfter: promDuration.optional(),
  retraining: Schemas.props<RetrainingSpec>()({
      container: userContainerSchema,
      gpuPool: Schemas.construct('a GpuNodePool', { nodePoolName: z.string(), tolerations: z.array(z.any()), nodeSelector: z.record(z.string(), z.string()) }),
      gpus: z.record(z.string().regex(/^nvidia\.com\/(gpu|mig-[0-9a-z.]+)$/, { message: 'is not a GPU resource; use nvidia.com/gpu or nvidia.com/mig-<profile>' }), Schemas.positiveInt('GPU count')).optional(),
      mlflowTrackingUri: Schemas.httpUrl('pass the MLflow tracking server URL'),
      registeredModelName: z.string().min(1).optional(),
      mlflowCredentialsSecretName: Schemas.dnsSubdomain().optional(),
      cooldown: Schemas.duration().optional(),
      maxDuration: Schemas.duration().optional(),
      policy: Schemas.policyDocument().optional(),
    }).optional(),
});

/** Parsed `s3://bucket/prefix/`. */
export interface DataLocation {
  readonly bucket: string;
  readonly prefix: string;
}

/**
 * Splits an S3 prefix URI (validated by {@link monitoredModelSchema}). The bucket may be a token
 * (`s3://${bucket.bucket}/churn/current/`): the bucket is then everything up to the first `/`.
 */
export function parseS3PrefixUri(uri: string): DataLocation {
  const m = S3_PREFIX_URI.exec(uri);
  if (m) return { bucket: m[1], prefix: m[2] };
  const tokenized = /^s3:\/\/([^/]+)\/((?:[^*?\s]+\/)+)$/.exec(uri);
  if (tokenized && Token.isUnresolved(tokenized[1])) return { bucket: tokenized[1], prefix: tokenized[2] };
  throw new Error(`not an S3 prefix URI: ${uri}`);
}

/** Seconds of a Go duration such as `24h`, `90m`, `1h30m` (validated by {@link monitoredModelSchema}). */
export function durationSeconds(duration: string): number {
  return parseDurationSeconds(duration) ?? 0;
}
