/**
 * Strict prop objects: a key the schema does not know is an error (a typo such as
 * `deletionProtecton` is otherwise dropped silently for JavaScript callers and configuration files),
 * and the message suggests the closest known key.
 */
import { z } from 'zod';

/**
 * A props object whose unknown keys are errors. The message names each unknown key and, when one
 * of the known keys is close, suggests it (`did you mean "deletionProtection"?`; see
 * `validateValue`). `message` replaces zod's when the object itself is missing or not an object.
 */
export function strictObject<T extends z.ZodRawShape>(shape: T, params?: { message?: string }) {
  const message = params?.message;
  return z.strictObject(shape, message === undefined ? undefined : { error: (iss) => (iss.code === 'invalid_type' ? message : undefined) });
}

/**
 * The strict schema of a props interface `P`, checked at compile time against it: the shape must
 * have a schema for every prop of `P` (optional ones included) and nothing else, so the interface
 * and its validation cannot drift apart.
 *
 * @example const schema = propsSchema<NetworkProps>()({ name: Schemas.k8sName(), cidr: Schemas.cidr().optional(), … });
 */
export function propsSchema<P>() {
  return <S extends { [K in keyof P]-?: z.ZodType }>(shape: S & { [K in Exclude<keyof S, keyof P>]: never }, params?: { message?: string }) =>
    strictObject(shape as S, params);
}

/**
 * A reference to another construct (or any object the library reads a few members of): the members
 * named in `shape` are checked, other members are allowed (a construct has many). `what` says what
 * to pass when it is missing, e.g. `a Network (or { vpcId, privateSubnetIds })`.
 */
export function constructRef<T extends z.ZodRawShape>(what: string, shape: T = {} as T) {
  const fix = `pass ${what}`;
  return z.looseObject(shape, {
    error: (iss) => (iss.input === undefined ? `is required; ${fix}` : `is not ${what.replace(/^(a|an) /, 'a valid ')}; ${fix}`),
  });
}

/** Zod's own wrapper types, unwrapped when looking for the keys an object schema knows. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/**
 * The keys the object schema at `path` inside `schema` knows (for unions: the keys of every
 * option). Empty when the path does not lead to an object schema.
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (WRAPPERS.has(def.type)) return knownKeysAt(def.innerType as z.core.$ZodType, path);
  if (def.type === 'pipe') return knownKeysAt(def.in as z.core.$ZodType, path);
  if (def.type === 'lazy') return knownKeysAt((def.getter as () => z.core.$ZodType)(), path);
  if (def.type === 'union') return unique((def.options as z.core.$ZodType[]).flatMap((o) => knownKeysAt(o, path)));
  if (def.type === 'intersection') return unique([...knownKeysAt(def.left as z.core.$ZodType, path), ...knownKeysAt(def.right as z.core.$ZodType, path)]);
  const shape = def.type === 'object' ? (def.shape as Record<string, z.core.$ZodType>) : undefined;
  if (path.length === 0) return shape ? Object.keys(shape) : [];
  const [key, ...rest] = path;
  if (shape) {
    const inner = shape[String(key)] ?? (def.catchall as z.core.$ZodType | undefined);
    return inner ? knownKeysAt(inner, rest) : [];
  }
  if (def.type === 'array') return knownKeysAt(def.element as z.core.$ZodType, rest);
  if (def.type === 'record') return knownKeysAt(def.valueType as z.core.$ZodType, rest);
  if (def.type === 'tuple') {
    const item = (def.items as z.core.$ZodType[])[Number(key)] ?? (def.rest as z.core.$ZodType | undefined);
    return item ? knownKeysAt(item, rest) : [];
  }
  return [];
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}

/**
 * The known key closest to `key` when it is likely a typo of it: the same ignoring case, `-` and
 * `_`, or within an edit distance of 1 (keys up to 4 characters), 2 (up to 10) or 3.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const same = known.find((k) => fold(k) === fold(key));
  if (same) return same;
  const budget = key.length <= 4 ? 1 : key.length <= 10 ? 2 : 3;
  let best: { key: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(fold(key), fold(k));
    if (distance <= budget && (best === undefined || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The message for an unknown key, with a suggestion when one of `known` is close. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const close = closestKey(key, known);
  if (close) return `is not a known prop; did you mean "${close}"?`;
  const list = known.length > 0 && known.length <= 12 ? ` (known: ${[...known].sort().join(', ')})` : '';
  return `is not a known prop; remove it or check its spelling${list}`;
}
