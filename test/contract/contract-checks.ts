/**
 * The contract checks over synthesized Terraform JSON, shared by the reference-stack and the
 * props-fuzz contract tests: every custom resource against its CRD, every Helm release against its
 * pinned chart (known chart and version, only values the chart has, values.schema.json when shipped).
 */
import { parse } from 'yaml';
import { CHART_CONTRACTS } from './chart-contracts';
import { chartSchema, chartValues, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';

/** A resource of a synthesized stack: where it is (for messages) and its body. */
export interface FoundResource {
  readonly where: string;
  readonly body: any;
}

/**
 * Kinds whose CRD is neither in ../shared/upstream nor a fixture: none. (EnvoyProxy's is in
 * ../shared/upstream/crds/envoy-gateway; Backend and BackendTrafficPolicy are fixtures of Envoy
 * Gateway v1.9.0, test/contract/fixtures/envoy-gateway-v1.9.0.)
 */
export const UNVALIDATED_KINDS: string[] = [];

/** The resources of `type` in a synthesized stack (`cdk.tf.json`), labelled `<label> <address>`. */
export function resourcesOf(json: any, type: string, label: string): FoundResource[] {
  return Object.entries<any>(json.resource?.[type] ?? {}).map(([name, body]) => ({ where: `${label} ${type}.${name}`, body }));
}

/** True for a kubernetes_manifest of a kind without upstream CRD data. */
export function isUnvalidatedKind(m: FoundResource): boolean {
  return UNVALIDATED_KINDS.includes(`${m.body.manifest.apiVersion}/${m.body.manifest.kind}`);
}

/** CRD validation errors of the kubernetes_manifests (kinds without CRD data skipped). */
export function manifestProblems(manifests: readonly FoundResource[]): string[] {
  return manifests.filter((m) => !isUnvalidatedKind(m)).flatMap((m) => validateCustomResource(m.body.manifest).map((e) => `${m.where}: ${e}`));
}

/** Problems of the helm_releases against their pinned charts. */
export function helmReleaseProblems(releases: readonly FoundResource[]): string[] {
  const problems: string[] = [];
  for (const r of releases) {
    const contract = CHART_CONTRACTS[r.body.chart];
    if (!contract) {
      problems.push(`${r.where}: chart ${r.body.chart} has no contract in chart-contracts.ts`);
      continue;
    }
    if (r.body.version !== contract.version) problems.push(`${r.where}: chart ${r.body.chart} ${r.body.version} is not the pinned ${contract.version}`);
    if (!contract.valuesDir) continue;
    const schema = chartSchema(contract.valuesDir);
    for (const text of r.body.values ?? []) {
      const values = parse(text) ?? {};
      for (const p of unknownValuePaths(values, chartValues(contract.valuesDir), [...(contract.freeForm ?? [])])) problems.push(`${r.where} (${r.body.chart}): ${p}`);
      if (schema) for (const e of validateAgainstChartSchema(mergeValues(chartValues(contract.valuesDir), values), schema)) problems.push(`${r.where} (${r.body.chart}): ${e}`);
    }
  }
  return problems;
}

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
