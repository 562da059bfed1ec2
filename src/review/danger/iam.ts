/**
 * Danger: IAM permissions widened. Each Allow statement of the head policy is compared with its
 * counterpart in the base (same `Sid`, else the statement sharing the most actions, resources,
 * principals and condition keys): new actions (wildcards separately), resources broadened by a
 * wildcard, `Resource: "*"`, NotAction/NotResource, new principals, and conditions removed or
 * given more values are each a danger item naming the statement. A statement with no counterpart
 * is new; a removed or changed Deny statement is reported too. A policy that did not exist before
 * is summarized in one item; managed policies newly attached are items as well. Policy documents
 * may be JSON strings, objects or `data.aws_iam_policy_document` data sources — a changed data
 * source is checked itself, naming the resources that use it.
 */
import { referencesInValue } from '../../synth/expressions';
import { formatList, formatValue } from '../format';
import { covers, Grants, grantsOfStatements, NO_GRANTS, IamStatement, statementsOf, statementsOfDataSource } from '../../synth/policy-document';
import { DangerItem, SynthResource, SynthStack } from '../types';
import { DangerContext, sides } from './context';

/** Policy attributes by resource type (identity, trust and resource policies). */
export const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy', 'inline_policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_kms_key_policy: ['policy'],
  aws_sqs_queue: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_ecr_repository_policy: ['policy'],
};

/** Attachment types and the attribute naming the attached policy. */
export const ATTACHMENT_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_eks_access_policy_association: 'policy_arn',
};

function policyValues(r: SynthResource | undefined, attr: string): unknown[] {
  const v = r?.attributes[attr];
  if (attr === 'inline_policy') return (Array.isArray(v) ? v : v ? [v] : []).map((b: Record<string, unknown>) => b.policy);
  return v === undefined ? [] : [v];
}

/** Statements of a resource's policy attribute (all documents of it); undefined when some document cannot be read. */
function statements(r: SynthResource | undefined, attr: string, stack: SynthStack | undefined): IamStatement[] | undefined {
  const all = policyValues(r, attr).map((v) => statementsOf(v, stack));
  return all.some((g) => g === undefined) ? undefined : (all as IamStatement[][]).flat();
}

/** The summary of a policy that did not exist before. */
function newPolicy(after: Grants): string[] {
  const before = NO_GRANTS;
  const parts: string[] = [];
  const newActions = [...after.actions].filter(([key]) => !before.actions.has(key)).map(([, name]) => name).sort();
  if (newActions.length > 0) parts.push(`new actions ${formatList(newActions)}`);
  const wildcards = newActions.filter((a) => a.includes('*'));
  if (wildcards.length > 0) parts.push(`wildcard actions ${formatList(wildcards)}`);
  if (after.anyResource) parts.push('`Resource: "*"` allowed');
  if (after.negated) parts.push('Allow with NotAction/NotResource');
  const newPrincipals = [...after.principals].sort();
  if (newPrincipals.length > 0) parts.push(`new principals ${formatList(newPrincipals)}`);
  return parts;
}

const isAllow = (s: IamStatement): boolean => s.effect.toLowerCase() === 'allow';
const wildcard = (text: string): boolean => /[*?]/.test(text);
const sorted = (items: readonly string[]): string[] => [...items].sort();

/** How much two statements have in common: actions and resources that one covers in the other, shared principals and condition keys. */
function overlap(a: IamStatement, b: IamStatement): number {
  // a bare `*` covers everything and says nothing about which statement this was
  const related = (x: readonly string[], y: readonly string[], fold: boolean): number =>
    x.filter((v) => v !== '*' && y.some((w) => w !== '*' && (covers(w, v, fold) || covers(v, w, fold)))).length;
  const shared = (x: readonly string[], y: readonly string[]): number => x.filter((v) => y.includes(v)).length;
  return related(a.actions, b.actions, true) + related(a.resources, b.resources, false) + shared(a.principals, b.principals) + shared([...a.conditions.keys()], [...b.conditions.keys()]);
}

/** The base statement a head statement is compared with: same Sid, else the one with most in common (ties: nearest position). */
function counterpart(s: IamStatement, index: number, base: readonly IamStatement[]): IamStatement | undefined {
  const same = base.filter((b) => b.effect.toLowerCase() === s.effect.toLowerCase());
  if (s.sid !== undefined) {
    const bySid = same.find((b) => b.sid === s.sid);
    if (bySid) return bySid;
  }
  let best: IamStatement | undefined;
  let bestScore = 0;
  let bestDistance = Infinity;
  for (const b of same) {
    const score = overlap(s, b);
    const distance = Math.abs(base.indexOf(b) - index);
    if (score > bestScore || (score === bestScore && score > 0 && distance < bestDistance)) {
      best = b;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return best;
}

function conditionName(key: string): string {
  const [op, variable] = key.split('\u0000');
  return `\`${op}\` \`${variable}\``;
}

/** What head statement `s` allows beyond base statement `b`, one phrase per finding. */
function statementWidening(b: IamStatement, s: IamStatement): string[] {
  const out: string[] = [];
  const newActions = s.actions.filter((a) => !b.actions.some((x) => covers(x, a, true)));
  const plain = newActions.filter((a) => !wildcard(a));
  const wild = newActions.filter(wildcard);
  if (plain.length > 0) out.push(`new actions ${formatList(sorted(plain))}`);
  if (wild.length > 0) out.push(`new wildcard actions ${formatList(sorted(wild))}`);
  if (s.notActions.length > 0 && b.notActions.length === 0) out.push('Allow with NotAction');
  const unexcludedActions = b.notActions.filter((a) => s.notActions.length > 0 && !s.notActions.some((x) => covers(x, a, true)));
  if (unexcludedActions.length > 0) out.push(`NotAction no longer excludes ${formatList(sorted(unexcludedActions))}`);
  if (s.resources.includes('*') && !b.resources.includes('*')) out.push('`Resource: "*"` allowed');
  for (const r of sorted(s.resources)) {
    if (r === '*' || !wildcard(r) || b.resources.some((x) => covers(x, r))) continue;
    const narrower = b.resources.filter((x) => covers(r, x));
    if (narrower.length > 0) out.push(`resource \`${r}\` is broader than ${formatList(sorted(narrower))}`);
    else out.push(`new wildcard resource \`${r}\`${b.resources.length > 0 ? ` (statement had ${formatList(sorted(b.resources))})` : ''}`);
  }
  if (s.notResources.length > 0 && b.notResources.length === 0) out.push('Allow with NotResource');
  const newPrincipals = b.principals.includes('*') ? [] : s.principals.filter((p) => !b.principals.includes(p));
  if (newPrincipals.length > 0) out.push(`new principals ${formatList(sorted(newPrincipals))}`);
  for (const [key, values] of [...b.conditions].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const now = s.conditions.get(key);
    if (now === undefined) out.push(`condition ${conditionName(key)} removed (was ${formatList(sorted(values))})`);
    else if (now.some((v) => !values.includes(v))) out.push(`condition ${conditionName(key)} loosened: ${formatList(sorted(values))} → ${formatList(sorted(now))}`);
  }
  return out;
}

function statementLabel(s: IamStatement, index: number): string {
  return s.sid !== undefined ? `statement \`${s.sid}\`` : `statement ${index}`;
}

function sameStatement(a: IamStatement, b: IamStatement): boolean {
  const key = (s: IamStatement): string => JSON.stringify({ ...s, conditions: [...s.conditions].sort() });
  return key(a) === key(b);
}

/** Widening findings between two statement lists, as `statement …: phrase`. */
export function policyWidening(base: readonly IamStatement[], head: readonly IamStatement[]): string[] {
  if (base.length === 0) {
    const parts = newPolicy(grantsOfStatements(head));
    return parts.length > 0 ? [parts.join('; ')] : [];
  }
  const out: string[] = [];
  head.forEach((s, i) => {
    if (!isAllow(s)) return;
    const b = counterpart(s, i, base);
    if (!b) {
      const what = [
        s.actions.length > 0 ? `actions ${formatList(sorted(s.actions))}` : `NotAction ${formatList(sorted(s.notActions))}`,
        ...(s.resources.length > 0 ? [`on ${formatList(sorted(s.resources))}`] : []),
        ...(s.notResources.length > 0 ? [`on all but ${formatList(sorted(s.notResources))}`] : []),
        ...(s.principals.length > 0 ? [`for ${formatList(sorted(s.principals))}`] : []),
      ];
      out.push(`${statementLabel(s, i)} (new): allows ${what.join(' ')}`);
      return;
    }
    for (const phrase of statementWidening(b, s)) out.push(`${statementLabel(s, i)}: ${phrase}`);
  });
  base.forEach((b, j) => {
    if (isAllow(b)) return;
    const denies = head.filter((s) => !isAllow(s));
    if (denies.some((s) => sameStatement(s, b))) return;
    const bySid = b.sid !== undefined && denies.some((s) => s.sid === b.sid);
    out.push(`Deny ${statementLabel(b, j)} ${bySid ? 'changed; check that it still denies what it did' : 'removed'}`);
  });
  return out;
}

/** Resources of a stack that read `address` (for naming the users of a policy document). */
function usersOf(stack: SynthStack | undefined, address: string): string[] {
  if (!stack) return [];
  return [...stack.resources.values()].filter((r) => referencesInValue(r.attributes).some((ref) => ref.address === address)).map((r) => r.address).sort();
}

function attachmentItem(before: SynthResource | undefined, after: SynthResource | undefined, attachAttr: string, item: (m: string) => void): void {
  const was = before?.attributes[attachAttr];
  const now = after?.attributes[attachAttr];
  if (now !== undefined && now !== was) item(`attaches policy ${formatValue(now)}${was !== undefined ? ` (was ${formatValue(was)})` : ''}`);
}

/** IAM widening between base and head. */
export function iamDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    if (change.kind === 'removed') continue;
    const { before, after } = sides(ctx, change);
    const item = (message: string): void => void out.push({ category: 'iam', stack: change.stack, address: change.address, message });
    const attachAttr = ATTACHMENT_ATTRIBUTES[change.type];
    if (attachAttr) {
      attachmentItem(before, after, attachAttr, item);
      continue;
    }
    for (const attr of POLICY_ATTRIBUTES[change.type] ?? []) {
      const headStack = ctx.head.stacks.get(change.stack);
      const baseStack = change.from ? ctx.base.stacks.get(change.from.stack) : ctx.base.stacks.get(change.stack);
      const now = statements(after, attr, headStack);
      const was = before ? statements(before, attr, baseStack) : [];
      if (now === undefined || was === undefined) {
        const changed = change.kind === 'added' || change.changes.some((c) => c.path === attr || c.path.startsWith(`${attr}.`) || c.path.startsWith(`${attr}[`));
        if (changed) item(`\`${attr}\` changed but is not a readable policy document; review it by hand`);
        continue;
      }
      const findings = policyWidening(was, now);
      if (was.length === 0 && findings.length > 0) item(`\`${attr}\`: ${findings[0]}`);
      else for (const f of findings) item(`\`${attr}\` ${f}`);
    }
  }
  for (const change of ctx.blockChanges ?? []) {
    if (change.block !== 'data' || change.type !== 'aws_iam_policy_document' || change.kind !== 'updated') continue;
    const { before, after } = sides(ctx, change);
    if (!before || !after) continue;
    const users = usersOf(ctx.head.stacks.get(change.stack), change.address);
    const usedBy = users.length > 0 ? ` (used by ${formatList(users)})` : '';
    for (const f of policyWidening(statementsOfDataSource(before.attributes), statementsOfDataSource(after.attributes))) {
      out.push({ category: 'iam', stack: change.stack, address: change.address, message: `${f}${usedBy}` });
    }
  }
  return out;
}
