/**
 * Property-style checks of constructor props: from valid base props, a seeded, deterministic set of
 * mutations (boundary and wrong-typed values at every prop path, missing props, misspelt keys). Each
 * mutated construction must either throw a `ValidationError` that names the mutated prop (or the
 * props object), or build and synthesize — never another error (a `TypeError` from reading a prop
 * that is not there is the bug this looks for).
 */
import { ValidationError } from '../../src/core/validation';
import { SchedulingError } from '../../src/compute/scheduling/scheduling-contract';

type Path = ReadonlyArray<string | number>;

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same cases. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marks a prop to be removed rather than set. */
export const REMOVE = Symbol('remove');

/** One mutation of the base props. */
export interface FuzzCase {
  /** Dotted path of the mutated prop (`''` for the props object itself). */
  readonly prop: string;
  /** What was done, for messages: `limits.gpu = -1`, `name removed`, `maxReplica added`. */
  readonly label: string;
  readonly props: unknown;
}

/** What a construct reference looks like (left as is: its members are the construct's business). */
function isOpaque(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value === 'function';
  const proto = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== Array.prototype && proto !== null;
}

/** Every prop path of `value` (objects and arrays descended, construct references not). */
export function propPaths(value: unknown, prefix: Path = [], depth = 4): Path[] {
  if (depth === 0 || value === null || typeof value !== 'object' || isOpaque(value)) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...propPaths(v, [...prefix, k], depth - 1)]);
}

/** Boundary and wrong-typed values for a prop whose valid value is `current`. */
export function boundaryValues(current: unknown): unknown[] {
  const wrongType = [undefined, null, REMOVE, 'not-a-thing', 7, true, {}, []];
  if (typeof current === 'string') {
    return [...wrongType, '', ' ', 'x'.repeat(300), 'Bad_Name!', '-leading', 'trailing-', '0', 'latest', '61 * * * *', 's3://bucket/prefix/', '${var.x}', 'é', current.toUpperCase(), `${current}/`];
  }
  if (typeof current === 'number') return [...wrongType, 0, -1, 1.5, 1e6, Number.NaN, Number.POSITIVE_INFINITY, current + 1, current - 1];
  if (typeof current === 'boolean') return [...wrongType, 'true', 1];
  if (Array.isArray(current)) return [...wrongType, [undefined], ['Bad_Name!'], [7], current.length > 0 ? [current[0], current[0]] : ['x']];
  return wrongType;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value === REMOVE ? undefined : value;
  const [key, ...rest] = path;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  if (rest.length === 0 && value === REMOVE) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
    return copy;
  }
  copy[key] = setAt(copy[key], rest, value);
  return copy;
}

function render(value: unknown): string {
  if (value === REMOVE) return 'removed';
  if (value === undefined) return '= undefined';
  const text = JSON.stringify(value);
  return `= ${text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/**
 * `count` cases from `base`, chosen with `seed` among every (prop, boundary value) pair, plus three
 * that always run: no props at all, an unknown key close to a real one, and an unknown key far from any.
 */
export function fuzzCases(base: object, seed: number, count: number): FuzzCase[] {
  const random = seeded(seed);
  const all: FuzzCase[] = propPaths(base).flatMap((path) => {
    const current = path.reduce<any>((v, k) => v?.[k], base);
    return boundaryValues(current).map((value) => ({ prop: path.join('.'), label: `${path.join('.')} ${render(value)}`, props: setAt(base, path, value) }));
  });
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const firstKey = Object.keys(base)[0];
  const always: FuzzCase[] = [
    { prop: '', label: 'props = undefined', props: undefined },
    { prop: `${firstKey}x`, label: `${firstKey}x added (a typo)`, props: { ...base, [`${firstKey}x`]: 1 } },
    { prop: 'zzzUnrelated', label: 'zzzUnrelated added', props: { ...base, zzzUnrelated: 1 } },
  ];
  return [...always, ...all.slice(0, count)];
}

/** How a case ended. */
export type FuzzOutcome = { readonly accepted: true; readonly value: unknown } | { readonly accepted: false; readonly error: ValidationError | SchedulingError };

/**
 * Runs `build` on a case: returns what it built, or the `ValidationError` it threw when that error
 * names the mutated prop. Anything else (another error, or a ValidationError about other props
 * only) is returned as a problem string.
 */
export function runCase<T>(fuzz: FuzzCase, build: (props: any) => T): FuzzOutcome | string {
  try {
    return { accepted: true, value: build(fuzz.props) };
  } catch (e) {
    if (e instanceof SchedulingError) return { accepted: false, error: e };
    if (!(e instanceof ValidationError)) return `${fuzz.label}: threw ${(e as Error)?.name ?? typeof e} instead of a ValidationError: ${(e as Error)?.message ?? e}`;
    const top = fuzz.prop.split('.')[0];
    const named = fuzz.prop === '' || e.issues.some((i) => i.prop === 'props' || i.prop === top || i.prop.startsWith(`${top}.`) || i.prop.startsWith(`${top}[`) || i.message.includes(top));
    return named ? { accepted: false, error: e } : `${fuzz.label}: the ValidationError does not name ${top}: ${e.message}`;
  }
}

/**
 * Runs the synthesis of an accepted case: undefined when it synthesizes, `'rejected'` when a synth-time
 * validation (cdktf's "Validation failed") names the mutated prop (checks that need the whole app,
 * such as a MIG pool against the MIG manager's config), else a problem string.
 */
export function synthCase(fuzz: FuzzCase, synthesize: () => void): 'rejected' | string | undefined {
  try {
    synthesize();
    return undefined;
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    const top = fuzz.prop.split('.')[0];
    if (message.startsWith('Validation failed with the following errors') && message.includes(top)) return 'rejected';
    return `${fuzz.label}: accepted, then synthesis threw ${(e as Error)?.name ?? typeof e}: ${message}`;
  }
}
