/**
 * `ArgoEventsCloud` (cloud layer; the token moves to the data layer with the other secrets): the
 * bearer token Alertmanager presents to the Argo Events webhook that turns alerts (the drift alert)
 * into pipeline runs — a {@link GeneratedSecret}, never in JSON, plan or state — and
 * {@link ArgoEventsCloud.alertWebhook}, the receiver to give `Monitoring({ alertWebhooks })`.
 *
 * The webhook's address is fixed by the library's names (the shared `alertmanager` EventSource that
 * `PipelineEvents` creates in namespace `argo-events`), so Monitoring can be configured before the
 * workloads layer exists.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { failProp, Schemas, validateProps } from '../core/validation';
import { DRIFT_ALERT_NAME } from '../monitoring/constants';
import { AlertWebhook } from '../monitoring/alert-webhooks';
import { PIPELINE_DEFAULTS } from './constants';

/** In-cluster URL of the shared alert webhook EventSource. */
export function alertWebhookUrl(): string {
  const d = PIPELINE_DEFAULTS;
  return `http://${d.alertWebhookEventSource}-eventsource-svc.${d.eventsNamespace}.svc.cluster.local:${d.alertWebhookPort}${d.alertWebhookEndpoint}`;
}

/** Props of {@link ArgoEventsCloud}. */
export interface ArgoEventsCloudProps {
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /** Customer managed KMS key of the token secret. @default - `aws/secretsmanager` */
  readonly kmsKeyArn?: string;
  /** Version of the token: bump it to rotate. @default 1 */
  readonly tokenVersion?: number;
  /**
   * How often Alertmanager re-sends a still-firing drift alert (each notification may start a run;
   * a running pipeline holds its lock, so re-sends queue at most one more run).
   * @default '24h'
   */
  readonly repeatInterval?: string;
  /** Prefix of Secrets Manager names. @default - `<project>/<environment>` of the enclosing stack */
  readonly secretsPrefix?: string;
}

const schema = Schemas.object({
  preset: presetSchema.optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  tokenVersion: Schemas.positiveInt('version').optional(),
  repeatInterval: Schemas.promDuration('"24h"').optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
});

/** The alert webhook's token and receiver. */
export class ArgoEventsCloud extends Construct {
  /** The bearer token (plain string). */
  public readonly alertWebhookToken: GeneratedSecret;
  /** The Alertmanager receiver for the drift alert: pass it to `Monitoring({ alertWebhooks })`. */
  public readonly alertWebhook: AlertWebhook;

  constructor(scope: Construct, id: string, props: ArgoEventsCloudProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'ArgoEventsCloud');
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    if (!mlops && props.secretsPrefix === undefined) failProp(this, 'secretsPrefix', undefined, 'is required outside a library stack; e.g. "mlops/dev"');
    const prefix = props.secretsPrefix ?? `${mlops!.project}/${mlops!.environment}`;
    this.alertWebhookToken = new GeneratedSecret(this, 'alert-webhook-token', {
      secretName: `${prefix}/argo-events/alert-webhook-token`,
      description: 'Bearer token Alertmanager presents to the Argo Events alert webhook',
      kmsKeyArn: props.kmsKeyArn,
      password: { length: 48, excludePunctuation: true },
      version: props.tokenVersion,
      preset: props.preset,
    });
    this.alertWebhook = {
      name: PIPELINE_DEFAULTS.alertWebhookReceiver,
      url: alertWebhookUrl(),
      alertNames: [DRIFT_ALERT_NAME],
      token: this.alertWebhookToken,
      // one model per notification: the Sensors match `commonLabels.model`
      groupBy: ['alertname', 'model'],
      repeatInterval: props.repeatInterval ?? '24h',
    };
  }
}
