/**
 * Alertmanager webhook receivers (`Monitoring({ alertWebhooks })`): alerts with the given names are
 * also POSTed to a URL with a bearer token — e.g. the drift alert to the Argo Events webhook that
 * starts a training pipeline.
 *
 * The token never enters values: `Monitoring` writes it into a Secret of the monitoring namespace
 * (write-only), the Alertmanager custom resource mounts that Secret (`alertmanagerSpec.secrets` →
 * `/etc/alertmanager/secrets/<secret>/`), and the receiver reads it with `http_config.authorization.
 * credentials_file`.
 *
 * Routes are children of the chart's root route with `continue: true`, so the alerts still reach
 * whatever other route matches them. kube-prometheus-stack 88.5.3's own `alertmanager.config` has a
 * `null` receiver and a `Watchdog → null` route; arrays replace on merge, so both are repeated here.
 */
import { PlainObject } from '../core/merge';
import { ISecretsManagerSecret } from '../core/secrets/secret-source';

/** An Alertmanager webhook receiver. */
export interface AlertWebhook {
  /** Receiver name (a Kubernetes name: it also names the token Secret). */
  readonly name: string;
  /** URL Alertmanager POSTs the notifications to. */
  readonly url: string;
  /** Names of the alerts routed to it. */
  readonly alertNames: readonly string[];
  /** Bearer token: a secret with a plain-string value, and its version (rewritten when it changes). */
  readonly token: ISecretsManagerSecret & { readonly version: number };
  /** Labels one notification groups by. @default ['alertname'] */
  readonly groupBy?: readonly string[];
  /** How often a notification for a still-firing group is sent again (Alertmanager duration). @default '24h' */
  readonly repeatInterval?: string;
}

/** Key of the token in its Secret. */
export const ALERT_WEBHOOK_TOKEN_KEY = 'token';

/** Name of the Secret holding a webhook's token in the monitoring namespace. */
export function alertWebhookSecretName(webhook: AlertWebhook): string {
  return `alert-webhook-${webhook.name}`;
}

/** Where Alertmanager finds a Secret listed in `alertmanagerSpec.secrets` (prometheus-operator mounts them there). */
export function alertmanagerSecretPath(secretName: string, key: string): string {
  return `/etc/alertmanager/secrets/${secretName}/${key}`;
}

/** The `alertmanager` values for the webhooks (deep-merged into the chart values). */
export function alertWebhookValues(webhooks: readonly AlertWebhook[]): PlainObject {
  if (webhooks.length === 0) return {};
  const sorted = [...webhooks].sort((a, b) => a.name.localeCompare(b.name));
  return {
    alertmanagerSpec: { secrets: sorted.map(alertWebhookSecretName) },
    config: {
      route: {
        routes: [
          // kube-prometheus-stack's own route, kept (the list replaces the chart's)
          { matchers: ['alertname = "Watchdog"'], receiver: 'null' },
          ...sorted.map((w) => ({
            receiver: w.name,
            matchers: [`alertname =~ "${[...w.alertNames].sort().join('|')}"`],
            group_by: [...(w.groupBy ?? ['alertname'])],
            repeat_interval: w.repeatInterval ?? '24h',
            continue: true,
          })),
        ],
      },
      receivers: [
        { name: 'null' },
        ...sorted.map((w) => ({
          name: w.name,
          webhook_configs: [
            {
              url: w.url,
              send_resolved: false,
              http_config: { authorization: { type: 'Bearer', credentials_file: alertmanagerSecretPath(alertWebhookSecretName(w), ALERT_WEBHOOK_TOKEN_KEY) } },
            },
          ],
        })),
      ],
    },
  };
}
