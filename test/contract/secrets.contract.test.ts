/**
 * Contract of the secrets foundation with upstream External Secrets Operator helm-chart-2.9.0:
 * ExternalSecret and ClusterSecretStore validate against its CRDs (and set no field the CRD does not
 * define — the API server would prune it silently), and every Helm value set exists in the chart's
 * values.yaml and validates against its values.schema.json.
 */
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { CHARTS } from '../../src/core/versions';
import { externalSecretsValues } from '../../src/core/secrets';
import { chartSchema, chartValues, crdSchemas, undefinedFields, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';
import { secretsScenario } from '../core/secrets/scenario';

/**
 * The external-secrets chart's values.schema.json declares JSON Schema draft 2020-12, which the
 * shared `validateAgainstChartSchema` (ajv's draft-07 default) cannot compile ("no schema with key or
 * ref https://json-schema.org/draft/2020-12/schema"); validate with ajv's 2020-12 build instead.
 */
function validateAgainst2020Schema(values: unknown, schema: object): string[] {
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('secrets contract (external-secrets helm-chart-2.9.0)', () => {
  const scenario = secretsScenario();
  const manifests = Object.values(scenario.workloads.resource!.kubernetes_manifest).map((r: any) => r.manifest);

  test('the pinned chart is the one the upstream data describes', () => {
    expect(CHARTS.externalSecrets).toEqual({ chart: 'external-secrets', repository: 'https://charts.external-secrets.io', version: '2.9.0' });
  });

  test('every custom resource validates against its CRD', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ClusterSecretStore/aws-secrets-manager',
      'ExternalSecret/mlflow-db',
      'ExternalSecret/qdrant-key',
      'ExternalSecret/feast-registry',
    ]);
    for (const m of manifests) expect({ name: m.metadata.name, errors: validateCustomResource(m) }).toEqual({ name: m.metadata.name, errors: [] });
  });

  test('no field outside the CRD schema (the API server would prune it)', () => {
    for (const m of manifests) {
      const schema = crdSchemas().get(`${m.apiVersion}/${m.kind}`)!.schema as any;
      expect({ name: m.metadata.name, unknown: undefinedFields({ spec: m.spec }, schema) }).toEqual({ name: m.metadata.name, unknown: [] });
    }
  });

  test('the validators would catch a wrong enum and an unknown field', () => {
    const bad = { ...manifests[1], spec: { ...manifests[1].spec, target: { ...manifests[1].spec.target, creationPolicy: 'Always', bogus: 1 } } };
    expect(validateCustomResource(bad).join('\n')).toContain('/spec/target/creationPolicy must be equal to one of the allowed values');
    const schema = crdSchemas().get('external-secrets.io/v1/ExternalSecret')!.schema;
    expect(undefinedFields({ spec: bad.spec }, schema)).toEqual(['.spec.target.bogus']);
  });

  test('Helm values exist in the chart and validate against values.schema.json', () => {
    const defaults = chartValues('external-secrets');
    const schema = chartSchema('external-secrets');
    expect(schema).toBeDefined();
    const synthesized = Object.values(scenario.platform.resource!.helm_release).flatMap((r: any) => r.values.map((v: string) => parse(v)));
    for (const values of [...synthesized, externalSecretsValues('external-secrets', { preset: 'dev' })]) {
      expect(unknownValuePaths(values, defaults)).toEqual([]);
      expect(validateAgainst2020Schema(values, schema)).toEqual([]);
    }
  });

  test('the schema validator rejects a wrong type (so the check above can fail)', () => {
    const schema = chartSchema('external-secrets');
    expect(validateAgainst2020Schema({ replicaCount: 'two', webhook: { podDisruptionBudget: { enabled: 'yes' } } }, schema)).toEqual([
      '/replicaCount must be integer {"type":"integer"}',
      '/webhook/podDisruptionBudget/enabled must be boolean {"type":"boolean"}',
    ]);
    // The shared helper picks the draft 2020-12 validator for this schema and agrees.
    expect(validateAgainstChartSchema({ replicaCount: 'two' }, schema)).toEqual(['/replicaCount must be integer {"type":"integer"}']);
  });

  test('the chart defaults this construct relies on', () => {
    const defaults = chartValues('external-secrets');
    // CRDs come with the release; webhook and cert controller are deployed.
    expect([defaults.installCRDs, defaults.webhook.create, defaults.certController.create, defaults.serviceAccount.create]).toEqual([true, true, true, true]);
    // The CRDs served at v1 (the apiVersion the library emits).
    expect(crdSchemas().has('external-secrets.io/v1/ExternalSecret')).toBe(true);
    expect(crdSchemas().has('external-secrets.io/v1/ClusterSecretStore')).toBe(true);
  });
});
