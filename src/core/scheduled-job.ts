/**
 * `scheduledJob`: the CronJob shape every scheduled job of the library shares (Feast
 * materialization, drift checks, vector database backups): UTC schedule, one run at a time
 * (`Forbid`), bounded history, retries and run time, pods that restart never. The caller gives the
 * pod: its containers, security contexts, service account and volumes.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { CronJobV1SpecJobTemplateSpecTemplateSpec } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { KubernetesCronJobV1 } from './resources/pod-spec';
import { failProp } from './validation';

/** What differs between the scheduled jobs. */
export interface ScheduledJobProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the CronJob, its Jobs and their pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Cron schedule (UTC). */
  readonly schedule: string;
  /** Finished Jobs kept. */
  readonly history: { readonly successful: number; readonly failed: number };
  /** How late a missed run may still start, in seconds. */
  readonly startingDeadlineSeconds: number;
  /** Retries of a failed run. */
  readonly backoffLimit: number;
  /** Longest a run may take, in seconds. */
  readonly activeDeadlineSeconds: number;
  /**
   * Seconds a finished Job is kept before Kubernetes deletes it.
   * @default - kept until the history limit removes it
   */
  readonly ttlSecondsAfterFinished?: number;
  /** The pod (`restartPolicy` is always `Never`). */
  readonly pod: Omit<CronJobV1SpecJobTemplateSpecTemplateSpec, 'restartPolicy'>;
  /** Resources that must exist first. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The run policy of the daily jobs (vector database and ClickHouse backups, the knowledge base
 * ingestion): 3 finished Jobs of each outcome kept (and deleted after 7 days), a missed run may still
 * start within an hour, 2 retries.
 */
export const DAILY_JOB_RUNS = {
  history: { successful: 3, failed: 3 },
  startingDeadlineSeconds: 3600,
  backoffLimit: 2,
  ttlSecondsAfterFinished: 7 * 24 * 3600,
} as const satisfies Partial<ScheduledJobProps>;

/** A CronJob of the shared shape in `scope` (construct id `cron-job`). */
export function scheduledJob(scope: Construct, props: ScheduledJobProps): KubernetesCronJobV1 {
  // Kubernetes: a CronJob name is at most 52 characters (its Jobs append an 11-character suffix).
  if (props.name.length > 52) failProp(scope, 'name', props.name, 'is longer than 52 characters, the CronJob name limit (its Jobs get an 11-character suffix); use a shorter name');
  const labels = { ...props.labels };
  return new KubernetesCronJobV1(scope, 'cron-job', {
    metadata: { name: props.name, namespace: props.namespace, labels },
    spec: {
      schedule: props.schedule,
      timezone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: props.history.successful,
      failedJobsHistoryLimit: props.history.failed,
      startingDeadlineSeconds: props.startingDeadlineSeconds,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: props.backoffLimit,
          activeDeadlineSeconds: props.activeDeadlineSeconds,
          ttlSecondsAfterFinished: props.ttlSecondsAfterFinished === undefined ? undefined : String(props.ttlSecondsAfterFinished),
          template: { metadata: { labels }, spec: { restartPolicy: 'Never', ...props.pod } },
        },
      },
    },
    dependsOn: props.dependsOn,
  });
}
