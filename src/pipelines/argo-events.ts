/**
 * `ArgoEvents` (platform layer): the event side of continuous training — the argo-events chart
 * (controller and the EventSource, Sensor and EventBus CRDs) in namespace `argo-events`, where the
 * EventBus, the EventSources and the Sensors live too (`PipelineEvents`, `TrainingPipeline`), and
 * the alert webhook's token as a Secret there (write-only, before the webhook EventSource reads it).
 *
 * Values:
 * - controller on the system nodes, non-root (the chart's documented uid 9731), read-only root file
 *   system, no privilege escalation; two replicas with leader election and a PDB in `prod`;
 * - the only EventBus version offered is the pinned JetStream one (`configs.jetstream.versions`
 *   holds just `JETSTREAM_VERSION`, `configs.nats.versions` is empty), so no EventBus can ask for
 *   `latest`;
 * - the admission webhook stays off (chart default; the library validates its custom resources at
 *   synth against Argo Events' JSON schema).
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { containerSecurityContext, resourcesBlock } from '../core/pod-security';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { WriteOnlyKubernetesSecret } from '../core/secrets/write-only-kubernetes-secret';
import { Schemas, validateProps } from '../core/validation';
import { CHARTS, IMAGES, JETSTREAM_VERSION } from '../core/versions';
import { ArgoEventsCloud } from './argo-events-cloud';
import { PIPELINE_DEFAULTS, PIPELINE_LABELS } from './constants';
import { KubernetesNamespaceV1 } from '../core/resources/kubernetes-core';

/** uid/gid the argo-events chart documents for its pods (`global.securityContext` example). */
export const ARGO_EVENTS_USER = 9731;

/** Name and key of the alert webhook token Secret in the events namespace. */
export const ALERT_WEBHOOK_SECRET = { name: 'alert-webhook-token', key: 'token' } as const;

/** Props of {@link ArgoEvents}. */
export interface ArgoEventsProps {
  /** The cloud half (the alert webhook token). */
  readonly cloud: ArgoEventsCloud;
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /** Node selector of the controller (`kubernetes.io/os: linux` is always added). @default - the system nodes (`systemNodeSelector()`) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Helm value overrides (keys must exist in the pinned chart). @default - none */
  readonly overrides?: PlainObject;
}

const schema = Schemas.object({
  cloud: Schemas.construct('an ArgoEventsCloud', { alertWebhookToken: Schemas.construct('a GeneratedSecret') }),
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** The chart values (before user overrides). */
export function argoEventsValues(preset: Preset, nodeSelector: Readonly<Record<string, string>>): PlainObject {
  const ha = byPreset(preset, { dev: false, prod: true });
  const image = (i: { repository: string; tag: string }) => `${i.repository}:${i.tag}`;
  return {
    crds: { install: true, keep: true },
    global: {
      image: { imagePullPolicy: 'IfNotPresent' },
      securityContext: { runAsNonRoot: true, runAsUser: ARGO_EVENTS_USER, runAsGroup: ARGO_EVENTS_USER, fsGroup: ARGO_EVENTS_USER, seccompProfile: { type: 'RuntimeDefault' } },
    },
    configs: {
      nats: { versions: [] },
      jetstream: {
        versions: [
          {
            version: JETSTREAM_VERSION,
            natsImage: image(IMAGES.nats),
            metricsExporterImage: image(IMAGES.natsMetricsExporter),
            configReloaderImage: image(IMAGES.natsConfigReloader),
            startCommand: '/nats-server',
          },
        ],
      },
    },
    controller: {
      replicas: ha ? 2 : 1,
      pdb: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
      nodeSelector: { ...nodeSelector },
      resources: resourcesBlock(byPreset(preset, { dev: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } }, prod: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } } })),
      containerSecurityContext: containerSecurityContext(),
    },
    webhook: { enabled: false },
  };
}

/** Argo Events: controller, CRDs and the alert webhook token. */
export class ArgoEvents extends Construct {
  public readonly namespace: KubernetesNamespaceV1;
  /** `argo-events`. */
  public readonly namespaceName: string;
  public readonly chart: HelmChart;
  /** The alert webhook token in the events namespace (read by the webhook EventSource). */
  public readonly alertWebhookSecret: WriteOnlyKubernetesSecret;

  constructor(scope: Construct, id: string, props: ArgoEventsProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'ArgoEvents');
    this.namespaceName = PIPELINE_DEFAULTS.eventsNamespace;
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: this.namespaceName, labels: { [PIPELINE_LABELS.component]: 'argo-events' } } });
    this.alertWebhookSecret = new WriteOnlyKubernetesSecret(this, 'alert-webhook-token', {
      source: props.cloud.alertWebhookToken,
      namespace: this.namespaceName,
      secretName: ALERT_WEBHOOK_SECRET.name,
      valueKey: ALERT_WEBHOOK_SECRET.key,
      revision: props.cloud.alertWebhookToken.version,
      dependsOn: [this.namespace],
    });
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.argoEvents,
      releaseName: PIPELINE_DEFAULTS.eventsRelease,
      namespace: this.namespaceName,
      values: argoEventsValues(props.preset ?? 'prod', systemNodeSelector(props.nodeSelector)),
      overrides: props.overrides,
      dependsOn: [this.namespace],
    });
  }
}
