import { App, TerraformStack } from 'cdktf';
import { HelmChart } from '../../../src/core/helm-chart';
import { CHARTS } from '../../../src/core/versions';
import { existingSecret, GeneratedSecret, rdsManagedMasterUserSecret, SecretStore, SyncedSecret } from '../../../src/core/secrets';
import { cloudStack, platformStack, resourceAt, synth, testApp, workloadsStack } from '../../helpers/synth';

const RDS_SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf';
const DEFAULTS = { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' };

function setup() {
  const app = testApp();
  const cloud = cloudStack(app);
  const db = new GeneratedSecret(cloud, 'db', { secretName: 'mlops/dev/mlflow/db', jsonFields: { username: 'mlflow' } });
  const token = new GeneratedSecret(cloud, 'token', { secretName: 'mlops/dev/qdrant/api-key' });
  const stack = workloadsStack(app);
  const store = new SecretStore(stack, 'store');
  return { app, cloud, db, token, stack, store };
}

function manifestOf(stack: TerraformStack, path: string) {
  return resourceAt(synth(stack), 'kubernetes_manifest', path);
}

describe('SecretStore', () => {
  test('ClusterSecretStore for Secrets Manager with the controller identity (no credentials)', () => {
    const { stack, store } = setup();
    const r = manifestOf(stack, 'store/store');
    expect(r.manifest).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name: 'aws-secrets-manager' },
      spec: { provider: { aws: { service: 'SecretsManager', region: 'us-east-1' } } },
    });
    expect([store.storeName, store.storeKind]).toEqual(['aws-secrets-manager', 'ClusterSecretStore']);
  });

  test('an ExternalSecret waits for its store only when the store is in its own stack', () => {
    const app = new App();
    const a = workloadsStack(app);
    const store = new SecretStore(a, 'store');
    expect(store.storeResource).toBe(store.manifest);
    const db = existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf' });
    new SyncedSecret(a, 'same', { store, source: db, namespace: 'mlflow' });
    new SyncedSecret(a, 'external', { store: { storeName: 'other', storeKind: 'ClusterSecretStore' }, source: db, namespace: 'mlflow' });
    expect(manifestOf(a, 'same/external-secret').depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.store_/)]);
    expect(manifestOf(a, 'external/external-secret').depends_on).toBeUndefined();
  });

  test('namespaces restrict who may use it', () => {
    const stack = workloadsStack();
    new SecretStore(stack, 'store', { name: 'platform-secrets', namespaces: ['mlflow', 'feast'], region: 'eu-west-1' });
    expect(manifestOf(stack, 'store/store').manifest.spec).toEqual({
      provider: { aws: { service: 'SecretsManager', region: 'eu-west-1' } },
      conditions: [{ namespaces: ['feast', 'mlflow'] }],
    });
  });

  test('validation and layer', () => {
    expect(() => new SecretStore(workloadsStack(), 'store', { namespaces: [] })).toThrow(
      'test-workloads/store: namespaces = [] is empty; list the namespaces or omit the prop to allow all',
    );
    expect(() => new SecretStore(new TerraformStack(new App(), 'plain'), 'store')).toThrow(
      'plain/store: region = (missing) is required outside a WorkloadsStack; pass the region of the secrets',
    );
    expect(() => new SecretStore(platformStack(), 'store')).toThrow(
      'test-platform/store: SecretStore belongs in the workloads layer but was created in platform stack "test-platform"',
    );
  });
});

describe('SyncedSecret', () => {
  test('whole JSON secret: dataFrom.extract by name, Owner, waits for Ready', () => {
    const { stack, store, db } = setup();
    const synced = new SyncedSecret(stack, 'mlflow-db', { store, source: db, namespace: 'mlflow' });
    const { '//': _m, ...r } = manifestOf(stack, 'mlflow-db/external-secret');
    expect(r).toEqual({
      // the store is in the same stack: the ExternalSecret waits for it on the first apply
      depends_on: [expect.stringMatching(/^kubernetes_manifest\.store_[A-F0-9]{8}$/)],
      manifest: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'mlflow-db', namespace: 'mlflow' },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
          target: { name: 'mlflow-db', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          dataFrom: [{ extract: { key: 'mlops/dev/mlflow/db', ...DEFAULTS } }],
        },
      },
      wait: { condition: [{ type: 'Ready', status: 'True' }] },
      timeouts: { create: '10m', update: '10m' },
    });
    expect([synced.secretName, synced.namespace, synced.keys]).toEqual(['mlflow-db', 'mlflow', ['password', 'username']]);
    expect(synced.secretKeyRef('password')).toEqual({ name: 'mlflow-db', key: 'password' });
    expect(synced.envVar('DB_PASSWORD', 'password')).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'mlflow-db', key: 'password' } } });
    expect(() => synced.secretKeyRef('DSN')).toThrow(
      'test-workloads/mlflow-db: secretKeyRef(key) = "DSN" is not a key of Secret "mlflow-db" (password, username); use one of them',
    );
  });

  test('selected properties, template with merge, custom name and refresh', () => {
    const { stack, store, db } = setup();
    const synced = new SyncedSecret(stack, 'dsn', {
      store,
      source: db,
      namespace: 'mlflow',
      secretName: 'mlflow-backend-store',
      properties: { PGUSER: 'username', PGPASSWORD: 'password' },
      template: { DSN: 'postgresql://{{ .PGUSER }}:{{ .PGPASSWORD | urlquery }}@db.internal:5432/mlflow' },
      mergeTemplate: true,
      refreshInterval: '15m',
      waitForReady: false,
    });
    const r = manifestOf(stack, 'dsn/external-secret');
    expect(r.wait).toBeUndefined();
    expect(r.manifest.spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: {
        name: 'mlflow-backend-store',
        creationPolicy: 'Owner',
        deletionPolicy: 'Retain',
        template: {
          engineVersion: 'v2',
          mergePolicy: 'Merge',
          type: 'Opaque',
          data: { DSN: 'postgresql://{{ .PGUSER }}:{{ .PGPASSWORD | urlquery }}@db.internal:5432/mlflow' },
        },
      },
      data: [
        { secretKey: 'PGPASSWORD', remoteRef: { key: 'mlops/dev/mlflow/db', property: 'password', ...DEFAULTS } },
        { secretKey: 'PGUSER', remoteRef: { key: 'mlops/dev/mlflow/db', property: 'username', ...DEFAULTS } },
      ],
    });
    expect(synced.keys).toEqual(['DSN', 'PGPASSWORD', 'PGUSER']);
  });

  test('template without merge keeps only the templated keys', () => {
    const { stack, store, db } = setup();
    const synced = new SyncedSecret(stack, 'dsn', { store, source: db, namespace: 'mlflow', template: { DSN: 'x://{{ .username }}' } });
    expect(manifestOf(stack, 'dsn/external-secret').manifest.spec.target.template.mergePolicy).toBe('Replace');
    expect(synced.keys).toEqual(['DSN']);
  });

  test('plain-string secret becomes one key', () => {
    const { stack, store, token } = setup();
    const synced = new SyncedSecret(stack, 'qdrant-api-key', { store, source: token, namespace: 'vectordb', valueKey: 'api-key' });
    expect(manifestOf(stack, 'qdrant-api-key/external-secret').manifest.spec.data).toEqual([
      { secretKey: 'api-key', remoteRef: { key: 'mlops/dev/qdrant/api-key', ...DEFAULTS } },
    ]);
    expect(synced.keys).toEqual(['api-key']);
  });

  test('RDS-managed master password secret syncs by ARN', () => {
    const { stack, store } = setup();
    const synced = new SyncedSecret(stack, 'rds', { store, source: rdsManagedMasterUserSecret(RDS_SECRET), namespace: 'mlflow', refreshInterval: '10m' });
    expect(manifestOf(stack, 'rds/external-secret').manifest.spec.dataFrom).toEqual([{ extract: { key: RDS_SECRET, ...DEFAULTS } }]);
    expect(synced.keys).toEqual(['password', 'username']);
  });

  test('a JSON secret with undeclared keys needs properties', () => {
    const { stack, store } = setup();
    const synced = new SyncedSecret(stack, 'ext', { store, source: existingSecret({ secretArn: RDS_SECRET }), namespace: 'a', properties: { token: 'token' } });
    expect(synced.keys).toEqual(['token']);
    expect(manifestOf(stack, 'ext/external-secret').manifest.spec.data).toEqual([{ secretKey: 'token', remoteRef: { key: RDS_SECRET, property: 'token', ...DEFAULTS } }]);
  });

  test('an app that needs the Secret at start depends on the manifest, in the workloads layer', () => {
    const { stack, store, db } = setup();
    const synced = new SyncedSecret(stack, 'mlflow-db', { store, source: db, namespace: 'mlflow' });
    new HelmChart(stack, 'app', { chart: CHARTS.mlflow, releaseName: 'mlflow', namespace: 'mlflow', dependsOn: [synced.manifest] });
    const json = synth(stack);
    expect(resourceAt(json, 'helm_release', 'app/release').depends_on).toEqual(['kubernetes_manifest.mlflow-db_external-secret_286FDA42']);
  });

  test('the ExternalSecret cannot share a stack with the chart that installs its CRD', () => {
    const app = testApp();
    const stack = workloadsStack(app);
    new HelmChart(stack, 'eso', { chart: CHARTS.externalSecrets, releaseName: 'external-secrets', namespace: 'external-secrets' });
    new SecretStore(stack, 'store');
    expect(() => synth(stack)).toThrow(/kubernetes_manifest\.store_4A1B5219 \(ClusterSecretStore external-secrets\.io\/v1 "aws-secrets-manager"\) is in the same stack as helm_release\.eso_release_[0-9A-F]+ \(chart external-secrets\)/);
  });

  describe('validation', () => {
    const path = 'test-workloads/s';
    test.each([
      [{ namespace: 'Bad' }, `${path}: namespace = "Bad" is not a DNS-1123 label`],
      [{ refreshInterval: '1 hour' }, `${path}: refreshInterval = "1 hour" is not a Go duration; use e.g. "1h", "15m" or "0s" (fetch once)`],
      [{ properties: { 'bad key!': 'password' } }, `${path}: properties.bad key! = "bad key!" is not a valid Kubernetes Secret key; use letters, digits, "-", "_" and "."`],
      [{ properties: { PW: 'pass' } }, `${path}: properties.PW = "pass" is not a property of the source (password, username); use one of them`],
      [{ valueKey: 'v' }, `${path}: valueKey = "v" applies to a plain-string source synced whole; with a JSON source or \`properties\`, name the keys in \`properties\``],
      [{ template: { DSN: 'postgresql://${user}' } }, `${path}: template.DSN = "postgresql://\${user}" contains "\${" or "%{", which Terraform would interpolate; ESO templates use {{ .key }}`],
      [{ mergeTemplate: true }, `${path}: mergeTemplate = true has no effect without \`template\`; add a template or drop mergeTemplate`],
      [{ secretName: 'UPPER' }, `${path}: secretName = "UPPER" is not a DNS-1123 subdomain; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit`],
    ])('%j', (props, message) => {
      const { stack, store, db } = setup();
      expect(() => new SyncedSecret(stack, 's', { store, source: db, namespace: 'mlflow', ...(props as object) })).toThrow(message);
    });

    test('a secret or store given as a string, or missing, is named with what to pass', () => {
      const { stack, store, db } = setup();
      expect(() => new SyncedSecret(stack, 'a', { store, source: RDS_SECRET as any, namespace: 'mlflow' })).toThrow(
        'test-workloads/a: source = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf" is not a valid Secrets Manager secret (a GeneratedSecret, or existingSecret({ secretArn }) for one created elsewhere); pass a Secrets Manager secret (a GeneratedSecret, or existingSecret({ secretArn }) for one created elsewhere)',
      );
      expect(() => new SyncedSecret(stack, 'b', { store: 'aws-secrets-manager' as any, source: db, namespace: 'mlflow' })).toThrow(
        'test-workloads/b: store = "aws-secrets-manager" is not a valid secret store (a SecretStore); pass a secret store (a SecretStore)',
      );
      expect(() => new SyncedSecret(stack, 'c', { store, namespace: 'mlflow' } as any)).toThrow(
        'test-workloads/c: source = (missing) is required; pass a Secrets Manager secret (a GeneratedSecret, or existingSecret({ secretArn }) for one created elsewhere)',
      );
      expect(() => existingSecret({ secretArn: 'my-secret' })).toThrow(
        'existingSecret: secretArn = "my-secret" is not a Secrets Manager secret ARN; pass arn:aws:secretsmanager:<region>:<account>:secret:<name>',
      );
    });

    test('namespace must be allowed by the store', () => {
      const { stack, db } = setup();
      const store = new SecretStore(stack, 'restricted', { name: 'restricted', namespaces: ['feast'] });
      expect(() => new SyncedSecret(stack, 's', { store, source: db, namespace: 'mlflow' })).toThrow(
        `${path}: namespace = "mlflow" may not use store "restricted" (allowed: feast); add the namespace to the SecretStore's namespaces`,
      );
    });

    test('belongs in the workloads layer', () => {
      const { app, db, store } = setup();
      expect(() => new SyncedSecret(platformStack(app), 's', { store, source: db, namespace: 'mlflow' })).toThrow(
        'test-platform/s: SyncedSecret belongs in the workloads layer but was created in platform stack "test-platform"',
      );
    });
  });
});
