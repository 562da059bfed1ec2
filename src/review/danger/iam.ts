/**
 * Danger: IAM permissions widened — new actions, wildcard actions, `Resource: "*"`,
 * NotAction/NotResource, new principals in trust and resource policies, managed policies newly
 * attached. Compares the Allow grants of each policy before and after (a new policy is compared
 * with nothing).
 */
import { formatList, formatValue } from '../format';
import { Grants, grantsOf, NO_GRANTS } from '../policy-document';
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

function merge(all: Grants[]): Grants {
  return {
    actions: new Map(all.flatMap((g) => [...g.actions]).reverse()),
    anyResource: all.some((g) => g.anyResource),
    negated: all.some((g) => g.negated),
    principals: new Set(all.flatMap((g) => [...g.principals])),
  };
}

/** Grants of a resource's policy attribute; undefined when some document cannot be read. */
function grants(r: SynthResource | undefined, attr: string, stack: SynthStack | undefined): Grants | undefined {
  const all = policyValues(r, attr).map((v) => grantsOf(v, stack));
  return all.some((g) => g === undefined) ? undefined : merge(all as Grants[]);
}

function widening(before: Grants, after: Grants): string[] {
  const parts: string[] = [];
  const newActions = [...after.actions].filter(([key]) => !before.actions.has(key)).map(([, name]) => name).sort();
  if (newActions.length > 0) parts.push(`new actions ${formatList(newActions)}`);
  const wildcards = newActions.filter((a) => a.includes('*'));
  if (wildcards.length > 0) parts.push(`wildcard actions ${formatList(wildcards)}`);
  if (after.anyResource && !before.anyResource) parts.push('`Resource: "*"` allowed');
  if (after.negated && !before.negated) parts.push('Allow with NotAction/NotResource');
  const newPrincipals = [...after.principals].filter((p) => !before.principals.has(p)).sort();
  if (newPrincipals.length > 0) parts.push(`new principals ${formatList(newPrincipals)}`);
  return parts;
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
      const was = before?.attributes[attachAttr];
      const now = after?.attributes[attachAttr];
      if (now !== undefined && now !== was) item(`attaches policy ${formatValue(now)}${was !== undefined ? ` (was ${formatValue(was)})` : ''}`);
      continue;
    }
    for (const attr of POLICY_ATTRIBUTES[change.type] ?? []) {
      const headStack = ctx.head.stacks.get(change.stack);
      const baseStack = change.from ? ctx.base.stacks.get(change.from.stack) : ctx.base.stacks.get(change.stack);
      const now = grants(after, attr, headStack);
      const was = before ? grants(before, attr, baseStack) : NO_GRANTS;
      if (now === undefined || was === undefined) {
        const changed = change.kind === 'added' || change.changes.some((c) => c.path === attr || c.path.startsWith(`${attr}.`) || c.path.startsWith(`${attr}[`));
        if (changed) item(`\`${attr}\` changed but is not a readable policy document; review it by hand`);
        continue;
      }
      const parts = widening(was, now);
      if (parts.length > 0) item(`\`${attr}\`: ${parts.join('; ')}`);
    }
  }
  return out;
}
