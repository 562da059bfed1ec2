/**
 * `DriftJob`: the CronJob that checks one model for drift. It runs the user's image (the library
 * ships no Python) as the model's drift service account (Pod Identity: read-only on the reference
 * and current data prefixes) with what the job needs in its environment:
 *
 * | variable | value |
 * |---|---|
 * | `MLOPS_MODEL` | model name |
 * | `MLOPS_REFERENCE_DATA_URI`, `MLOPS_CURRENT_DATA_URI` | the data prefixes |
 * | `MLOPS_PUSHGATEWAY_URL`, `MLOPS_PUSHGATEWAY_JOB` | where to push (`<url>/metrics/job/drift/model/<model>`) |
 * | `EVIDENTLY_URL`, `EVIDENTLY_SECRET`, `EVIDENTLY_PROJECT` | the Evidently service, its token, the project for reports |
 *
 * The job must push `mlops_drift_share_of_drifted_columns` (0–1) and
 * `mlops_drift_feature_score{feature="…"}` under the grouping `job="drift", model="<model>"`.
 * One run at a time (`Forbid`), bounded history, a deadline, and locked-down containers.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesCronJobV1 } from '../core/resources/pod-spec';
import { scheduledJob } from '../core/scheduled-job';
import { DRIFT_ENV, MONITORING_LABELS, PUSH_JOBS } from './constants';
import { DRIFT_MODEL_DEFAULTS, MonitoredModelSpec } from './drift-spec';
import { containerSecurityContext, providerPodSecurityContext, resourcesBlock } from '../core/pod-security';

/** Longest a drift run may take. */
export const DRIFT_JOB_DEADLINE_SECONDS = 2 * 3600;
/** Finished runs kept, by outcome. */
export const DRIFT_JOB_HISTORY = { successful: 3, failed: 3 } as const;

/** Props of {@link DriftJob}. */
export interface DriftJobProps {
  readonly model: MonitoredModelSpec;
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly pushgatewayUrl: string;
  readonly evidentlyUrl: string;
  /** Secret and key of the Evidently token. */
  readonly evidentlySecret: { readonly name: string; readonly key: string };
  readonly dependsOn?: ITerraformDependable[];
}

/** Environment variables every model container gets (drift job and retraining Job). */
export function modelEnv(model: MonitoredModelSpec, pushgatewayUrl: string, pushJob: string): Array<{ name: string; value: string }> {
  return [
    { name: DRIFT_ENV.model, value: model.name },
    { name: DRIFT_ENV.referenceUri, value: model.referenceDataUri },
    { name: DRIFT_ENV.currentUri, value: model.currentDataUri },
    { name: DRIFT_ENV.pushgatewayUrl, value: pushgatewayUrl },
    { name: DRIFT_ENV.pushJob, value: pushJob },
  ];
}

/** User env vars, sorted by name, as `{ name, value }`. */
export function userEnv(env: Readonly<Record<string, string>> | undefined): Array<{ name: string; value: string }> {
  return Object.keys(env ?? {})
    .sort()
    .map((name) => ({ name, value: env![name] }));
}

/** The scheduled drift check of one model. */
export class DriftJob extends Construct {
  public readonly cronJob: KubernetesCronJobV1;

  constructor(scope: Construct, id: string, props: DriftJobProps) {
    super(scope, id);
    const { model } = props;
    const c = model.driftJob;
    const uid = c.runAsUser ?? DRIFT_MODEL_DEFAULTS.runAsUser;
    const name = `${model.name}-drift`;
    const labels = { [MONITORING_LABELS.component]: 'drift-job', [MONITORING_LABELS.model]: model.name };
    this.cronJob = scheduledJob(this, {
      name,
      namespace: props.namespace,
      labels,
      schedule: model.schedule ?? DRIFT_MODEL_DEFAULTS.schedule,
      history: DRIFT_JOB_HISTORY,
      startingDeadlineSeconds: 600,
      backoffLimit: 2,
      activeDeadlineSeconds: DRIFT_JOB_DEADLINE_SECONDS,
      pod: {
        serviceAccountName: props.serviceAccountName,
        automountServiceAccountToken: false,
        securityContext: providerPodSecurityContext(uid, uid),
        container: [
          {
            name: 'drift',
            image: c.image,
            command: c.command ? [...c.command] : undefined,
            args: c.args ? [...c.args] : undefined,
            env: [
              ...modelEnv(model, props.pushgatewayUrl, PUSH_JOBS.drift),
              { name: DRIFT_ENV.evidentlyUrl, value: props.evidentlyUrl },
              { name: DRIFT_ENV.evidentlySecret, valueFrom: { secretKeyRef: { ...props.evidentlySecret } } },
              { name: DRIFT_ENV.evidentlyProject, value: model.name },
              ...userEnv(c.env),
            ],
            resources: resourcesBlock(c.resources ?? DRIFT_MODEL_DEFAULTS.driftResources),
            securityContext: containerSecurityContext(true),
            volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volume: [{ name: 'tmp', emptyDir: { sizeLimit: '2Gi' } }],
      },
      dependsOn: props.dependsOn,
    });
  }
}
