/**
 * Reads IAM policy documents from synthesized attributes: JSON strings (with `${...}`
 * interpolations), `jsonencode`-free objects, and `${data.aws_iam_policy_document.x.json}`
 * references resolved to the data source's `statement` blocks. Gives the statements (actions,
 * resources, principals, conditions) that the widening check compares one by one, and the Allow
 * grants of the whole document.
 */
import { isPureExpression, parseJsonWithInterpolations } from './expressions';
import { SynthStack } from './types';

/** What a document allows. */
export interface Grants {
  /** Allowed actions by lower-cased name (IAM actions are case-insensitive) → name as written. */
  readonly actions: ReadonlyMap<string, string>;
  /** Allow statements with `Resource: "*"`. */
  readonly anyResource: boolean;
  /** Allow statements with NotAction or NotResource. */
  readonly negated: boolean;
  /** Principals as `AWS:arn`, `Service:name`, `Federated:x`, or `*`. */
  readonly principals: ReadonlySet<string>;
}

/** No grants (a document that did not exist). */
export const NO_GRANTS: Grants = { actions: new Map(), anyResource: false, negated: false, principals: new Set() };

/** One statement, normalized from JSON or from a policy-document data source. */
export interface IamStatement {
  readonly sid?: string;
  /** `Allow` or `Deny` as written. */
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Principals as `AWS:arn`, `Service:name`, `Federated:x`, or `*`. */
  readonly principals: readonly string[];
  readonly notPrincipals: readonly string[];
  /** Condition values by `operator\u0000key` (`StringEquals\u0000aws:SourceAccount`). */
  readonly conditions: ReadonlyMap<string, readonly string[]>;
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function principalsOf(p: unknown): string[] {
  if (p === '*') return ['*'];
  if (typeof p !== 'object' || p === null) return [];
  return Object.entries(p as Record<string, unknown>).flatMap(([kind, ids]) => list(ids).map((id) => (id === '*' ? '*' : `${kind}:${id}`)));
}

function blocks(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v ? [v] : []).filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
}

function jsonConditions(c: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (typeof c !== 'object' || c === null) return out;
  for (const [op, byKey] of Object.entries(c as Record<string, unknown>)) {
    if (typeof byKey !== 'object' || byKey === null) continue;
    for (const [key, values] of Object.entries(byKey as Record<string, unknown>)) out.set(`${op}\u0000${key}`, list(values));
  }
  return out;
}

function fromJson(doc: unknown): IamStatement[] | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  return blocks(raw).map((s) => ({
    sid: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined,
    effect: String(s.Effect ?? 'Allow'),
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals: principalsOf(s.Principal),
    notPrincipals: principalsOf(s.NotPrincipal),
    conditions: jsonConditions(s.Condition),
  }));
}

function principalBlocks(v: unknown): string[] {
  return blocks(v).flatMap((p) => list(p.identifiers).map((id) => (id === '*' ? '*' : `${String(p.type)}:${id}`)));
}

/** Statements of a `data.aws_iam_policy_document` (its `statement` blocks). */
export function statementsOfDataSource(attributes: Readonly<Record<string, unknown>>): IamStatement[] {
  return blocks(attributes.statement).map((s) => ({
    sid: typeof s.sid === 'string' && s.sid !== '' ? s.sid : undefined,
    effect: String(s.effect ?? 'Allow'),
    actions: list(s.actions),
    notActions: list(s.not_actions),
    resources: list(s.resources),
    notResources: list(s.not_resources),
    principals: principalBlocks(s.principals),
    notPrincipals: principalBlocks(s.not_principals),
    conditions: new Map(blocks(s.condition).map((c): [string, string[]] => [`${String(c.test)}\u0000${String(c.variable)}`, list(c.values)])),
  }));
}

/**
 * The statements of a policy attribute value, or undefined when it cannot be read (an expression
 * other than a policy-document data source, or not JSON).
 */
export function statementsOf(value: unknown, stack: SynthStack | undefined): IamStatement[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'object') return fromJson(value);
  if (typeof value !== 'string') return undefined;
  if (isPureExpression(value)) {
    const m = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(value);
    const data = m ? stack?.data.get(m[1]) : undefined;
    return data ? statementsOfDataSource(data.attributes) : undefined;
  }
  return fromJson(parseJsonWithInterpolations(value));
}

/** The Allow grants of statements. */
export function grantsOfStatements(statements: readonly IamStatement[]): Grants {
  const allow = statements.filter((s) => s.effect.toLowerCase() === 'allow');
  return {
    actions: new Map(allow.flatMap((s) => s.actions.map((a): [string, string] => [a.toLowerCase(), a])).reverse()),
    anyResource: allow.some((s) => s.resources.includes('*')),
    negated: allow.some((s) => s.notActions.length > 0 || s.notResources.length > 0),
    principals: new Set(allow.flatMap((s) => s.principals)),
  };
}

/** The Allow grants of a policy attribute value; undefined when it cannot be read. */
export function grantsOf(value: unknown, stack?: SynthStack): Grants | undefined {
  const statements = statementsOf(value, stack);
  return statements ? grantsOfStatements(statements) : undefined;
}

function globRegex(pattern: string, flags: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
}

/**
 * True when IAM pattern `outer` matches everything `inner` matches (approximately: `outer`'s
 * wildcards must match `inner`'s text, wildcards included). Actions compare case-insensitively.
 */
export function covers(outer: string, inner: string, caseInsensitive = false): boolean {
  if (outer === inner || (caseInsensitive && outer.toLowerCase() === inner.toLowerCase())) return true;
  if (!/[*?]/.test(outer)) return false;
  return globRegex(outer, caseInsensitive ? 'i' : '').test(inner);
}
