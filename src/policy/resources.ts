/**
 * Turns a stack's Terraform JSON (`cdk.tf.json`, or `stack.toTerraform()`) into the
 * {@link SynthesizedResource}s the rules read, and collects the suppressions recorded in it.
 */
import { parse } from 'yaml';
import { deepMerge, PlainObject } from '../core/merge';
import { PolicySuppression, SynthesizedResource } from './types';
import { isObject, Json } from './values';

/** Key under a resource's `//` metadata where suppressions are recorded. */
export const SUPPRESSIONS_METADATA_KEY = 'policy_suppressions';

/** Every resource and data source of one stack's Terraform JSON. */
export function resourcesFromTerraformJson(json: unknown, stack: string): SynthesizedResource[] {
  if (!isObject(json)) return [];
  const out: SynthesizedResource[] = [];
  for (const mode of ['managed', 'data'] as const) {
    const section = json[mode === 'managed' ? 'resource' : 'data'];
    if (!isObject(section)) continue;
    for (const type of Object.keys(section).sort()) {
      const byName = section[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName).sort()) {
        const raw = byName[name];
        if (!isObject(raw)) continue;
        const { ['//']: meta, ...attributes } = raw;
        const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
        const path = isObject(meta) && isObject(meta.metadata) && typeof meta.metadata.path === 'string' ? meta.metadata.path : address;
        out.push({
          mode,
          type,
          name,
          address,
          stack,
          constructPath: path,
          attributes,
          helmValues: mode === 'managed' && type === 'helm_release' ? helmValuesOf(attributes) : undefined,
        });
      }
    }
  }
  return out;
}

/** The suppressions recorded under `//.policy_suppressions` of the resources, without duplicates. */
export function suppressionsFromTerraformJson(json: unknown): PolicySuppression[] {
  const found = new Map<string, PolicySuppression>();
  if (!isObject(json)) return [];
  for (const sectionKey of ['resource', 'data']) {
    const section = json[sectionKey];
    if (!isObject(section)) continue;
    for (const byName of Object.values(section)) {
      if (!isObject(byName)) continue;
      for (const raw of Object.values(byName)) {
        const meta = isObject(raw) ? raw['//'] : undefined;
        const records = isObject(meta) ? meta[SUPPRESSIONS_METADATA_KEY] : undefined;
        if (!Array.isArray(records)) continue;
        for (const r of records) {
          if (!isObject(r) || typeof r.ruleId !== 'string' || typeof r.reason !== 'string' || typeof r.path !== 'string') continue;
          found.set(`${r.ruleId}\u0000${r.path}`, { ruleId: r.ruleId, reason: r.reason, path: r.path });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The values a `helm_release` passes to its chart: the `values` documents merged in order, then
 * `set`, `set_sensitive` and `set_wo` entries applied. `'unknown'` when a document is not a literal
 * mapping.
 */
export function helmValuesOf(attributes: Json): Json | 'unknown' {
  let merged: PlainObject = {};
  const docs = Array.isArray(attributes.values) ? attributes.values : attributes.values === undefined ? [] : [attributes.values];
  for (const doc of docs) {
    if (typeof doc !== 'string') return 'unknown';
    let parsed: unknown;
    try {
      parsed = parse(doc);
    } catch {
      return 'unknown';
    }
    if (parsed === null || parsed === undefined) continue;
    if (!isObject(parsed)) return 'unknown';
    merged = deepMerge(merged, parsed as PlainObject);
  }
  for (const key of ['set', 'set_sensitive', 'set_wo']) {
    const entries = Array.isArray(attributes[key]) ? (attributes[key] as unknown[]) : [];
    for (const entry of entries) {
      if (!isObject(entry) || typeof entry.name !== 'string') continue;
      setPath(merged, splitSetName(entry.name), setValue(entry.value, entry.type));
    }
  }
  return merged;
}

/** `a.b\.c[0].d` → `['a', 'b.c', 0, 'd']` (Helm `--set` path syntax). */
export function splitSetName(name: string): Array<string | number> {
  const parts: Array<string | number> = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) {
      current += name[++i];
    } else if (c === '.') {
      if (current !== '') parts.push(current);
      current = '';
    } else if (c === '[') {
      if (current !== '') parts.push(current);
      current = '';
      const end = name.indexOf(']', i);
      parts.push(Number(name.slice(i + 1, end)));
      i = end;
    } else {
      current += c;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function setValue(value: unknown, type: unknown): unknown {
  if (type === 'string' || typeof value !== 'string') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+$/.test(value)) return Number(value);
  return value;
}

function setPath(root: Json, path: ReadonlyArray<string | number>, value: unknown): void {
  let current: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      current[key] = value;
      return;
    }
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = typeof path[i + 1] === 'number' ? [] : {};
    current = current[key] as Record<string | number, unknown>;
  });
}
