/**
 * Contract test over everything the reference stack sets synthesize: every kubernetes_manifest
 * validates against its CRD in ../shared/upstream/crds, and every helm_release sets only values that
 * exist in its pinned chart's defaults (../shared/upstream/charts). Component contract tests go
 * deeper (values.schema.json, CEL rules); this one guarantees nothing in a reference stack escapes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { buildReferenceStacks } from '../../stacks/app';
import { CHART_CONTRACTS } from './chart-contracts';
import { chartSchema, chartValues, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
const app = new App({ outdir, skipBackendValidation: true });
buildReferenceStacks(app);
app.synth();
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

interface Found {
  stack: string;
  address: string;
  body: any;
}

function collect(type: string): Found[] {
  const out: Found[] = [];
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    for (const [name, body] of Object.entries<any>(json.resource?.[type] ?? {})) out.push({ stack, address: `${type}.${name}`, body });
  }
  return out;
}

/**
 * Kinds whose CRD is neither in ../shared/upstream nor a fixture: none. (EnvoyProxy's is in
 * ../shared/upstream/crds/envoy-gateway; Backend and BackendTrafficPolicy are fixtures of Envoy
 * Gateway v1.9.0, test/contract/fixtures/envoy-gateway-v1.9.0.)
 */
const UNVALIDATED_KINDS: string[] = [];

describe('reference stacks against upstream contracts', () => {
  const manifests = collect('kubernetes_manifest');
  const releases = collect('helm_release');

  test('every custom resource validates against its CRD (upstream data or a fixture copied with its source)', () => {
    const unvalidated = (m: { body: any }) => UNVALIDATED_KINDS.includes(`${m.body.manifest.apiVersion}/${m.body.manifest.kind}`);
    const failures = manifests.filter((m) => !unvalidated(m)).flatMap((m) => validateCustomResource(m.body.manifest).map((e) => `${m.stack} ${m.address}: ${e}`));
    expect(failures).toEqual([]);
    expect([...new Set(manifests.filter(unvalidated).map((m) => `${m.body.manifest.apiVersion}/${m.body.manifest.kind}`))]).toEqual(UNVALIDATED_KINDS);
  });

  test('every Helm release uses a pinned chart whose upstream values are known', () => {
    const unknown = releases.filter((r) => !CHART_CONTRACTS[r.body.chart]).map((r) => `${r.address}: chart ${r.body.chart}`);
    expect(unknown).toEqual([]);
    for (const r of releases) expect({ address: r.address, version: r.body.version }).toEqual({ address: r.address, version: CHART_CONTRACTS[r.body.chart].version });
  });

  test('every Helm value set exists in the pinned chart', () => {
    const problems: string[] = [];
    for (const r of releases) {
      const contract = CHART_CONTRACTS[r.body.chart];
      if (!contract?.valuesDir) continue;
      const values = (r.body.values ?? []).map((v: string) => parse(v) ?? {});
      for (const v of values) {
        for (const p of unknownValuePaths(v, chartValues(contract.valuesDir), [...(contract.freeForm ?? [])])) problems.push(`${r.stack} ${r.address} (${r.body.chart}): ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('Helm values of charts that ship values.schema.json validate against it (user values merged over defaults)', () => {
    const problems: string[] = [];
    for (const r of releases) {
      const contract = CHART_CONTRACTS[r.body.chart];
      const schema = contract?.valuesDir ? chartSchema(contract.valuesDir) : undefined;
      if (!schema) continue;
      for (const text of r.body.values ?? []) {
        const merged = mergeValues(chartValues(contract.valuesDir!), parse(text) ?? {});
        for (const e of validateAgainstChartSchema(merged, schema)) problems.push(`${r.stack} ${r.address} (${r.body.chart}): ${e}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Helm's merge of user values over chart defaults (maps merge, everything else replaces). */
function mergeValues(base: any, over: any): any {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: any = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v === null ? undefined : mergeValues(base[k], v);
  return out;
}

function isMap(v: any): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

