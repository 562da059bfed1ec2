/**
 * Contract of the MLflow tracking server with the pinned community `mlflow` chart (1.11.5, MLflow
 * 3.15.1): every Helm value the library sets (both presets, with and without ingress, with a
 * user-facing option set) is a key of the chart's values.yaml and validates against its
 * values.schema.json; the ExternalSecrets validate against the External Secrets CRDs.
 */
import { parse } from 'yaml';
import { deepMerge } from '../../src/core/merge';
import { CHARTS, IMAGES } from '../../src/core/versions';
import { MlflowValuesInput, mlflowValues } from '../../src/mlflow/mlflow-values';
import { onlyResource, resourceList } from '../helpers/synth';
import { chartSchema, chartValues, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';
import { mlflowFixture } from '../mlflow/fixture';

const DIR = 'mlflow-community';

const BASE: MlflowValuesInput = {
  preset: 'prod',
  releaseName: 'mlflow',
  namespace: 'mlflow',
  serviceAccount: 'mlflow',
  region: 'us-east-1',
  databaseHost: 'mlflow.abc123.us-east-1.rds.amazonaws.com',
  databasePort: 5432,
  databaseName: 'mlflow',
  databaseSecretName: 'mlflow-db',
  adminSecretName: 'mlflow-admin',
  bucketName: 'mlops-prod-mlflow-20250101000000000000000001',
  artifactPrefix: 'artifacts',
};

const CASES: Array<[string, MlflowValuesInput]> = [
  ['prod', BASE],
  ['dev', { ...BASE, preset: 'dev' }],
  ['ingress and options', { ...BASE, ingress: { host: 'mlflow.internal.example.com' }, replicas: 3, defaultPermission: 'NO_PERMISSIONS', nodeSelector: { pool: 'cpu' } }],
];

describe('mlflow contract (community chart 1.11.5)', () => {
  const defaults = chartValues(DIR);
  const schema = chartSchema(DIR);

  test('the pinned chart and image are the ones the upstream data describes', () => {
    expect(CHARTS.mlflow).toEqual({ chart: 'mlflow', repository: 'https://community-charts.github.io/helm-charts', version: '1.11.5' });
    // The chart's default image is burakince/mlflow with an empty tag (the app version, 3.15.1).
    expect([defaults.image.repository, defaults.image.tag, defaults.initImages.mlflowDbMigration.repository]).toEqual([IMAGES.mlflow.repository, '', IMAGES.mlflow.repository]);
    expect(IMAGES.mlflow.tag).toBe('3.15.1');
    expect(schema).toBeDefined();
  });

  test.each(CASES)('%s: every value is a key of values.yaml', (_name, input) => {
    expect(unknownValuePaths(mlflowValues(input), defaults)).toEqual([]);
  });

  // Helm validates the schema against the chart defaults coalesced with the user values.
  test.each(CASES)('%s: the values validate against values.schema.json', (_name, input) => {
    expect(validateAgainstChartSchema(deepMerge(defaults, mlflowValues(input)), schema)).toEqual([]);
  });

  test('the schema check can fail (a wrong type is reported)', () => {
    expect(validateAgainstChartSchema(deepMerge(defaults, { ...mlflowValues(BASE), replicaCount: 'two' }), schema)).toContain('/replicaCount must be integer {"type":"integer"}');
  });

  test('the synthesized release values (tokens and all) are keys of values.yaml and validate', () => {
    const values = parse(onlyResource(mlflowFixture().workloadsJson(), 'helm_release').values[0]);
    expect(unknownValuePaths(values, defaults)).toEqual([]);
    expect(validateAgainstChartSchema(deepMerge(defaults, values), schema)).toEqual([]);
  });

  test('the secret keys the library points the chart at are the ones the chart reads', () => {
    // templates/deployment.yaml reads existingDatabaseSecret.{usernameKey,passwordKey},
    // auth.existingAdminSecret.{usernameKey,passwordKey} and auth.postgres.existingSecret.{usernameKey,passwordKey}.
    expect(Object.keys(defaults.backendStore.existingDatabaseSecret).sort()).toEqual(['name', 'passwordKey', 'usernameKey']);
    expect(Object.keys(defaults.auth.existingAdminSecret).sort()).toEqual(['name', 'passwordKey', 'usernameKey']);
    expect(Object.keys(defaults.auth.postgres.existingSecret).sort()).toEqual(['name', 'passwordKey', 'usernameKey']);
    // No upstream default password is used: auth.adminPassword stays the chart's empty default.
    expect(defaults.auth.adminPassword).toBe('');
    expect(mlflowValues(BASE).auth).not.toHaveProperty('adminPassword');
  });

  test('the ExternalSecrets validate against the External Secrets CRDs', () => {
    const manifests = resourceList(mlflowFixture().workloadsJson(), 'kubernetes_manifest').map((r) => r.manifest);
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['ClusterSecretStore/aws-secrets-manager', 'ExternalSecret/mlflow-db', 'ExternalSecret/mlflow-admin', 'ExternalSecret/mlflow-client']);
    for (const m of manifests) expect({ name: m.metadata.name, errors: validateCustomResource(m) }).toEqual({ name: m.metadata.name, errors: [] });
  });
});
