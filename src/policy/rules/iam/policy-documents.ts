/**
 * IAM policy documents as the IAM rules read them, from a JSON string attribute or from an
 * `aws_iam_policy_document` data source in the same stack that the attribute references.
 */
import { PolicyRuleContext, SynthesizedResource } from '../../types';
import { blocks, isObject, isUnresolved, list } from '../../values';

/** One condition: `test` (StringEquals, …), the context `key` and its values. */
export interface Condition {
  readonly test: string;
  readonly key: string;
  readonly values: readonly unknown[];
}

/** One statement, normalized. Principals are `type → ids` (`*` for the bare `"Principal": "*"`). */
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly unknown[];
  readonly notActions: readonly unknown[];
  readonly resources: readonly unknown[];
  readonly principals: ReadonlyMap<string, readonly unknown[]>;
  readonly conditions: readonly Condition[];
}

/** A readable document, or why it could not be read. */
export type DocumentRead = { readonly statements: readonly Statement[] } | { readonly unknown: string };

/** Reads the policy document in `resource.attributes[attribute]`. */
export function readPolicyDocument(resource: SynthesizedResource, attribute: string, context: PolicyRuleContext): DocumentRead | undefined {
  return readDocumentValue(resource.attributes[attribute], context);
}

/** Reads a policy document value (JSON text or a reference to an aws_iam_policy_document). */
export function readDocumentValue(value: unknown, context: PolicyRuleContext): DocumentRead | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return { unknown: 'is not a JSON string' };
  const trimmed = value.trim();
  const ref = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(trimmed);
  if (ref) {
    const doc = context.byAddress(ref[1]);
    if (!doc) return { unknown: `references ${ref[1]}, which is not in this stack` };
    return fromDataSource(doc.attributes, context);
  }
  if (trimmed.startsWith('{')) {
    try {
      return { statements: fromJson(JSON.parse(trimmed)) };
    } catch {
      return { unknown: 'is not valid JSON' };
    }
  }
  return isUnresolved(trimmed) ? { unknown: 'is a reference this policy cannot follow' } : { unknown: 'is not JSON' };
}

function fromJson(doc: unknown): Statement[] {
  if (!isObject(doc)) return [];
  return list(doc.Statement)
    .filter(isObject)
    .map((s) => ({
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: typeof s.Effect === 'string' ? s.Effect : 'Allow',
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      principals: jsonPrincipals(s.Principal),
      conditions: isObject(s.Condition)
        ? Object.entries(s.Condition).flatMap(([test, byKey]) =>
            isObject(byKey) ? Object.entries(byKey).map(([key, values]) => ({ test, key, values: list(values) })) : [],
          )
        : [],
    }));
}

function jsonPrincipals(principal: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  if (principal === undefined) return out;
  if (!isObject(principal)) {
    out.set('*', list(principal));
    return out;
  }
  for (const [type, ids] of Object.entries(principal)) out.set(type, list(ids));
  return out;
}

function fromDataSource(attributes: Record<string, unknown>, context: PolicyRuleContext): DocumentRead {
  const statements: Statement[] = [];
  for (const key of ['source_policy_documents', 'override_policy_documents']) {
    for (const inner of list(attributes[key])) {
      const read = readDocumentValue(inner, context);
      if (!read) continue;
      if ('unknown' in read) return { unknown: `${key} ${read.unknown}` };
      statements.push(...read.statements);
    }
  }
  for (const s of blocks(attributes.statement)) {
    const principals = new Map<string, unknown[]>();
    for (const p of blocks(s.principals)) principals.set(String(p.type), list(p.identifiers));
    statements.push({
      sid: typeof s.sid === 'string' ? s.sid : undefined,
      effect: typeof s.effect === 'string' ? s.effect : 'Allow',
      actions: list(s.actions),
      notActions: list(s.not_actions),
      resources: list(s.resources),
      principals,
      conditions: blocks(s.condition).map((c) => ({ test: String(c.test), key: String(c.variable), values: list(c.values) })),
    });
  }
  return { statements };
}

/** The label of a statement in messages: `statement "Sid"` or `statement[i]`. */
export function statementLabel(s: Statement, index: number): string {
  return s.sid ? `statement "${s.sid}"` : `statement[${index}]`;
}

/** True when `ids` grants any principal: `*` (bare or as an AWS principal). */
export function isAnyPrincipal(s: Statement): boolean {
  return [...s.principals].some(([type, ids]) => (type === '*' || type === 'AWS') && ids.includes('*'));
}
