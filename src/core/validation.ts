/**
 * The validation idiom every construct uses: one zod schema per props type, run in the constructor
 * before anything is created.
 *
 * - Values that are still Terraform tokens (a reference to an attribute not known until apply) are
 *   skipped, not rejected: an issue whose path runs through an unresolved value is dropped.
 * - A failure throws one {@link ValidationError} listing every problem, each as
 *   `<construct path>: <prop> = <value> <problem>; <fix>`.
 *
 * Schemas carry the fix in their messages, e.g.
 * `z.string().regex(CIDR, { message: 'is not an IPv4 CIDR; use a block such as 10.0.0.0/16' })`.
 */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { renderValue } from './render-value';

/** One problem found in a construct's props. */
export interface PropIssue {
  /** Dotted path of the prop, e.g. `nodeGroup.instanceTypes[0]`. */
  readonly prop: string;
  /** The offending value (as given by the user). */
  readonly value: unknown;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Raised at construction when props are invalid. Nothing has been created at that point. */
export class ValidationError extends Error {
  public readonly constructPath: string;
  public readonly issues: readonly PropIssue[];

  constructor(constructPath: string, issues: readonly PropIssue[]) {
    super(issues.map((i) => formatIssue(constructPath, i)).join('\n'));
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.issues = issues;
  }
}

/** `gpu/pool: limits.gpu = 0 must be at least 1; set the largest number of GPUs the pool may run` */
export function formatIssue(constructPath: string, issue: PropIssue): string {
  const prop = issue.prop === '' ? 'props' : issue.prop;
  return `${constructPath}: ${prop} = ${renderValue(issue.value)} ${issue.message}`;
}

export { renderValue };

/** True when a value is, or contains at its top level, an unresolved Terraform token. */
export function isToken(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some((v) => Token.isUnresolved(v));
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  return Token.isUnresolved(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { value: unknown; throughToken: boolean } {
  let current: unknown = root;
  if (isToken(current)) return { value: current, throughToken: true };
  for (const key of path) {
    if (current === null || typeof current !== 'object') return { value: undefined, throughToken: false };
    current = (current as Record<PropertyKey, unknown>)[key];
    if (isToken(current)) return { value: current, throughToken: true };
  }
  return { value: current, throughToken: false };
}

/** `a.b[0].c` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Validates `props` against `schema` for the construct `scope` and returns the parsed value (with
 * zod defaults applied). Throws a {@link ValidationError} naming every problem.
 *
 * @param scope the construct being built (its path is named in the error)
 * @param schema the props schema
 * @param props the props as given by the user
 */
export function validateProps<S extends z.ZodType>(scope: Construct, schema: S, props: unknown): z.output<S> {
  return validateValue(scope.node.path, schema, props);
}

/**
 * Like {@link validateProps}, for values that belong to no construct (configuration files): `label`
 * takes the place of the construct path in messages.
 */
export function validateValue<S extends z.ZodType>(label: string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const issues: PropIssue[] = [];
  for (const issue of result.error.issues) {
    const { value, throughToken } = valueAt(props, issue.path);
    if (throughToken) continue;
    issues.push({ prop: formatPath(issue.path), value, message: describe(issue) });
  }
  if (issues.length === 0) {
    // Every problem was on a Terraform token; the tokens are checked by Terraform at plan time.
    return props as z.output<S>;
  }
  throw new ValidationError(label, issues);
}

function describe(issue: z.core.$ZodIssue): string {
  const msg = issue.message;
  if (issue.code === 'invalid_type' && msg.startsWith('Invalid input')) {
    return `has the wrong type (${msg.replace(/^Invalid input: /, '')}); pass a value of the expected type`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `has unknown keys ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; remove them or check their spelling`;
  }
  return msg;
}

/**
 * Throws a {@link ValidationError} for one problem found by hand-written checks (cross-prop rules
 * that read better as code than as a schema).
 */
export function failProp(scope: Construct, prop: string, value: unknown, message: string): never {
  throw new ValidationError(scope.node.path, [{ prop, value, message }]);
}

/** Building blocks shared by the props schemas. */
export const Schemas = {
  /** A Kubernetes object name (DNS-1123 label). */
  k8sName: () =>
    z
      .string()
      .max(63, { message: 'is longer than 63 characters; use a shorter Kubernetes name' })
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
        message: 'is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit',
      }),
  /** An IPv4 CIDR block. */
  cidr: () =>
    z.string().refine(isIpv4Cidr, { message: 'is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16' }),
  /** A positive whole number. */
  positiveInt: (what = 'value') =>
    z.number().int({ message: `must be a whole number; give the ${what} as an integer` }).positive({ message: `must be at least 1; give a positive ${what}` }),
  /** A Kubernetes quantity such as `500m`, `2Gi`, `100G`. */
  quantity: () =>
    z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/, {
      message: 'is not a Kubernetes quantity; use e.g. "500m", "2", "4Gi"',
    }),
  /** A Go duration as Karpenter and Kubernetes take it, e.g. `30s`, `5m`, `720h`. */
  duration: () =>
    z.string().regex(/^([0-9]+(s|m|h))+$/, { message: 'is not a duration; use e.g. "30s", "5m" or "720h"' }),
};

/** True for a syntactically valid IPv4 CIDR whose address has no bits set past the prefix. */
export function isIpv4Cidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return false;
  const ip = ipv4ToInt(octets);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((ip & mask) >>> 0) === ip;
}

function ipv4ToInt(octets: readonly number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

/** Splits `cidr` into 2^newBits subnets and returns the `index`-th (like Terraform's cidrsubnet). */
export function cidrSubnet(cidr: string, newBits: number, index: number): string {
  const [addr, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const newPrefix = prefix + newBits;
  if (newPrefix > 32 || index >= 2 ** newBits || index < 0) {
    throw new Error(`cidrSubnet: ${cidr} has no subnet ${index} at /${newPrefix}`);
  }
  const base = ipv4ToInt(addr.split('.').map(Number));
  const ip = (base + index * 2 ** (32 - newPrefix)) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (ip >>> s) & 255).join('.')}/${newPrefix}`;
}
