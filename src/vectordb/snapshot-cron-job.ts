/**
 * `VectorDatabaseSnapshotJob`: the CronJob that makes Qdrant or Weaviate write a snapshot to S3 on a
 * schedule (neither engine schedules its own). Pinned curl image, the API key from the synced
 * Secret, non-root with a read-only root filesystem, one run at a time.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { IMAGES } from '../core/versions';
import { VECTOR_DB_COMPONENT, VECTOR_DB_LABELS } from './constants';
import { SnapshotJobKind } from './engines/engine-profile';
import { SNAPSHOT_API_KEY_ENV, snapshotScript, SnapshotScriptTarget } from './snapshot-scripts';

/** uid/gid of the curl image's `curl_user`. */
export const SNAPSHOT_JOB_UID = '100';
export const SNAPSHOT_JOB_GID = '101';

/** Longest a snapshot run may take before Kubernetes stops it. */
export const SNAPSHOT_JOB_DEADLINE_SECONDS = 6 * 3600;

/** Props of {@link VectorDatabaseSnapshotJob}. */
export interface VectorDatabaseSnapshotJobProps {
  readonly kind: SnapshotJobKind;
  readonly target: SnapshotScriptTarget;
  /** Cron schedule (UTC). */
  readonly schedule: string;
  /** Secret and key holding an API key allowed to create snapshots. */
  readonly apiKeySecret: { readonly name: string; readonly key: string };
  /** Resources that must exist first (the database release). */
  readonly dependsOn?: ITerraformDependable[];
}

/** A scheduled snapshot of a vector database. */
export class VectorDatabaseSnapshotJob extends Construct {
  public readonly cronJob: CronJobV1;

  constructor(scope: Construct, id: string, props: VectorDatabaseSnapshotJobProps) {
    super(scope, id);
    const { target } = props;
    const labels = { [VECTOR_DB_LABELS.component]: VECTOR_DB_COMPONENT, [VECTOR_DB_LABELS.name]: `${target.name}-snapshot` };
    this.cronJob = new CronJobV1(this, 'cron-job', {
      metadata: { name: `${target.name}-snapshot`, namespace: target.namespace, labels },
      spec: {
        schedule: props.schedule,
        timezone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        startingDeadlineSeconds: 3600,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: SNAPSHOT_JOB_DEADLINE_SECONDS,
            ttlSecondsAfterFinished: String(7 * 24 * 3600),
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: 'Never',
                automountServiceAccountToken: false,
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: SNAPSHOT_JOB_UID,
                  runAsGroup: SNAPSHOT_JOB_GID,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                container: [
                  {
                    name: 'snapshot',
                    image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
                    command: ['/bin/sh', '-c', snapshotScript(props.kind, target)],
                    env: [{ name: SNAPSHOT_API_KEY_ENV, valueFrom: { secretKeyRef: { name: props.apiKeySecret.name, key: props.apiKeySecret.key } } }],
                    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
                    securityContext: {
                      allowPrivilegeEscalation: false,
                      privileged: false,
                      readOnlyRootFilesystem: true,
                      runAsNonRoot: true,
                      capabilities: { drop: ['ALL'] },
                    },
                  },
                ],
              },
            },
          },
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
