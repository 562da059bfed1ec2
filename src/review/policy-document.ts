/**
 * Reads IAM policy documents from synthesized attributes: JSON strings (with `${...}`
 * interpolations), `jsonencode`-free objects, and `${data.aws_iam_policy_document.x.json}`
 * references resolved to the data source's `statement` blocks. Gives the Allow grants (actions,
 * resources, principals) that widening checks compare.
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

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function principalsOf(p: unknown): string[] {
  if (p === '*') return ['*'];
  if (typeof p !== 'object' || p === null) return [];
  return Object.entries(p as Record<string, unknown>).flatMap(([kind, ids]) => list(ids).map((id) => (id === '*' ? '*' : `${kind}:${id}`)));
}

interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  readonly principals: string[];
}

function fromJson(doc: unknown): Statement[] | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return statements.map((s: Record<string, unknown>) => ({
    effect: String(s.Effect ?? 'Allow'),
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals: principalsOf(s.Principal),
  }));
}

/** `statement` blocks of a `data.aws_iam_policy_document`. */
function fromDataSource(attributes: Readonly<Record<string, unknown>>): Statement[] {
  const blocks = Array.isArray(attributes.statement) ? attributes.statement : attributes.statement ? [attributes.statement] : [];
  return blocks.map((s: Record<string, unknown>) => {
    const principalBlocks = Array.isArray(s.principals) ? s.principals : s.principals ? [s.principals] : [];
    return {
      effect: String(s.effect ?? 'Allow'),
      actions: list(s.actions),
      notActions: list(s.not_actions),
      resources: list(s.resources),
      notResources: list(s.not_resources),
      principals: principalBlocks.flatMap((p: Record<string, unknown>) => list(p.identifiers).map((id) => (id === '*' ? '*' : `${String(p.type)}:${id}`))),
    };
  });
}

/**
 * The statements of a policy attribute value, or undefined when it cannot be read (an expression
 * other than a policy-document data source, or not JSON).
 */
function statementsOf(value: unknown, stack: SynthStack | undefined): Statement[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'object') return fromJson(value);
  if (typeof value !== 'string') return undefined;
  if (isPureExpression(value)) {
    const m = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(value);
    const data = m ? stack?.data.get(m[1]) : undefined;
    return data ? fromDataSource(data.attributes) : undefined;
  }
  return fromJson(parseJsonWithInterpolations(value));
}

/** The Allow grants of a policy attribute value; undefined when it cannot be read. */
export function grantsOf(value: unknown, stack?: SynthStack): Grants | undefined {
  const statements = statementsOf(value, stack);
  if (!statements) return undefined;
  const allow = statements.filter((s) => s.effect.toLowerCase() === 'allow');
  return {
    actions: new Map(allow.flatMap((s) => s.actions.map((a): [string, string] => [a.toLowerCase(), a])).reverse()),
    anyResource: allow.some((s) => s.resources.includes('*')),
    negated: allow.some((s) => s.notActions.length > 0 || s.notResources.length > 0),
    principals: new Set(allow.flatMap((s) => s.principals)),
  };
}
