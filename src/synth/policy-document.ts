/**
 * The one reader of IAM policy documents in synthesized attributes: JSON strings (with `${...}`
 * interpolations), `jsonencode`-free objects, and `${data.aws_iam_policy_document.x.json}`
 * references resolved to the data source (its `statement` blocks and its source/override
 * documents). Gives the statements (actions, resources, principals, conditions) and the Allow grants
 * of a document.
 *
 * Unknown is explicit: {@link readPolicyDocument} says `{ unknown: why }` for a document it cannot
 * read (another expression, text that is not JSON, a data source in another stack). The policy pack
 * reports that as a finding (the check needs a concrete document); the plan review cannot tell what
 * changed and says nothing ({@link statementsOf} gives undefined).
 */
import { isPureExpression, parseJsonWithInterpolations } from './expressions';
import { SynthStack } from './types';

/** Attributes of the data source at an address of the same stack (`data.aws_iam_policy_document.x`), if there is one. */
export type DataSourceLookup = (address: string) => Readonly<Record<string, unknown>> | undefined;

/** What {@link readPolicyDocument} found: the statements, or why the document cannot be read. */
export type PolicyDocumentRead = { readonly statements: readonly IamStatement[] } | { readonly unknown: string };

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

type StatementField = 'sid' | 'effect' | 'actions' | 'notActions' | 'resources' | 'notResources' | 'principals' | 'notPrincipals';

/** Where a statement's fields are in policy JSON. */
const JSON_FIELDS: Readonly<Record<StatementField, string>> = { sid: 'Sid', effect: 'Effect', actions: 'Action', notActions: 'NotAction', resources: 'Resource', notResources: 'NotResource', principals: 'Principal', notPrincipals: 'NotPrincipal' };
/** Where they are in a `statement` block of `data.aws_iam_policy_document`. */
const DATA_SOURCE_FIELDS: Readonly<Record<StatementField, string>> = { sid: 'sid', effect: 'effect', actions: 'actions', notActions: 'not_actions', resources: 'resources', notResources: 'not_resources', principals: 'principals', notPrincipals: 'not_principals' };

function statement(s: Record<string, unknown>, f: Readonly<Record<StatementField, string>>, principals: (v: unknown) => string[], conditions: ReadonlyMap<string, readonly string[]>): IamStatement {
  const sid = s[f.sid];
  return {
    sid: typeof sid === 'string' && sid !== '' ? sid : undefined,
    effect: String(s[f.effect] ?? 'Allow'),
    actions: list(s[f.actions]),
    notActions: list(s[f.notActions]),
    resources: list(s[f.resources]),
    notResources: list(s[f.notResources]),
    principals: principals(s[f.principals]),
    notPrincipals: principals(s[f.notPrincipals]),
    conditions,
  };
}

function fromJson(doc: unknown): IamStatement[] | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  return blocks((doc as Record<string, unknown>).Statement).map((s) => statement(s, JSON_FIELDS, principalsOf, jsonConditions(s.Condition)));
}

function principalBlocks(v: unknown): string[] {
  return blocks(v).flatMap((p) => list(p.identifiers).map((id) => (id === '*' ? '*' : `${String(p.type)}:${id}`)));
}

/** Statements of a `data.aws_iam_policy_document` (its `statement` blocks only). */
export function statementsOfDataSource(attributes: Readonly<Record<string, unknown>>): IamStatement[] {
  return blocks(attributes.statement).map((s) =>
    statement(s, DATA_SOURCE_FIELDS, principalBlocks, new Map(blocks(s.condition).map((c): [string, string[]] => [`${String(c.test)}\u0000${String(c.variable)}`, list(c.values)]))),
  );
}

/** A data source's document: its source documents, then its `statement` blocks, then its override documents. */
function fromDataSource(attributes: Readonly<Record<string, unknown>>, lookup: DataSourceLookup): PolicyDocumentRead {
  const statements: IamStatement[] = [];
  const inner = (key: string): string | undefined => {
    for (const doc of blocksOrValues(attributes[key])) {
      const read = readPolicyDocument(doc, lookup);
      if (!read) continue;
      if ('unknown' in read) return `${key} ${read.unknown}`;
      statements.push(...read.statements);
    }
    return undefined;
  };
  const sourceProblem = inner('source_policy_documents');
  if (sourceProblem) return { unknown: sourceProblem };
  statements.push(...statementsOfDataSource(attributes));
  const overrideProblem = inner('override_policy_documents');
  return overrideProblem ? { unknown: overrideProblem } : { statements };
}

function blocksOrValues(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Reads a policy document value: undefined when there is none, its statements, or why it cannot
 * be read. `lookup` finds `aws_iam_policy_document` data sources of the same stack.
 */
export function readPolicyDocument(value: unknown, lookup: DataSourceLookup): PolicyDocumentRead | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'object') {
    const statements = fromJson(value);
    return statements ? { statements } : { unknown: 'is not a policy document' };
  }
  if (typeof value !== 'string') return { unknown: 'is not a JSON string' };
  const trimmed = value.trim();
  if (isPureExpression(trimmed)) {
    const m = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(trimmed);
    if (!m) return { unknown: 'is a reference this reader cannot follow' };
    const data = lookup(m[1]);
    return data ? fromDataSource(data, lookup) : { unknown: `references ${m[1]}, which is not in this stack` };
  }
  const statements = fromJson(parseJsonWithInterpolations(trimmed));
  return statements ? { statements } : { unknown: 'is not JSON' };
}

/** Data sources of `stack`, for {@link readPolicyDocument}. */
export function dataSourcesOf(stack: SynthStack | undefined): DataSourceLookup {
  return (address) => stack?.data.get(address)?.attributes;
}

/**
 * The statements of a policy attribute value for the plan review: `[]` without a document,
 * undefined when it cannot be read (the review then cannot say what changed).
 */
export function statementsOf(value: unknown, stack: SynthStack | undefined): IamStatement[] | undefined {
  const read = readPolicyDocument(value, dataSourcesOf(stack));
  if (read === undefined) return [];
  return 'unknown' in read ? undefined : [...read.statements];
}

/** The conditions of a statement as a list: `test` (StringEquals, …), context `key`, `values`. */
export function conditionList(s: IamStatement): Array<{ readonly test: string; readonly key: string; readonly values: readonly string[] }> {
  return [...s.conditions].map(([k, values]) => {
    const [test, key] = k.split('\u0000');
    return { test, key, values };
  });
}

/** The ids of principals of one type (`Service`, `Federated`, `AWS`); a `*` id is `*` of any type. */
export function principalsOfType(s: IamStatement, type: string): string[] {
  return s.principals.filter((p) => p.startsWith(`${type}:`)).map((p) => p.slice(type.length + 1));
}

/** True when a statement names every principal (`"*"` or `{"AWS": "*"}`). */
export function isAnyPrincipal(s: IamStatement): boolean {
  return s.principals.includes('*');
}

/** The label of a statement in messages: `statement "Sid"` or `statement[i]`. */
export function statementLabel(s: IamStatement, index: number): string {
  return s.sid ? `statement "${s.sid}"` : `statement[${index}]`;
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
