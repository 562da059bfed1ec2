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
 * The shared building blocks (names, quantities, cron, images, …) are the `Schemas` of ./schemas.
 */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { renderValue } from './render-value';
import { knownKeysAt, unknownKeyMessage } from './schemas';

export { renderValue } from './render-value';

export { Schemas, isIpv4Cidr, cidrSubnet } from './schemas';

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
 * zod options of every props check: no JIT (`jitless`, zod's documented switch, given per parse so
 * an app's own zod use is untouched). zod compiles a parser (`new Function`) for each object schema
 * on its first parse, which pays off over thousands of parses; a props schema parses a few times
 * per synth, so compiling cost more than it saved (~6% of the CPU of synthesizing every reference set).
 */
export const ZOD_PARSE_OPTIONS: z.core.ParseContext<z.core.$ZodIssue> = { jitless: true };

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
  const result = schema.safeParse(props, ZOD_PARSE_OPTIONS);
  if (result.success) return result.data;
  const issues = toPropIssues(schema, props, result.error.issues);
  if (issues.length > 0) throw new ValidationError(label, issues);
  // Every problem was on a Terraform token; the tokens are checked by Terraform at plan time.
  return props as z.output<S>;
}

/**
 * The problems of `props` against `schema`, as {@link PropIssue}s (empty when it is valid or every
 * problem is on a Terraform token): one per unknown key with the closest known key, credentials
 * redacted.
 */
export function propIssues(schema: z.ZodType, props: unknown): PropIssue[] {
  const result = schema.safeParse(props, ZOD_PARSE_OPTIONS);
  return result.success ? [] : toPropIssues(schema, props, result.error.issues);
}

function toPropIssues(schema: z.ZodType, props: unknown, zodIssues: readonly z.core.$ZodIssue[]): PropIssue[] {
  const issues: PropIssue[] = [];
  for (const issue of zodIssues) {
    const { value, throughToken } = valueAt(props, issue.path);
    if (throughToken) continue;
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown key, named by its own path, with the closest known key as a suggestion.
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        issues.push({ prop: formatPath([...issue.path, key]), value: (value as Record<string, unknown>)[key], message: unknownKeyMessage(key, known) });
      }
      continue;
    }
    const redact = issue.code === 'custom' && (issue.params as { redact?: boolean } | undefined)?.redact === true;
    issues.push({ prop: formatPath(issue.path), value: redact ? REDACTED : value, message: describe(issue) });
  }
  return issues;
}

/** How a credential is shown in error messages: never the value itself. */
const REDACTED = '(redacted)';

function describe(issue: z.core.$ZodIssue): string {
  const msg = issue.message;
  if (issue.code === 'invalid_type' && / received undefined$/.test(msg)) {
    return `is required; pass ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'invalid_type' && msg.startsWith('Invalid input')) {
    return `has the wrong type (${msg.replace(/^Invalid input: /, '')}); pass a value of the expected type`;
  }
  return msg;
}

/**
 * Fails unless `props` is an object, for constructors that take props apart before validating the
 * parts (`const { cluster, ...spec } = props`).
 */
export function requireProps(scope: Construct, props: unknown): void {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    failProp(scope, '', props, props === undefined ? 'is required; pass the props object' : 'is not an object; pass the props object');
  }
}

/**
 * Throws a {@link ValidationError} for one problem found by hand-written checks (cross-prop rules
 * that read better as code than as a schema).
 */
export function failProp(scope: Construct, prop: string, value: unknown, message: string): never {
  throw new ValidationError(scope.node.path, [{ prop, value, message }]);
}
