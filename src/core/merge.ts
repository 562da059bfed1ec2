/** Deep merge used for Helm values: user overrides land on top of the library's values. */

/** A JSON-like object. */
export type PlainObject = { [key: string]: unknown };

/** True for plain objects (not arrays, not null, not class instances). */
export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `defaults` with the keys of `given` that are set: `{ a: undefined }` keeps the default of `a`
 * (a plain spread would replace it with `undefined`).
 */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/**
 * Merges `override` into a copy of `base`: objects merge key by key, everything else (arrays
 * included) is replaced; `undefined` in the override leaves the base value; `null` removes it.
 */
export function deepMerge<T extends PlainObject>(base: T, override?: PlainObject): T {
  if (!override) return base;
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out as T;
}
