/**
 * `VectorDatabaseSnapshotJob`: the CronJob that backs a vector database up on a schedule (no engine
 * schedules its own). One run at a time, bounded in time, non-root with a read-only root
 * filesystem and no Kubernetes API token. Service links are off: Kubernetes would otherwise inject
 * `<SERVICE>_PORT=tcp://…` variables for every service of the namespace, and milvus-backup reads
 * `MILVUS_PORT` (the service of a database named `milvus`) as its port. What runs is the caller's:
 * a curl script asking Qdrant or Weaviate for a snapshot (`curlSnapshotContainer`), or
 * milvus-backup (`MilvusBackupJob`). The CronJob shape is the library's `scheduledJob`.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type {
  CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv,
  CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount,
  CronJobV1SpecJobTemplateSpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { KubernetesCronJobV1 } from '../core/resources/pod-spec';
import { containerSecurityContext } from '../core/pod-security';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { DAILY_JOB_RUNS, scheduledJob } from '../core/scheduled-job';
import { validateProps } from '../core/validation';
import { VECTOR_DB_COMPONENT, VECTOR_DB_LABELS, VectorDbResources } from './constants';

/** Longest a snapshot run may take before Kubernetes stops it. */
export const SNAPSHOT_JOB_DEADLINE_SECONDS = 6 * 3600;

/** The one container of a snapshot job. */
export interface SnapshotJobContainer {
  /** Container name. */
  readonly name: string;
  /** Pinned image reference (`repository:tag`). */
  readonly image: string;
  readonly command: string[];
  /** Environment (secrets only through `valueFrom`). */
  readonly env: CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv[];
  readonly resources: VectorDbResources;
  /**
   * Volume mounts.
   * @default - none
   */
  readonly volumeMounts?: CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount[];
}

/** Props of {@link VectorDatabaseSnapshotJob}. */
export interface VectorDatabaseSnapshotJobProps {
  /** Name of the CronJob (and of its `app.kubernetes.io/name` label); at most 52 characters. */
  readonly name: string;
  readonly namespace: string;
  /** Cron schedule (UTC). */
  readonly schedule: string;
  readonly container: SnapshotJobContainer;
  /** uid and gid the pod runs as (non-root). */
  readonly runAs: { readonly uid: number; readonly gid: number };
  /**
   * Service account of the pod (for Pod Identity); its Kubernetes API token is never mounted.
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /**
   * Volumes of the pod.
   * @default - none
   */
  readonly volumes?: CronJobV1SpecJobTemplateSpecTemplateSpecVolume[];
  /** Resources that must exist first (the database release). */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<VectorDatabaseSnapshotJobProps>()({
  name: Schemas.k8sName().max(52, { message: 'is longer than 52 characters, the CronJob name limit (its Jobs get an 11-character suffix)' }),
  namespace: Schemas.k8sName(),
  schedule: Schemas.cron(),
  container: Schemas.props<SnapshotJobContainer>()({
    name: Schemas.k8sName(),
    image: Schemas.image(),
    command: z.array(z.string()).min(1, { message: 'is empty; give the command the job runs' }),
    env: z.array(Schemas.object({ name: Schemas.envVarName(), value: z.string().optional(), valueFrom: z.record(z.string(), z.unknown()).optional() })),
    resources: Schemas.resources({ cpuLimitRequired: true }),
    volumeMounts: z.array(z.any()).optional(),
  }),
  runAs: Schemas.object({
    uid: z.number().int().min(1, { message: 'is 0 (root); run the job as a non-root uid' }),
    gid: z.number().int().min(0),
  }),
  serviceAccountName: Schemas.dnsSubdomain().optional(),
  volumes: z.array(z.any()).optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** A scheduled backup of a vector database. */
export class VectorDatabaseSnapshotJob extends Construct {
  public readonly cronJob: KubernetesCronJobV1;

  constructor(scope: Construct, id: string, props: VectorDatabaseSnapshotJobProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const { container, runAs } = props;
    const labels = { [VECTOR_DB_LABELS.component]: VECTOR_DB_COMPONENT, [VECTOR_DB_LABELS.name]: props.name };
    this.cronJob = scheduledJob(this, {
      name: props.name,
      namespace: props.namespace,
      labels,
      schedule: props.schedule,
      ...DAILY_JOB_RUNS,
      activeDeadlineSeconds: SNAPSHOT_JOB_DEADLINE_SECONDS,
      pod: {
        enableServiceLinks: false,
        serviceAccountName: props.serviceAccountName,
        automountServiceAccountToken: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: String(runAs.uid),
          runAsGroup: String(runAs.gid),
          seccompProfile: { type: 'RuntimeDefault' },
        },
        container: [
          {
            name: container.name,
            image: container.image,
            command: container.command,
            env: container.env,
            resources: { requests: { ...container.resources.requests }, limits: { ...container.resources.limits } },
            volumeMount: container.volumeMounts,
            securityContext: containerSecurityContext(),
          },
        ],
        volume: props.volumes,
      },
      dependsOn: props.dependsOn,
    });
  }
}
