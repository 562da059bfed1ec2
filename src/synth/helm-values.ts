/**
 * The one Helm-values reader of synthesized `helm_release`s: each `values` document is parsed once
 * per process (documents are cached by their text, so the base and head of a review, the cost
 * estimate and the policy pack share one parse of a document they all read), and the values a
 * release passes to its chart are the documents merged in order with `set`, `set_sensitive` and
 * `set_wo` applied. A document that is not a literal YAML mapping (e.g. an unresolved
 * `${templatefile(...)}`) makes the values unknown, explicitly.
 *
 * Reading uses js-yaml with its YAML 1.2 core schema, the schema of the `yaml` package that writes
 * the library's values (same results on every document the reference stacks write; the test checks
 * it) at about a fifth of the CPU on a cold process: parsing was most of `cdktf-mlops check`.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { deepMerge, PlainObject } from '../core/merge';
import { SynthResource } from './types';
import { isObject, Json } from './values';

/** A parsed document: its value, or `failed` when the text is not YAML. */
type Parsed = { readonly value: unknown } | { readonly failed: true };

const PARSED = new Map<string, Parsed>();

/** Parses one values document (cached by its text; callers must not modify the result). */
function parseDocument(text: string): Parsed {
  let parsed = PARSED.get(text);
  if (!parsed) {
    try {
      parsed = { value: load(text, { schema: CORE_SCHEMA }) };
    } catch {
      parsed = { failed: true };
    }
    PARSED.set(text, parsed);
  }
  return parsed;
}

/** A values document as the plan review shows it: the mapping, or the text itself when it is not a YAML mapping. */
export function valuesDocument(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  const parsed = parseDocument(text);
  return 'value' in parsed && isObject(parsed.value) ? parsed.value : text;
}

const MERGED = new WeakMap<object, Json | 'unknown'>();

/**
 * The values a `helm_release` passes to its chart: the `values` documents merged in order, then the
 * `set`, `set_sensitive` and `set_wo` entries applied; `'unknown'` when a document is not a literal
 * mapping; undefined for other resources.
 */
export function helmValues(resource: Pick<SynthResource, 'type' | 'mode' | 'attributes'>): Json | 'unknown' | undefined {
  if (resource.type !== 'helm_release' || resource.mode !== 'managed') return undefined;
  let merged = MERGED.get(resource.attributes);
  if (merged === undefined) {
    merged = mergeValues(resource.attributes);
    MERGED.set(resource.attributes, merged);
  }
  return merged;
}

function mergeValues(attributes: Readonly<Record<string, unknown>>): Json | 'unknown' {
  let merged: PlainObject = {};
  const docs = Array.isArray(attributes.values) ? attributes.values : attributes.values === undefined ? [] : [attributes.values];
  for (const doc of docs) {
    if (typeof doc !== 'string') return 'unknown';
    const parsed = parseDocument(doc);
    if ('failed' in parsed) return 'unknown';
    if (parsed.value === null || parsed.value === undefined) continue;
    if (!isObject(parsed.value)) return 'unknown';
    merged = deepMerge(merged, parsed.value as PlainObject);
  }
  const setKeys = ['set', 'set_sensitive', 'set_wo'].filter((key) => Array.isArray(attributes[key]) && (attributes[key] as unknown[]).length > 0);
  // `set` writes into the merged tree, whose objects may be the cached documents': copy it first
  if (setKeys.length > 0) merged = structuredClone(merged);
  for (const key of setKeys) {
    for (const entry of attributes[key] as unknown[]) {
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
