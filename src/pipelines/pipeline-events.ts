/**
 * `PipelineEvents` (workloads layer): the shared event plumbing of the training pipelines in
 * namespace `argo-events` —
 * - the **EventBus** `default`: JetStream at the pinned NATS version, persistent (a gp3-encrypted
 *   volume per replica, so events accepted but not yet delivered survive restarts), authenticated
 *   and encrypted by the controller (Argo Events v1.9.10 generates the server's auth config, a
 *   client password Secret, TLS certificates and the JetStream encryption key for every JetStream
 *   bus: `pkg/reconciler/eventbus/installer/jetstream.go` `createSecrets`); three replicas in `prod`,
 *   one in `dev` (the controller accepts 1 or ≥ 3), stream replicas to match;
 * - the **alert webhook** EventSource `alertmanager`: the endpoint Alertmanager POSTs the drift alert
 *   to (`ArgoEventsCloud.alertWebhook`), rejecting requests without the bearer token
 *   (`webhook.authSecret`: Argo Events answers 401 unless `Authorization: Bearer <token>` matches);
 *   each pipeline's Sensor picks the alerts of its model;
 * - a **NetworkPolicy**: only Alertmanager (namespace `monitoring`) may reach the webhook pods.
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { KubernetesNetworkPolicyV1 } from '../core/resources/kubernetes-network-policy';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { requireLayer } from '../core/layers/mlops-stack';
import { containerSecurityContext, podSecurityContext } from '../core/pod-security';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { Schemas, validateProps } from '../core/validation';
import { JETSTREAM_VERSION } from '../core/versions';
import { MONITORING_DEFAULTS } from '../monitoring/constants';
import { ALERT_WEBHOOK_SECRET, ARGO_EVENTS_USER, ArgoEvents } from './argo-events';
import { ARGO_API_VERSION, ARGO_KINDS, PIPELINE_DEFAULTS, PIPELINE_LABELS } from './constants';

/** Label Argo Events puts on an EventSource's pods. */
export const EVENTSOURCE_POD_LABEL = 'eventsource-name';

/** Props of {@link PipelineEvents}. */
export interface PipelineEventsProps {
  /** The platform half (namespace, CRDs, the webhook token Secret). */
  readonly events: ArgoEvents;
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /** Size of each JetStream volume. @default '10Gi' (prod), '5Gi' (dev) */
  readonly volumeSize?: string;
  /** StorageClass of the JetStream volumes. @default 'gp3-encrypted' */
  readonly storageClassName?: string;
  /** How long the bus keeps events (Go duration). @default '72h' */
  readonly maxAge?: string;
  /** Namespace Alertmanager runs in. @default 'monitoring' */
  readonly alertmanagerNamespace?: string;
}

const schema = Schemas.object({
  events: Schemas.construct('an ArgoEvents', { namespaceName: z.string() }),
  preset: presetSchema.optional(),
  volumeSize: Schemas.quantity().optional(),
  storageClassName: Schemas.k8sName().optional(),
  maxAge: Schemas.duration().optional(),
  alertmanagerNamespace: Schemas.k8sName().optional(),
});

/** EventBus, the alert webhook EventSource and its NetworkPolicy. */
export class PipelineEvents extends Construct {
  public readonly eventBus: KubernetesManifest;
  public readonly alertWebhook: KubernetesManifest;
  public readonly webhookPolicy: KubernetesNetworkPolicyV1;
  /** Namespace of the bus, EventSources and Sensors. */
  public readonly namespace: string;
  /** Name of the EventBus. */
  public readonly eventBusName: string = PIPELINE_DEFAULTS.eventBusName;
  /** Name of the shared alert webhook EventSource and of its event. */
  public readonly alertEventSource = { name: PIPELINE_DEFAULTS.alertWebhookEventSource, event: 'alert' } as const;

  constructor(scope: Construct, id: string, props: PipelineEventsProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'PipelineEvents');
    const preset = props.preset ?? 'prod';
    const replicas = byPreset(preset, { dev: 1, prod: 3 });
    this.namespace = props.events.namespaceName;
    const labels = { [PIPELINE_LABELS.component]: 'pipeline-events' };
    const resources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } };
    const sidecar = { resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, securityContext: containerSecurityContext(true) };
    this.eventBus = new KubernetesManifest(this, 'event-bus', {
      manifest: {
        apiVersion: ARGO_API_VERSION,
        kind: ARGO_KINDS.eventBus,
        metadata: { name: this.eventBusName, namespace: this.namespace, labels },
        spec: {
          jetstream: {
            version: JETSTREAM_VERSION,
            replicas,
            persistence: {
              storageClassName: props.storageClassName ?? MONITORING_DEFAULTS.storageClass,
              accessMode: 'ReadWriteOnce',
              volumeSize: props.volumeSize ?? byPreset(preset, { dev: '5Gi', prod: '10Gi' }),
            },
            streamConfig: `maxAge: ${props.maxAge ?? '72h'}\nreplicas: ${replicas}\n`,
            nodeSelector: systemNodeSelector(),
            securityContext: podSecurityContext(ARGO_EVENTS_USER, ARGO_EVENTS_USER),
            containerTemplate: { resources, securityContext: containerSecurityContext(false) },
            reloaderContainerTemplate: sidecar,
            metricsContainerTemplate: sidecar,
          },
        },
      },
    });

    const d = PIPELINE_DEFAULTS;
    this.alertWebhook = new KubernetesManifest(this, 'alert-webhook', {
      manifest: {
        apiVersion: ARGO_API_VERSION,
        kind: ARGO_KINDS.eventSource,
        metadata: { name: this.alertEventSource.name, namespace: this.namespace, labels },
        spec: {
          eventBusName: this.eventBusName,
          replicas: 1,
          template: {
            nodeSelector: systemNodeSelector(),
            securityContext: podSecurityContext(ARGO_EVENTS_USER, ARGO_EVENTS_USER),
            container: { resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } }, securityContext: containerSecurityContext() },
          },
          service: { ports: [{ port: d.alertWebhookPort, targetPort: d.alertWebhookPort }] },
          webhook: {
            [this.alertEventSource.event]: {
              port: String(d.alertWebhookPort),
              endpoint: d.alertWebhookEndpoint,
              method: 'POST',
              url: '',
              authSecret: { name: ALERT_WEBHOOK_SECRET.name, key: ALERT_WEBHOOK_SECRET.key },
              maxPayloadSize: 1048576,
            },
          },
        },
      },
      dependsOn: [this.eventBus],
    });

    this.webhookPolicy = new KubernetesNetworkPolicyV1(this, 'alert-webhook-ingress', {
      metadata: { name: 'alert-webhook-ingress', namespace: this.namespace, labels },
      spec: {
        podSelector: { matchLabels: { [EVENTSOURCE_POD_LABEL]: this.alertEventSource.name } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.alertmanagerNamespace ?? MONITORING_DEFAULTS.namespace } } }],
            ports: [{ port: String(d.alertWebhookPort), protocol: 'TCP' }],
          },
        ],
      },
    });
  }
}
