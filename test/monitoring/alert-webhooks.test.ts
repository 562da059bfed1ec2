/** Alertmanager webhook receivers (`Monitoring({ alertWebhooks })`): routing, the token file, the chart's own routes kept. */
import { parse } from 'yaml';
import { GeneratedSecret } from '../../src/core/secrets/generated-secret';
import { Monitoring, MonitoringCloud } from '../../src/monitoring';
import { cloudStack, platformStack, resourceAt, resourceList, synth, testApp } from '../helpers/synth';
import { errorOf } from './fixtures';

function build(webhooks: (token: GeneratedSecret) => any[]) {
  const app = testApp();
  const cloud = cloudStack(app);
  const token = new GeneratedSecret(cloud, 'token', { secretName: 'test/dev/token', version: 3 });
  const platform = platformStack(app);
  const monitoring = new Monitoring(platform, 'monitoring', { cloud: new MonitoringCloud(cloud, 'monitoring'), alertWebhooks: webhooks(token) });
  return { monitoring, json: synth(platform) };
}

const hook = (token: GeneratedSecret, name = 'argo-events') => ({ name, url: 'http://alertmanager-eventsource-svc.argo-events.svc.cluster.local:12000/alerts', alertNames: ['MlopsModelDrift'], token, groupBy: ['alertname', 'model'] });

test('the alert goes to the webhook too (continue), with the bearer token read from a mounted Secret file', () => {
  const { json } = build((t) => [hook(t)]);
  const values = parse(resourceList(json, 'helm_release')[0].values[0]);
  expect(values.alertmanager.alertmanagerSpec.secrets).toEqual(['alert-webhook-argo-events']);
  expect(values.alertmanager.config.route.routes).toEqual([
    { matchers: ['alertname = "Watchdog"'], receiver: 'null' },
    { receiver: 'argo-events', matchers: ['alertname =~ "MlopsModelDrift"'], group_by: ['alertname', 'model'], repeat_interval: '24h', continue: true },
  ]);
  expect(values.alertmanager.config.receivers).toEqual([
    { name: 'null' },
    {
      name: 'argo-events',
      webhook_configs: [
        {
          url: 'http://alertmanager-eventsource-svc.argo-events.svc.cluster.local:12000/alerts',
          send_resolved: false,
          http_config: { authorization: { type: 'Bearer', credentials_file: '/etc/alertmanager/secrets/alert-webhook-argo-events/token' } },
        },
      ],
    },
  ]);
  // the chart's own route settings (group_by namespace, receiver null) are not replaced
  expect(values.alertmanager.config.route.receiver).toBeUndefined();
});

test('the token reaches the cluster write-only, before the release, and is rewritten when its version changes', () => {
  const { json } = build((t) => [hook(t)]);
  const secret = resourceAt(json, 'kubernetes_secret_v1', 'monitoring/alert-webhook-argo-events/secret');
  expect([secret.metadata.name, secret.metadata.namespace, Object.keys(secret.data_wo), secret.data_wo_revision]).toEqual(['alert-webhook-argo-events', 'monitoring', ['token'], 3]);
  const release = resourceList(json, 'helm_release')[0];
  expect(release.depends_on).toContain(`kubernetes_secret_v1.${Object.keys(json.resource!.kubernetes_secret_v1).find((k) => k.startsWith('monitoring_alert-webhook'))}`);
  expect(JSON.stringify(release.values)).not.toContain('random_password');
});

test('no webhooks: the chart\'s alertmanager config is untouched', () => {
  const { json } = build(() => []);
  const values = parse(resourceList(json, 'helm_release')[0].values[0]);
  expect(values.alertmanager.config).toBeUndefined();
  expect(values.alertmanager.alertmanagerSpec.secrets).toBeUndefined();
});

test('bad webhooks are refused', () => {
  expect(errorOf(() => build((t) => [hook(t), hook(t)]))).toBe('test-platform/monitoring: alertWebhooks = "argo-events" names two receivers the same; give each webhook its own name');
  expect(errorOf(() => build((t) => [{ ...hook(t), alertNames: ['Mlops Drift'] }]))).toBe('test-platform/monitoring: alertWebhooks[0].alertNames[0] = "Mlops Drift" is not a Prometheus alert name');
});
