/**
 * `RetrainingJob` (workloads layer): the KEDA ScaledJob that retrains one model when its drift alert
 * fires, without a person.
 *
 * - **Trigger**: KEDA's Prometheus scaler polls {@link retrainTriggerExpr} (1 while the drift alert
 *   is firing and no run started within the cooldown, else 0) with `threshold: 1`,
 *   `activationThreshold: 0`.
 * - **One run at a time**: `maxReplicaCount: 1` (KEDA starts a Job only while fewer than
 *   `maxReplicaCount` of its Jobs are unfinished, pending ones included), `parallelism: 1`,
 *   `completions: 1`.
 * - **Cooldown** (one drift episode → one run): the Job's init container pushes
 *   `mlops_retrain_started_timestamp_seconds` to the Pushgateway when the pod starts; the trigger is
 *   0 until `cooldown` has passed since then, even if the alert still fires. A drift episode longer
 *   than the cooldown (the new model did not fix it) starts at most one more run per cooldown.
 * - **History**: `successfulJobsHistoryLimit: 3`, `failedJobsHistoryLimit: 3`; `rollout.strategy:
 *   gradual` so updating the ScaledJob does not kill a running training.
 * - **GPU**: the pool's tolerations and node selector, `nvidia.com/gpu` (or a MIG slice) in
 *   requests and limits, checked by the scheduling contract (`assertSchedulable`) at construction so
 *   it can scale the pool from zero; `backoffLimit: 1` (a failed GPU run is not retried blindly),
 *   `activeDeadlineSeconds` from `maxDuration`.
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { assertSchedulable } from '../compute/scheduling/scheduling-contract';
import { CURL_IMAGE_USER, IMAGES } from '../core/versions';
import { retrainTriggerExpr } from './alert-expressions';
import { DRIFT_ENV, DRIFT_METRICS, KEDA_API_VERSION, MONITORING_KINDS, MONITORING_LABELS, PUSH_JOBS } from './constants';
import { modelEnv, userEnv } from './drift-job';
import { DRIFT_MODEL_DEFAULTS, durationSeconds, MonitoredModelSpec, RetrainingSpec } from './drift-spec';
import { containerSecurityContext, podSecurityContext, resourcesBlock } from '../core/pod-security';

/** Fixed settings of every retraining ScaledJob. */
export const RETRAINING_JOB_SETTINGS = {
  pollingInterval: 60,
  maxReplicaCount: 1,
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
  backoffLimit: 1,
} as const;

/** Props of {@link RetrainingJob}. */
export interface RetrainingJobProps {
  readonly model: MonitoredModelSpec & { readonly retraining: RetrainingSpec };
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** In-cluster Prometheus URL KEDA queries. */
  readonly prometheusUrl: string;
  readonly pushgatewayUrl: string;
}

/** The init container that records the run's start (the cooldown's clock). */
export function startMarkerContainer(pushgatewayUrl: string, model: string): Record<string, unknown> {
  const url = `${pushgatewayUrl}/metrics/job/${PUSH_JOBS.retrain}/model/${model}`;
  return {
    name: 'mark-start',
    image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
    command: ['/bin/sh', '-c', `printf '${DRIFT_METRICS.retrainStarted} %s\\n' "$(date +%s)" | curl -sSf --retry 5 --data-binary @- '${url}'`],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
    securityContext: { ...containerSecurityContext(true), runAsUser: CURL_IMAGE_USER.uid, runAsGroup: CURL_IMAGE_USER.gid },
  };
}

/** The ScaledJob of one model. */
export class RetrainingJob extends Construct {
  public readonly manifest: KubernetesManifest;
  /** The trigger query. */
  public readonly query: string;

  constructor(scope: Construct, id: string, props: RetrainingJobProps) {
    super(scope, id);
    const { model } = props;
    const r = model.retraining;
    const c = r.container;
    const gpus = r.gpus ?? DRIFT_MODEL_DEFAULTS.gpus;
    const tolerations = r.gpuPool.tolerations.map((t) => ({ ...t }));
    const nodeSelector = { ...r.gpuPool.nodeSelector };
    assertSchedulable(this, { workload: `retraining Job ${model.name}`, resources: { ...gpus }, tolerations, nodeSelector });

    const uid = c.runAsUser ?? DRIFT_MODEL_DEFAULTS.runAsUser;
    const base = resourcesBlock(c.resources ?? DRIFT_MODEL_DEFAULTS.trainingResources);
    const gpuQuantities = Object.fromEntries(Object.entries(gpus).map(([k, v]) => [k, String(v)]));
    const labels = { [MONITORING_LABELS.component]: 'retraining', [MONITORING_LABELS.model]: model.name };
    this.query = retrainTriggerExpr(model.name, durationSeconds(r.cooldown ?? DRIFT_MODEL_DEFAULTS.cooldown));
    const env = [
      ...modelEnv(model, props.pushgatewayUrl, PUSH_JOBS.retrain),
      { name: DRIFT_ENV.mlflowTrackingUri, value: r.mlflowTrackingUri },
      { name: DRIFT_ENV.mlflowModelName, value: r.registeredModelName ?? model.name },
      ...userEnv(c.env),
    ];
    this.manifest = new KubernetesManifest(this, 'scaled-job', {
      manifest: {
        apiVersion: KEDA_API_VERSION,
        kind: MONITORING_KINDS.scaledJob,
        metadata: { name: `${model.name}-retrain`, namespace: props.namespace, labels },
        spec: {
          pollingInterval: RETRAINING_JOB_SETTINGS.pollingInterval,
          minReplicaCount: 0,
          maxReplicaCount: RETRAINING_JOB_SETTINGS.maxReplicaCount,
          successfulJobsHistoryLimit: RETRAINING_JOB_SETTINGS.successfulJobsHistoryLimit,
          failedJobsHistoryLimit: RETRAINING_JOB_SETTINGS.failedJobsHistoryLimit,
          rollout: { strategy: 'gradual' },
          scalingStrategy: { strategy: 'default' },
          jobTargetRef: {
            parallelism: 1,
            completions: 1,
            backoffLimit: RETRAINING_JOB_SETTINGS.backoffLimit,
            activeDeadlineSeconds: durationSeconds(r.maxDuration ?? DRIFT_MODEL_DEFAULTS.maxDuration),
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: 'Never',
                serviceAccountName: props.serviceAccountName,
                automountServiceAccountToken: false,
                securityContext: podSecurityContext(uid, uid),
                tolerations,
                nodeSelector,
                initContainers: [startMarkerContainer(props.pushgatewayUrl, model.name)],
                containers: [
                  {
                    name: 'train',
                    image: c.image,
                    ...(c.command ? { command: [...c.command] } : {}),
                    ...(c.args ? { args: [...c.args] } : {}),
                    env,
                    ...(r.mlflowCredentialsSecretName ? { envFrom: [{ secretRef: { name: r.mlflowCredentialsSecretName } }] } : {}),
                    resources: { requests: { ...base.requests, ...gpuQuantities }, limits: { ...base.limits, ...gpuQuantities } },
                    securityContext: containerSecurityContext(true),
                    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                  },
                ],
                volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '20Gi' } }],
              },
            },
          },
          triggers: [
            {
              type: 'prometheus',
              name: 'drift-alert',
              metadata: { serverAddress: props.prometheusUrl, query: this.query, threshold: '1', activationThreshold: '0', ignoreNullValues: 'true' },
            },
          ],
        },
      },
    });
  }
}
