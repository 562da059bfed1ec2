/**
 * Access to the upstream contracts in ../shared/upstream (or $MLOPS_UPSTREAM_DIR) for contract
 * tests: CRD schemas and Helm chart default values.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { parseAllDocuments, parse } from 'yaml';

/**
 * Where the upstream data is: $MLOPS_UPSTREAM_DIR, else `../shared/upstream` next to the checkout,
 * else the workspace's `/work/shared/upstream` (a clean clone elsewhere, e.g. by CI, still finds it).
 */
export const UPSTREAM_DIR =
  process.env.MLOPS_UPSTREAM_DIR ?? [path.resolve(__dirname, '../../../shared/upstream'), '/work/shared/upstream'].find((dir) => fs.existsSync(dir)) ?? path.resolve(__dirname, '../../../shared/upstream');

/** Throws a clear error when the upstream data is not there. */
export function requireUpstream(): string {
  if (!fs.existsSync(UPSTREAM_DIR)) {
    throw new Error(`contract tests need the upstream data at ${UPSTREAM_DIR} (set MLOPS_UPSTREAM_DIR to point elsewhere)`);
  }
  return UPSTREAM_DIR;
}

interface CrdVersionSchema {
  group: string;
  kind: string;
  version: string;
  schema: object;
}

let crdIndex: Map<string, CrdVersionSchema> | undefined;

/**
 * CRDs the library validates against that ../shared/upstream does not carry: copied verbatim with
 * their source and tag in test/contract/fixtures/<project>-<tag>/ (see each file's header).
 */
export const FIXTURE_CRD_DIRS = ['envoy-gateway-v1.9.0', 'knative-operator-v1.21.4'].map((d) => path.resolve(__dirname, '../contract/fixtures', d));

/** Every CRD version under crds/ (and the fixture CRDs), keyed by `apiVersion/Kind`. */
export function crdSchemas(): Map<string, CrdVersionSchema> {
  if (crdIndex) return crdIndex;
  const dir = path.join(requireUpstream(), 'crds');
  const subdirs = fs
    .readdirSync(dir)
    .map((sub) => path.join(dir, sub))
    .filter((d) => fs.statSync(d).isDirectory());
  crdIndex = new Map();
  for (const subdir of [...subdirs, ...FIXTURE_CRD_DIRS]) {
    for (const file of fs.readdirSync(subdir).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(subdir, file), 'utf8'))) {
        const crd = doc.toJS() as any;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const v of crd.spec.versions ?? []) {
          const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
          crdIndex.set(key, { group: crd.spec.group, kind: crd.spec.names.kind, version: v.name, schema: v.schema?.openAPIV3Schema ?? {} });
        }
      }
    }
  }
  return crdIndex;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Validates a custom resource against its CRD's openAPIV3Schema (structure, types, enums, patterns,
 * required fields, ranges). CEL rules (`x-kubernetes-validations`) are not evaluated by ajv; tests
 * that depend on them assert those rules explicitly.
 */
export function validateCustomResource(resource: any): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const entry = crdSchemas().get(key);
  if (!entry) return [`no CRD in ${UPSTREAM_DIR}/crds for ${key}`];
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(stripK8sExtensions(entry.schema));
    validators.set(key, validate);
  }
  // metadata is validated by the API server, not the CRD schema.
  const { metadata: _metadata, ...rest } = resource;
  const ok = validate({ ...rest, metadata: {} });
  return ok ? [] : (validate.errors ?? []).map((e) => `${key} ${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

/**
 * Go (RE2) patterns may switch on case-insensitivity inline with `(?i)`, which JavaScript cannot:
 * drop the flag and match each letter outside a character class or escape in both cases.
 */
export function goPatternToJs(pattern: string): string {
  if (!pattern.includes('(?i)')) return pattern;
  let out = '';
  let inClass = false;
  const p = pattern.replace(/\(\?i\)/g, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
    } else if (c === '[' || c === ']') {
      inClass = c === '[';
      out += c;
    } else if (!inClass && /[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Turns Kubernetes structural-schema extensions into plain JSON Schema. */
function stripK8sExtensions(schema: any): any {
  if (Array.isArray(schema)) return schema.map(stripK8sExtensions);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] = k === 'pattern' && typeof v === 'string' ? goPatternToJs(v) : stripK8sExtensions(v);
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] && !out.type) {
    // anything goes
  }
  return out;
}

/** The default values.yaml of a pinned chart under charts/<dir>/. */
export function chartValues(dir: string): any {
  return parse(fs.readFileSync(path.join(requireUpstream(), 'charts', dir, 'values.yaml'), 'utf8'));
}

/** The values.schema.json of a chart, if it has one. */
export function chartSchema(dir: string): any | undefined {
  const file = path.join(requireUpstream(), 'charts', dir, 'values.schema.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/**
 * Paths in `values` that are not keys of the chart's defaults. A path is allowed when every prefix
 * exists in the defaults, or when it reaches a default that is an empty map / free-form object
 * (e.g. `podAnnotations: {}`, `nodeSelector: {}`), or a list (whose items are ours to shape), or a
 * path listed in `freeForm` (keys the chart reads but does not default, documented in its README).
 */
export function unknownValuePaths(values: any, defaults: any, freeForm: string[] = [], prefix = ''): string[] {
  const out: string[] = [];
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return out;
  for (const [key, value] of Object.entries(values)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (freeForm.some((f) => p === f || p.startsWith(`${f}.`))) continue;
    if (defaults === null || typeof defaults !== 'object' || !(key in defaults)) {
      out.push(p);
      continue;
    }
    const d = defaults[key];
    if (d !== null && typeof d === 'object' && !Array.isArray(d) && Object.keys(d).length > 0) {
      out.push(...unknownValuePaths(value, d, freeForm, p));
    }
  }
  return out;
}

/** Validates values against a chart's values.schema.json. */
export function validateAgainstChartSchema(values: any, schema: any): string[] {
  // Charts declare draft-07 or draft 2020-12 (external-secrets); pick the matching validator.
  const is2020 = typeof schema?.$schema === 'string' && schema.$schema.includes('2020-12');
  const ajv = is2020 ? new Ajv2020({ strict: false, allErrors: true, validateFormats: false }) : new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  return validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/**
 * Paths of `value` a CRD schema does not define where the schema is closed: fields the API server
 * would prune (silently drop) from a custom resource.
 */
export function undefinedFields(value: any, schema: any, path = ''): string[] {
  if (value === null || typeof value !== 'object' || !schema) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedFields(v, schema.items, `${path}[${i}]`));
  if (schema['x-kubernetes-preserve-unknown-fields'] || !schema.properties) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const child = schema.properties[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    return child ? undefinedFields(v, child, `${path}.${k}`) : [`${path}.${k}`];
  });
}
