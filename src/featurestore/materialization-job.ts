/**
 * `FeastMaterializationJob`: the CronJob that runs `feast materialize-incremental <now, UTC>` on a
 * schedule — offline store (S3 parquet) → online store (Redis) — with exactly the servers'
 * configuration (`FEATURE_STORE_YAML_BASE64`), identity (their service account, hence their Pod
 * Identity role), environment and hardening. One run at a time (`Forbid`), bounded history,
 * a starting deadline for missed runs and an active deadline for stuck ones.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { KubernetesCronJobV1 } from '../core/resources/pod-spec';
import { Schemas } from '../core/schemas';
import { scheduledJob } from '../core/scheduled-job';
import { validateProps } from '../core/validation';
import { ContainerResources } from '../core/secrets/external-secrets-operator';
import { IMAGES } from '../core/versions';
import { FEAST_COMPONENT, FEAST_DEFAULTS, FEAST_ENV, FEAST_LABELS, FEAST_TMP_DIR, FEAST_TMP_SIZE_LIMIT } from './constants';
import { containerSecurityContext, resourcesBlock } from '../core/pod-security';
import { feastEnv, feastPodSecurityContext } from './feature-server-values';

/** Timestamp Feast takes as END_TS (ISO 8601, UTC, no zone suffix). */
export const MATERIALIZE_END_TS = '$(date -u +%Y-%m-%dT%H:%M:%S)';

/** Props of {@link FeastMaterializationJob}. */
export interface FeastMaterializationJobProps {
  /** CronJob name. */
  readonly name: string;
  readonly namespace: string;
  /** 5-field cron schedule (validated by the spec). */
  readonly schedule: string;
  /** Feature views (validated names), or empty for all. */
  readonly views: readonly string[];
  readonly serviceAccountName: string;
  /** `Fn.base64encode(feature_store.yaml)`, the servers' value. */
  readonly featureStoreYamlBase64: string;
  /** Secret holding the Redis AUTH token. */
  readonly redisSecretName: string;
  readonly region: string;
  readonly resources: ContainerResources;
  /** `activeDeadlineSeconds` of each run. */
  readonly deadlineSeconds: number;
  readonly startingDeadlineSeconds: number;
  /** Resources that must exist first (the synced Secret). */
  readonly dependsOn?: ITerraformDependable[];
}

/** The shell command of the job: `exec feast materialize-incremental "<now>" [--views v …]`. */
export function materializeCommand(views: readonly string[]): string {
  const viewArgs = views.map((v) => ` --views ${v}`).join('');
  return `exec feast materialize-incremental "${MATERIALIZE_END_TS}"${viewArgs}`;
}

const schema = Schemas.props<FeastMaterializationJobProps>()({
  name: Schemas.k8sName().max(52, { message: 'is longer than 52 characters, the CronJob name limit (its Jobs get an 11-character suffix)' }),
  namespace: Schemas.k8sName(),
  schedule: Schemas.cron(),
  views: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'is not a Feast feature view name; use letters, digits, "_" and "-"' })),
  serviceAccountName: Schemas.dnsSubdomain(),
  featureStoreYamlBase64: z.string().min(1),
  redisSecretName: Schemas.dnsSubdomain(),
  region: Schemas.region(),
  resources: Schemas.resources(),
  deadlineSeconds: Schemas.positiveInt('number of seconds'),
  startingDeadlineSeconds: Schemas.positiveInt('number of seconds'),
  dependsOn: z.array(z.any()).optional(),
});

/** Scheduled incremental materialization. */
export class FeastMaterializationJob extends Construct {
  public readonly cronJob: KubernetesCronJobV1;

  constructor(scope: Construct, id: string, props: FeastMaterializationJobProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const labels = { [FEAST_LABELS.component]: FEAST_COMPONENT, [FEAST_LABELS.name]: props.name };
    const env = feastEnv(props.redisSecretName, props.region);
    this.cronJob = scheduledJob(this, {
      name: props.name,
      namespace: props.namespace,
      labels,
      schedule: props.schedule,
      history: { successful: FEAST_DEFAULTS.successfulJobsHistoryLimit, failed: FEAST_DEFAULTS.failedJobsHistoryLimit },
      startingDeadlineSeconds: props.startingDeadlineSeconds,
      backoffLimit: 2,
      activeDeadlineSeconds: props.deadlineSeconds,
      ttlSecondsAfterFinished: 7 * 24 * 3600,
      pod: {
        serviceAccountName: props.serviceAccountName,
        securityContext: providerPodSecurityContext(),
        volume: [{ name: 'tmp', emptyDir: { sizeLimit: FEAST_TMP_SIZE_LIMIT } }],
        container: [
          {
            name: 'materialize',
            image: `${IMAGES.feast.repository}:${IMAGES.feast.tag}`,
            command: ['/bin/sh', '-c', materializeCommand(props.views)],
            env: [{ name: FEAST_ENV.featureStoreYaml, value: props.featureStoreYamlBase64 }, ...env],
            resources: resourcesBlock(props.resources),
            securityContext: containerSecurityContext(true),
            volumeMount: [{ name: 'tmp', mountPath: FEAST_TMP_DIR }],
          },
        ],
      },
      dependsOn: props.dependsOn,
    });
  }
}

/** {@link feastPodSecurityContext} as the kubernetes provider types it (`run_as_user` is a string). */
function providerPodSecurityContext() {
  const { runAsUser, ...rest } = feastPodSecurityContext();
  return { ...rest, runAsUser: String(runAsUser) };
}
