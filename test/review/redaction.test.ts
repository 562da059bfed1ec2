/**
 * Secret redaction: values are replaced by the marker when the change is built, so neither the
 * Markdown nor `--json` can print them; secrets are found by key at any depth, in env-style
 * `{name, value}` pairs, in write-only attributes, in Secret manifests and in expressions that are
 * more than a pure reference.
 */
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { App } from 'cdktf';
import { runCli } from '../../src/cli/run';
import { diffAttributes } from '../../src/review/attributes';
import { embedsSecret, isPlaceholder, isPureReference, isSecretSegment } from '../../src/review/redact';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan, toStableJson } from '../../src/review/review';
import { cloudStack, platformStack, workloadsStack } from '../helpers/synth';
import { section, synthApp, synthPair, tempDir, Variant } from './fixtures';

const LITERALS = ['hunter', 'smtp-literal-pw', 'env-literal-pw', 'wo-literal-pw', 'manifest-literal-pw', 'bWFuaWZlc3Q', 'expr-literal-pw', 'json-literal-pw', 'yaml-literal-pw', 'url-literal-pw'];

function build(app: App, v: Variant): void {
  const base = v === 'base';
  const cloud = cloudStack(app);
  new DbInstance(cloud, 'db', {
    identifier: 'mlops-db',
    engine: 'postgres',
    instanceClass: 'db.t4g.micro',
    allocatedStorage: 20,
    storageEncrypted: true,
    username: 'mlflow',
    password: base ? '${"hunter2"}' : '${"hunter3"}',
  });
  new SecretsmanagerSecretVersion(cloud, 'secret-value', {
    secretId: 'mlops/db',
    secretString: base ? '${jsonencode({user="a"})}' : '${jsonencode({user="a", password="expr-literal-pw"})}',
  });
  const platform = platformStack(app);
  new Release(platform, 'monitoring', {
    name: 'monitoring',
    namespace: 'monitoring',
    repository: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '79.0.0',
    values: [base ? 'grafana:\n  enabled: true\n' : 'grafana:\n  enabled: true\n  smtp:\n    host: smtp.example.com\n    password: smtp-literal-pw\n'],
  });
  new SecretV1(platform, 'wo', { metadata: { name: 'wo', namespace: 'default' }, dataWo: base ? undefined : { password: 'wo-literal-pw' }, dataWoRevision: base ? undefined : 1 });
  new ConfigMapV1(platform, 'settings', {
    metadata: { name: 'settings', namespace: 'default' },
    data: {
      'app.yaml': base ? 'db:\n  host: db\n' : 'db:\n  host: db\n  password: yaml-literal-pw\n',
      url: base ? 'postgres://db:5432/app' : 'postgres://app:url-literal-pw@db:5432/app',
      json: base ? '${jsonencode({a=1})}' : '${jsonencode({a=1, password="json-literal-pw"})}',
    },
  });
  const workloads = workloadsStack(app);
  new Manifest(workloads, 'app', {
    manifest: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app', namespace: 'default' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:1.0.0',
                env: [
                  { name: 'LOG_LEVEL', value: base ? 'info' : 'debug' },
                  { name: 'DB_PASSWORD', value: base ? 'env-literal-pw-old' : 'env-literal-pw' },
                ],
              },
            ],
          },
        },
      },
    },
  });
  new Manifest(workloads, 'secret', {
    manifest: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', namespace: 'default' },
      stringData: { user: 'app', pass: base ? 'manifest-literal-pw-old' : 'manifest-literal-pw' },
      data: { pass: base ? 'b2xk' : 'bWFuaWZlc3Q=' },
    },
  });
}

function review(): { md: string; json: string } {
  const { base, head } = synthPair(build);
  const r = reviewPlan(base, head);
  return { md: renderReviewMarkdown(r), json: toStableJson(r) };
}

test('no literal secret reaches the Markdown or the JSON', () => {
  const { md, json } = review();
  for (const secret of LITERALS) {
    expect(md).not.toContain(secret);
    expect(json).not.toContain(secret);
  }
});

test('secrets by key at any depth, env pairs, write-only attributes, Secret manifests and expressions', () => {
  const { md } = review();
  // the real provider replaces a secret version whose secret_string changes (scripts/force-new/aws-facts.json)
  expect(section(md, '#### `test-cloud` (+0 ~1 -/+1 -0)')).toEqual([
    '#### `test-cloud` (+0 ~1 -/+1 -0)',
    '- `~` `aws_db_instance.db` (`test-cloud/db`)',
    '  - `password`: (redacted) → (redacted)',
    '- `-/+` `aws_secretsmanager_secret_version.secret-value` (`test-cloud/secret-value`) replaced (`secret_string` forces replacement)',
    '  - `secret_string`: (redacted) → (redacted)',
  ]);
  expect(section(md, '#### `test-platform` (+0 ~3 -/+0 -0)')).toEqual([
    '#### `test-platform` (+0 ~3 -/+0 -0)',
    '- `~` `helm_release.monitoring` (`test-platform/monitoring`)',
    '  - `values[0].grafana.smtp`: (absent) → `{"host":"smtp.example.com","password":"(redacted)"}`',
    '- `~` `kubernetes_config_map_v1.settings` (`test-platform/settings`)',
    '  - `data."app.yaml"`: `db:\\n  host: db\\n` → (redacted)',
    '  - `data.json`: `${jsonencode({a=1})}` → (redacted)',
    '  - `data.url`: `postgres://db:5432/app` → (redacted)',
    '- `~` `kubernetes_secret_v1.wo` (`test-platform/wo`)',
    '  - `data_wo`: (absent) → `{"password":"(redacted)"}`',
    '  - `data_wo_revision`: (absent) → `1`',
  ]);
  expect(section(md, '#### `test-workloads` (+0 ~2 -/+0 -0)')).toEqual([
    '#### `test-workloads` (+0 ~2 -/+0 -0)',
    '- `~` `kubernetes_manifest.app` (`test-workloads/app`)',
    '  - `manifest.spec.template.spec.containers[0].env[0].value`: `info` → `debug`',
    '  - `manifest.spec.template.spec.containers[0].env[1].value`: (redacted) → (redacted)',
    '- `~` `kubernetes_manifest.secret` (`test-workloads/secret`)',
    '  - `manifest.data.pass`: (redacted) → (redacted)',
    '  - `manifest.stringData.pass`: (redacted) → (redacted)',
  ]);
});

test('diff --json carries the marker, not the values', async () => {
  const base = tempDir('redact-');
  const head = tempDir('redact-');
  synthApp((app) => build(app, 'base'), 'base', base);
  synthApp((app) => build(app, 'head'), 'head', head);
  const out: string[] = [];
  await runCli(['diff', base, head, '--json'], { out: (l) => out.push(l), err: () => undefined });
  const text = out.join('\n');
  for (const secret of LITERALS) expect(text).not.toContain(secret);
  const json = JSON.parse(text);
  const db = json.stacks.find((s: any) => s.stack === 'test-cloud').changes.find((c: any) => c.address === 'aws_db_instance.db');
  expect(db.changes).toEqual([{ path: 'password', before: '(redacted)', after: '(redacted)', redacted: true }]);
});

test('a pure reference stays visible on its side; the literal side is redacted', () => {
  expect(diffAttributes('aws_db_instance', { password: '${random_password.p.result}' }, { password: 'plain' })).toEqual([
    { path: 'password', before: '${random_password.p.result}', after: '(redacted)', redacted: true },
  ]);
  expect(diffAttributes('helm_release', { set: [{ name: 'auth.password', value: 'a' }] }, { set: [{ name: 'auth.password', value: 'b' }] })).toEqual([
    { path: 'set[0].value', before: '(redacted)', after: '(redacted)', redacted: true },
  ]);
  expect(['${aws_x.y.z}', '${data.terraform_remote_state.cross-stack-reference-input-a.outputs.b}', '${var.password}', '${aws_x.y[0].z}'].map(isPureReference)).toEqual([true, true, true, true]);
  expect(['${"hunter2"}', '${jsonencode({password="x"})}', '${base64encode(aws_x.y.z)}', 'prefix-${aws_x.y.z}', '${aws_x.y["k"]}'].map(isPureReference)).toEqual([false, false, false, false, false]);
});

test('strings that embed a secret literal, and placeholders that do not', () => {
  const feast = '${base64encode("online_store:\\n  connection_string: ${aws_x.y.address}:6379,ssl=true,password=$FEAST_REDIS_PASSWORD\\n")}';
  expect(embedsSecret(feast)).toBe(false);
  expect(embedsSecret(feast.replace('$FEAST_REDIS_PASSWORD', 'hunter2'))).toBe(true);
  expect(embedsSecret('auth:\n  password: {{ .Values.pw }}\n  token: ${aws_x.y.z}\n')).toBe(false);
  expect(embedsSecret('redis://:${aws_x.y.z}@host:6379')).toBe(false);
  expect(embedsSecret('redis://:pw@host:6379')).toBe(true);
  expect(embedsSecret('${x ? "a" : "b"}')).toBe(false);
});

test('references to secrets kept elsewhere and run-time placeholders are not redacted', () => {
  expect(['existingSecret', 'existingAdminSecret', 'passwordKey', 'usernameKey'].filter(isSecretSegment)).toEqual([]);
  expect(['$DB_PASSWORD', '${DB_PASSWORD}', '{{ .password }}', '{{ .password | urlquery | replace "%" "%%" }}', '{{- .value | substr 0 32 -}}'].map(isPlaceholder)).toEqual([true, true, true, true, true]);
  expect(['{{ "hunter2" }}', '{{ .x | printf "hunter2" }}', 'pw-$X', '$(cat /pw)'].map(isPlaceholder)).toEqual([false, false, false, false]);
  expect(diffAttributes('kubernetes_manifest', { manifest: { kind: 'ExternalSecret', spec: { target: { template: { data: { PASSWORD: '{{ .a }}' } } } } } }, { manifest: { kind: 'ExternalSecret', spec: { target: { template: { data: { PASSWORD: '{{ .b }}' } } } } } })).toEqual([
    { path: 'manifest.spec.target.template.data.PASSWORD', before: '{{ .a }}', after: '{{ .b }}' },
  ]);
});
