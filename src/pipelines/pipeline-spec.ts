/**
 * The definition of a training pipeline: the four user steps (each a container image the user
 * supplies, with the contract of docs/catalog/pipelines.md), the evaluation gate, the triggers and
 * the rollout. `TrainingPipeline` (workloads layer) renders it.
 */
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { UserContainer, userContainerSchema } from '../monitoring/drift-spec';
import { GpuRequest, gpuRequestSchema } from '../serving/accelerators';
import { IRolloutTarget } from '../serving/rollout-target';

/** A step the user supplies. */
export interface PipelineStep extends UserContainer {
  /** Longest one attempt may run (Go duration). @default per step (PIPELINE_STEP_DEFAULTS) */
  readonly timeout?: string;
  /** Retries after a failed attempt (exponential backoff). @default per step (PIPELINE_STEP_DEFAULTS) */
  readonly retries?: number;
}

/** The training step: on a GPU pool. */
export interface TrainStep extends PipelineStep {
  /** Whole GPUs or a MIG profile, on a `GpuNodePool` (checked by the scheduling contract). */
  readonly gpu: GpuRequest;
  /** Size of the scratch volume at /tmp. @default '50Gi' */
  readonly scratchSize?: string;
}

/** Which way a metric is better. */
export type MetricDirection = 'higher' | 'lower';

/** The evaluation gate: the candidate against the current production model. */
export interface EvaluationGate {
  /** MLflow metric key the evaluate step reports, e.g. `val_auc`. */
  readonly metric: string;
  /** Whether higher or lower values are better. */
  readonly direction: MetricDirection;
  /**
   * How much better than the champion the candidate must be (absolute, in the metric's units).
   * @default 0 (at least as good)
   */
  readonly minImprovement?: number;
  /**
   * A bound the candidate must reach whatever the champion does (`>=` for higher, `<=` for lower).
   * @default - none
   */
  readonly threshold?: number;
}

/** The evaluate step and its gate. */
export interface EvaluateStep extends PipelineStep {
  readonly gate: EvaluationGate;
}

/** The four user steps. */
export interface PipelineSteps {
  /** Validates the new data; fails the run on schema or quality errors; writes a report. */
  readonly validate: PipelineStep;
  /** Trains on a GPU pool; logs an MLflow run and writes its id. */
  readonly train: TrainStep;
  /** Evaluates the candidate and the champion; writes both metric values. */
  readonly evaluate: EvaluateStep;
  /** Registers the model version in MLflow with alias `challenger`; writes its version and storage URI. */
  readonly register: PipelineStep;
}

/** What starts a run (any of them). */
export interface PipelineTriggers {
  /** Cron schedule (UTC). @default - none */
  readonly schedule?: string;
  /** New objects under the cloud half's `newData` prefix (S3 → EventBridge → SQS). @default false */
  readonly newData?: boolean;
  /** The drift alert of this monitored model (Alertmanager → the alert webhook). @default - none */
  readonly drift?: { readonly model: string };
}

/** Canary analysis over Envoy's metrics of the canary backend. */
export interface CanaryAnalysis {
  /** How long the canary takes traffic before it is promoted (Go duration). @default '10m' */
  readonly window?: string;
  /** How often it is checked (Go duration, ≥ 1m: Envoy is scraped every 30 s). @default '1m' */
  readonly interval?: string;
  /** Highest share of 5xx answers in an interval. @default 0.01 */
  readonly maxErrorRatio?: number;
  /** Highest p95 upstream latency in an interval, in milliseconds. @default 1000 */
  readonly maxLatencyP95Ms?: number;
  /** Fewest requests the canary must answer in the window to be judged at all. @default 100 */
  readonly minRequests?: number;
}

/** The rollout of a registered version to an InferenceService. */
export interface PipelineRollout {
  /** The service's rollout slot (`InferenceService({ pipelineRollout }).rolloutTarget`). */
  readonly target: IRolloutTarget;
  /** Share of requests the canary gets during the analysis (1–50). */
  readonly canaryPercent: number;
  /**
   * Where the register step puts model versions (`s3://<bucket>/<prefix>/`); must be readable by
   * the service's identity. The rollout refuses a model URI outside it.
   */
  readonly modelUriPrefix: string;
  /** In-cluster Prometheus URL (`Monitoring.prometheusUrl`). */
  readonly prometheusUrl: string;
  /** The analysis. @default CANARY_ANALYSIS_DEFAULTS */
  readonly analysis?: CanaryAnalysis;
  /** How long a patched InferenceService may take to become Ready (Go duration). @default '15m' */
  readonly readyTimeout?: string;
}

/** Defaults of the canary analysis. */
export const CANARY_ANALYSIS_DEFAULTS = { window: '10m', interval: '1m', maxErrorRatio: 0.01, maxLatencyP95Ms: 1000, minRequests: 100 } as const;

/** Per-step timeouts and retries. */
export const PIPELINE_STEP_DEFAULTS = {
  validate: { timeout: '1h', retries: 2 },
  train: { timeout: '12h', retries: 2 },
  evaluate: { timeout: '1h', retries: 2 },
  register: { timeout: '30m', retries: 2 },
  /** The library's own steps. */
  gate: { timeout: '5m', retries: 0 },
  rollout: { retries: 3 },
  readyTimeout: '15m',
  runTimeout: '24h',
  trainScratch: '50Gi',
  scratch: '2Gi',
} as const;

const step = userContainerSchema.extend({
  timeout: Schemas.duration().optional(),
  retries: z.number().int().min(0, { message: 'must be 0 or more' }).max(10, { message: 'is over 10; a step that fails 10 times needs fixing, not retries' }).optional(),
});

const gate = Schemas.props<EvaluationGate>()({
  metric: z.string().regex(/^[A-Za-z0-9_.\-/ ]{1,250}$/, { message: 'is not an MLflow metric key; use letters, digits, "_", "-", ".", "/" and spaces' }),
  direction: z.enum(['higher', 'lower'], { message: 'must be "higher" or "lower" (which values are better)' }),
  minImprovement: z.number().min(0, { message: 'must be 0 or more; it is how much better than the champion the candidate must be' }).optional(),
  threshold: z.number().optional(),
});

const ratio = z.number().gt(0, { message: 'must be above 0' }).max(1, { message: 'must be at most 1 (a share)' });

/** Zod schema of the steps. */
export const pipelineStepsSchema = Schemas.props<PipelineSteps>()({
  validate: step,
  train: step.extend({
    gpu: gpuRequestSchema
      .refine((g) => (g.gpus === undefined) !== (g.migProfile === undefined), { message: 'must set exactly one of gpus (whole GPUs) and migProfile (MIG slices)' })
      .refine((g) => g.migSlices === undefined || g.migProfile !== undefined, { message: 'sets migSlices without migProfile; migSlices counts MIG slices' }),
    scratchSize: Schemas.quantity().optional(),
  }),
  evaluate: step.extend({ gate }),
  register: step,
});

/** Zod schema of the triggers. */
export const pipelineTriggersSchema = Schemas.props<PipelineTriggers>()({
  schedule: Schemas.cron().optional(),
  newData: z.boolean().optional(),
  drift: Schemas.object({ model: Schemas.k8sName() }).optional(),
}).refine((t) => t.schedule !== undefined || t.newData === true || t.drift !== undefined, { message: 'has no trigger; give at least one of schedule, newData or drift' });

/** Zod schema of the rollout. */
export const pipelineRolloutSchema = Schemas.props<PipelineRollout>()({
  target: Schemas.construct('the rollout slot of an InferenceService (InferenceService({ pipelineRollout }).rolloutTarget)', { stableName: z.string(), canaryName: z.string(), readablePrefixes: z.array(z.string()) }),
  canaryPercent: z.number().int({ message: 'must be a whole percentage' }).min(1, { message: 'must be 1–50' }).max(50, { message: 'must be 1–50; a canary that takes more than half the traffic is not a canary' }),
  modelUriPrefix: z.string().regex(/^s3:\/\/[^/\s]+\/([^\s*?"\\]+\/)+$/, { message: 'is not an S3 prefix URI; use s3://<bucket>/<prefix>/ ending in "/"' }),
  prometheusUrl: Schemas.httpUrl('pass Monitoring.prometheusUrl'),
  readyTimeout: Schemas.duration().optional(),
  analysis: Schemas.props<CanaryAnalysis>()({
    window: Schemas.duration().optional(),
    interval: Schemas.duration().optional(),
    maxErrorRatio: ratio.optional(),
    maxLatencyP95Ms: Schemas.positiveInt('latency in milliseconds').optional(),
    minRequests: z.number().int().min(0, { message: 'must be 0 or more' }).optional(),
  }).optional(),
});
