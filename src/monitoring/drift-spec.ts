/**
 * The definition of one monitored model, shared by the three halves of a drift monitor
 * (`DriftMonitorCloud` → `DriftMonitorPlatform` → `DriftMonitor`): where its reference and current
 * data are, the drift job the user supplies, the drift threshold, and the retraining run.
 */
import { Token } from 'cdktf';
import { z } from 'zod';
import { Toleration } from '../compute/scheduling/types';
import { PolicyDocument } from '../core/iam';
import { Schemas } from '../core/validation';
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

const image = z
  .string()
  .min(1)
  .refine((i) => /@sha256:[a-f0-9]{64}$/.test(i) || /:[\w][\w.-]{0,127}$/.test(i.split('/').pop() ?? ''), {
    message: 'has no tag; pin the image with a tag or digest',
  })
  .refine((i) => !/:latest$/.test(i), { message: 'uses the "latest" tag; pin a version or digest' });

/** Zod schema of {@link UserContainer} (pinned image, non-root uid). */
export const userContainerSchema = z.object({
  image,
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'is not an environment variable name' }), z.string()).optional(),
  resources: containerResourcesSchema.optional(),
  runAsUser: z.number().int().min(1, { message: 'is root (0); run as a non-root uid such as 1000' }).optional(),
});

const promDuration = z.string().regex(/^([0-9]+(ms|s|m|h|d|w|y))+$/, { message: 'is not a Prometheus duration; use e.g. "30m", "1h" or "1d"' });

/** Zod schema of {@link MonitoredModelSpec}. */
export const monitoredModelSchema = z.object({
  name: Schemas.k8sName().max(40, { message: 'is longer than 40 characters; use a shorter model name (it prefixes object names)' }),
  referenceDataUri: uri,
  currentDataUri: uri,
  dataKmsKeyArns: z.array(z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-f0-9-]+$/, { message: 'is not a KMS key ARN; pass arn:aws:kms:<region>:<account>:key/<id>' })).optional(),
  driftJob: userContainerSchema,
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, { message: 'is not a 5-field cron schedule; use e.g. "0 * * * *"' }).optional(),
  threshold: z.number().gt(0, { message: 'must be above 0; give the share of drifted columns (0–1) that counts as drift' }).max(1, { message: 'is above 1; the share of drifted columns is between 0 and 1' }).optional(),
  window: promDuration.optional(),
  staleAfter: promDuration.optional(),
  retraining: z
    .object({
      container: userContainerSchema,
      gpus: z.record(z.string().regex(/^nvidia\.com\/(gpu|mig-[0-9a-z.]+)$/, { message: 'is not a GPU resource; use nvidia.com/gpu or nvidia.com/mig-<profile>' }), Schemas.positiveInt('GPU count')).optional(),
      mlflowTrackingUri: z.string().regex(/^https?:\/\//, { message: 'is not an http(s) URL; pass the MLflow tracking server URL' }),
      registeredModelName: z.string().min(1).optional(),
      mlflowCredentialsSecretName: Schemas.k8sName().optional(),
      cooldown: Schemas.duration().optional(),
      maxDuration: Schemas.duration().optional(),
    })
    .optional(),
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

/** Seconds of a Go duration such as `24h`, `90m`, `1h30m`. */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/([0-9]+)(s|m|h)/g)) total += Number(n) * ({ s: 1, m: 60, h: 3600 } as const)[unit as 's' | 'm' | 'h'];
  return total;
}
