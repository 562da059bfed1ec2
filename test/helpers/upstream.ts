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

/** The CRDs a test can ask for, by `apiVersion/Kind`: a read-only view that parses files on demand. */
export interface CrdSchemaIndex {
  get(key: string): CrdVersionSchema | undefined;
  has(key: string): boolean;
}

/**
 * CRDs the library validates against that ../shared/upstream does not carry: copied verbatim with
 * their source and tag in test/contract/fixtures/<project>-<tag>/ (see each file's header). None of
 * them defines a kind that crds/ has.
 */
export const FIXTURE_CRD_DIRS = ['envoy-gateway-v1.9.0', 'knative-operator-v1.21.4'].map((d) => path.resolve(__dirname, '../contract/fixtures', d));

/** CRD files under crds/ by `group/Kind`, found by reading each file's `spec.group` and `spec.names.kind` lines. */
let crdFiles: Map<string, string[]> | undefined;
/** Parsed files: every CRD version in them, by `group/version/Kind`. */
const parsedCrdFiles = new Map<string, Map<string, CrdVersionSchema>>();

/**
 * Which files define which `group/Kind`, without parsing them: the CRD YAML files are ~25 MB (the Argo
 * Workflows ones ~2.5 MB each) and a YAML parse of all of them took ~15 s per test file. Every
 * document of kind CustomResourceDefinition has `  group:` (spec.group) and, under `  names:`,
 * `    kind:` lines at fixed indentation (controller-gen and Helm output alike); a file where they are
 * not found is listed under every key it might hold (`*`) and parsed when anything is asked.
 */
export function crdFileIndex(): ReadonlyMap<string, string[]> {
  if (crdFiles) return crdFiles;
  const dir = path.join(requireUpstream(), 'crds');
  crdFiles = new Map();
  const add = (key: string, file: string) => crdFiles!.set(key, [...(crdFiles!.get(key) ?? []), file]);
  const subdirs = fs
    .readdirSync(dir)
    .sort()
    .map((sub) => path.join(dir, sub));
  for (const subdir of [...subdirs, ...FIXTURE_CRD_DIRS]) {
    if (!fs.statSync(subdir).isDirectory()) continue;
    for (const file of fs.readdirSync(subdir).filter((f) => f.endsWith('.yaml')).sort()) {
      const full = path.join(subdir, file);
      const keys = crdKeysOf(fs.readFileSync(full, 'utf8'));
      if (keys === undefined) add('*', full);
      else for (const key of keys) add(key, full);
    }
  }
  return crdFiles;
}

/** `group/Kind` of each CRD document in `text`, or undefined when a CRD document does not show them plainly. */
export function crdKeysOf(text: string): string[] | undefined {
  const keys: string[] = [];
  for (const doc of text.split(/^---\s*$/m)) {
    if (!/^kind: CustomResourceDefinition\s*$/m.test(doc)) continue;
    const group = /^ {2}group: ['"]?([^'"\s]+)['"]?\s*$/m.exec(doc)?.[1];
    const kind = /^ {2}names:\s*\n(?: {4}.*\n)*? {4}kind: ['"]?([^'"\s]+)['"]?\s*$/m.exec(doc)?.[1];
    if (!group || !kind) return undefined;
    keys.push(`${group}/${kind}`);
  }
  return keys;
}

function parseCrdFile(file: string): Map<string, CrdVersionSchema> {
  let parsed = parsedCrdFiles.get(file);
  if (parsed) return parsed;
  parsed = new Map();
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const crd = doc.toJS() as any;
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const v of crd.spec.versions ?? []) {
      parsed.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, { group: crd.spec.group, kind: crd.spec.names.kind, version: v.name, schema: v.schema?.openAPIV3Schema ?? {} });
    }
  }
  parsedCrdFiles.set(file, parsed);
  return parsed;
}

/** The schema of one CRD version by `apiVersion/Kind` (`group/version/Kind`); parses only the file(s) defining that kind, once. */
export function crdSchema(key: string): CrdVersionSchema | undefined {
  const parts = key.split('/');
  const groupKind = `${parts.slice(0, -2).join('/')}/${parts[parts.length - 1]}`;
  const files = [...(crdFileIndex().get(groupKind) ?? []), ...(crdFileIndex().get('*') ?? [])];
  // When two files define the same version (InferencePool in crds/kserve and in
  // crds/gateway-api-inference-extension), the one later in directory order wins.
  let found: CrdVersionSchema | undefined;
  for (const file of files.sort()) found = parseCrdFile(file).get(key) ?? found;
  return found;
}

/** Every CRD version under crds/, keyed by `apiVersion/Kind`, loaded lazily: see {@link crdSchema}. */
export function crdSchemas(): CrdSchemaIndex {
  return { get: crdSchema, has: (key) => crdSchema(key) !== undefined };
}

/** How many CRD files have been parsed so far (the lazy loading is tested with it). */
export function parsedCrdFileCount(): number {
  return parsedCrdFiles.size;
}

const validators = new Map<string, ValidateFunction>();

/** Schemas longer than this (as JSON) are walked, not compiled: ajv takes ~10 s on a full Argo Workflows CRD. */
const LARGE_SCHEMA_CHARS = 256 * 1024;

/**
 * Validates a custom resource against its CRD's openAPIV3Schema (structure, types, enums, patterns,
 * required fields, ranges). CEL rules (`x-kubernetes-validations`) are not evaluated; tests that
 * depend on them assert those rules explicitly. Small schemas are compiled with ajv; the huge ones
 * (the full Argo Workflows CRDs, where compiling takes ~10 s) are walked by {@link structuralErrors}.
 */
export function validateCustomResource(resource: any): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const entry = crdSchema(key);
  if (!entry) return [`no CRD in ${UPSTREAM_DIR}/crds for ${key}`];
  // metadata is validated by the API server, not the CRD schema.
  const { metadata: _metadata, ...rest } = resource;
  const value = { ...rest, metadata: {} };
  if (JSON.stringify(entry.schema).length > LARGE_SCHEMA_CHARS) {
    return structuralErrors(value, entry.schema, '').map((e) => `${key} ${e}`);
  }
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(stripK8sExtensions(entry.schema));
    validators.set(key, validate);
  }
  const ok = validate(value);
  return ok ? [] : (validate.errors ?? []).map((e) => `${key} ${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * The structural-schema rules of an openAPIV3Schema applied to `value` by walking the schema (no
 * compilation): `type` (with `x-kubernetes-int-or-string`), `enum`, `required`, `properties`,
 * `additionalProperties`, `items`, `pattern`, `minimum`/`maximum`, `minLength`/`maxLength`,
 * `minItems`/`maxItems`, `nullable`. Messages follow ajv's (`<path> must be <type>`).
 */
export function structuralErrors(value: unknown, schema: any, at: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const where = at || '/';
  if (value === null) return schema.nullable ? [] : schema.type ? [`${where} must be ${schema.type}`] : [];
  const t = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) return t === 'integer' || t === 'string' ? [] : [`${where} must be integer or string`];
  if (schema.type && !(schema.type === t || (schema.type === 'number' && t === 'integer'))) return [`${where} must be ${schema.type}`];
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${where} must be equal to one of the allowed values ${JSON.stringify(schema.enum)}`);
  if (t === 'string') {
    const s = value as string;
    if (schema.pattern && !new RegExp(goPatternToJs(schema.pattern), 'u').test(s)) errors.push(`${where} must match pattern "${schema.pattern}"`);
    if (schema.minLength !== undefined && s.length < schema.minLength) errors.push(`${where} must NOT have fewer than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && s.length > schema.maxLength) errors.push(`${where} must NOT have more than ${schema.maxLength} characters`);
  }
  if (t === 'integer' || t === 'number') {
    const n = value as number;
    if (schema.minimum !== undefined && n < schema.minimum) errors.push(`${where} must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) errors.push(`${where} must be <= ${schema.maximum}`);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (schema.minItems !== undefined && a.length < schema.minItems) errors.push(`${where} must NOT have fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && a.length > schema.maxItems) errors.push(`${where} must NOT have more than ${schema.maxItems} items`);
    a.forEach((item, i) => errors.push(...structuralErrors(item, schema.items, `${at}/${i}`)));
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) errors.push(`${where} must have required property '${r}'`);
    for (const [k, v] of Object.entries(o)) {
      const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      errors.push(...structuralErrors(v, child, `${at}/${k}`));
    }
  }
  return errors;
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

const argoEventsValidators = new Map<string, ValidateFunction>();
let argoEventsDefinitions: Record<string, unknown> | undefined;

/**
 * Validates an Argo Events custom resource (EventSource, Sensor, EventBus) against the full JSON
 * schema Argo Events publishes (argo-events/schema.json, definitions
 * `io.argoproj.events.v1alpha1.<Kind>`): the installed CRDs do not validate `spec` at all.
 */
export function validateArgoEventsResource(resource: any): string[] {
  const kind = String(resource.kind);
  let validate = argoEventsValidators.get(kind);
  if (!validate) {
    if (!argoEventsDefinitions) argoEventsDefinitions = JSON.parse(fs.readFileSync(path.join(requireUpstream(), 'argo-events', 'schema.json'), 'utf8')).definitions;
    const ref = `io.argoproj.events.v1alpha1.${kind}`;
    if (!argoEventsDefinitions![ref]) return [`no definition ${ref} in argo-events/schema.json`];
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile({ $ref: `#/definitions/${ref}`, definitions: argoEventsDefinitions });
    argoEventsValidators.set(kind, validate);
  }
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${kind} ${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}
