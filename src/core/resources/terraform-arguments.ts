/**
 * The conversion a cdktf provider binding does for its resources, for resources the library
 * declares without loading the binding (see `workload-resource.ts`): typed camelCase config →
 * Terraform JSON arguments (snake_case), and the same as cdktf's HCL renderer takes it.
 *
 * The generated bindings map every argument `fooBar` to `foo_bar` (no exception in the kubernetes
 * provider's CronJob, Deployment and Job: test/core/kubernetes pins it against the generated code),
 * nest blocks as given (an object for a single block, an array for a repeated one), and copy map
 * arguments (`labels`, `requests`, …) verbatim: their keys are data, not argument names. Tokens
 * (`IResolvable`) pass through untouched, as in the bindings.
 */
import { Tokenization } from 'cdktf';

/** `fooBar` → `foo_bar`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);
}

/**
 * Terraform JSON arguments of a typed config. `mapArguments` names the arguments (snake_case) whose
 * value is a map: copied as given. Undefined values are dropped.
 */
export function terraformArguments(config: unknown, mapArguments: ReadonlySet<string>): unknown {
  if (Array.isArray(config)) return config.map((item) => terraformArguments(item, mapArguments));
  if (!isPlainObject(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const name = snakeCase(key);
    out[name] = mapArguments.has(name) ? value : terraformArguments(value, mapArguments);
  }
  return out;
}

/** One argument as cdktf's HCL renderer takes it (what a binding's `synthesizeHclAttributes` returns). */
export interface HclArgument {
  readonly value: unknown;
  readonly isBlock: boolean;
  readonly type: 'simple' | 'list' | 'map';
  readonly storageClassType: string;
}

/**
 * Converted arguments (the output of {@link terraformArguments}) described for cdktf's HCL renderer:
 * objects and arrays of objects are blocks, `mapArguments` are maps, the rest simple values or lists.
 */
export function hclArguments(args: Readonly<Record<string, unknown>>, mapArguments: ReadonlySet<string>): Record<string, HclArgument> {
  const described = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]): [string, HclArgument] => [name, hclArgument(name, value, mapArguments)]);
  // The bindings' order (the provider schema's): attributes by name, then blocks by name.
  const byName = ([a]: [string, HclArgument], [b]: [string, HclArgument]) => (a < b ? -1 : a > b ? 1 : 0);
  return Object.fromEntries([...described.filter(([, d]) => !d.isBlock).sort(byName), ...described.filter(([, d]) => d.isBlock).sort(byName)]);
}

function hclArgument(name: string, value: unknown, mapArguments: ReadonlySet<string>): HclArgument {
  if (mapArguments.has(name)) return { value, isBlock: false, type: 'map', storageClassType: 'stringMap' };
  if (isPlainObject(value)) return { value: hclArguments(value, mapArguments), isBlock: true, type: 'list', storageClassType: name };
  if (Array.isArray(value)) {
    // An empty list is taken for an empty block list (rendered as nothing, as the bindings render an
    // empty `env`); an empty list attribute would be omitted rather than set to [].
    if (value.length === 0 || value.some(isPlainObject)) {
      return { value: value.map((item) => (isPlainObject(item) ? hclArguments(item, mapArguments) : item)), isBlock: true, type: 'list', storageClassType: name };
    }
    return { value, isBlock: false, type: 'list', storageClassType: value.every((v) => typeof v === 'number') ? 'numberList' : 'stringList' };
  }
  return { value, isBlock: false, type: 'simple', storageClassType: typeof value === 'number' || typeof value === 'boolean' ? typeof value : 'string' };
}
