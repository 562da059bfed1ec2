/**
 * Markdown of a plan review for a pull-request comment: summary, danger section first, cost
 * before/after, then per-stack changes (unchanged stacks collapse to one line). Deterministic and
 * kept under GitHub's comment limit (attribute details are dropped first, then stack sections).
 */
import { formatValue } from './format';
import { costSection } from './render-cost';
import { PlanReview } from './review';
import { DANGER_CATEGORIES, DANGER_TITLES, ResourceChange, StackDiff } from './types';

/** Hidden marker that identifies the comment (the example workflow updates the comment carrying it). */
export const COMMENT_MARKER = '<!-- cdktf-mlops plan review -->';

/** GitHub rejects comments over 65,536 characters; stay below with room for the marker. */
export const MAX_COMMENT_LENGTH = 60000;

/** Attribute changes shown per resource before "(+N more)". */
export const MAX_ATTRIBUTE_LINES = 25;

/** Terraform plan symbols of each change kind. */
export const KIND_SYMBOLS: Readonly<Record<ResourceChange['kind'], string>> = {
  added: '+',
  removed: '-',
  updated: '~',
  replaced: '-/+',
  readdressed: '-/+',
  moved: '~>',
};

function changeHeadline(c: ResourceChange): string {
  const path = c.path ? ` (\`${c.path}\`)` : '';
  const sym = `\`${KIND_SYMBOLS[c.kind]}\``;
  switch (c.kind) {
    case 'added':
      return `- ${sym} \`${c.address}\`${path}`;
    case 'removed':
      return `- ${sym} \`${c.address}\`${path} destroyed`;
    case 'updated':
      return `- ${sym} \`${c.address}\`${path}`;
    case 'replaced':
      return `- ${sym} \`${c.address}\`${path} replaced (${c.forceNew.map((a) => `\`${a}\``).join(', ')} forces replacement)`;
    case 'readdressed':
      return `- ${sym} \`${c.address}\`${path} replaces \`${c.from!.stack === c.stack ? '' : `${c.from!.stack}/`}${c.from!.address}\` (${c.matchedBy})`;
    case 'moved':
      return `- ${sym} \`${c.address}\`${path} moved from \`${c.from!.address}\``;
  }
}

function changeLines(c: ResourceChange, details: boolean): string[] {
  const lines = [changeHeadline(c)];
  if (!details) return lines;
  for (const a of c.changes.slice(0, MAX_ATTRIBUTE_LINES)) lines.push(`  - \`${a.path}\`: ${formatValue(a.before, a.redacted)} → ${formatValue(a.after, a.redacted)}`);
  if (c.changes.length > MAX_ATTRIBUTE_LINES) lines.push(`  - (+${c.changes.length - MAX_ATTRIBUTE_LINES} more attribute changes)`);
  return lines;
}

function counts(changes: readonly ResourceChange[]): string {
  const n = (kinds: ResourceChange['kind'][]): number => changes.filter((c) => kinds.includes(c.kind)).length;
  return `+${n(['added'])} ~${n(['updated', 'moved'])} -/+${n(['replaced', 'readdressed'])} -${n(['removed'])}`;
}

function stackSection(s: StackDiff, details: boolean): string[] {
  // A paragraph, not a list item: after a changed stack's list, a bullet would join that list.
  if (s.status === 'unchanged') return ['', `\`${s.stack}\`: unchanged (${s.resourceCount} resource${s.resourceCount === 1 ? '' : 's'})`];
  const note = s.status === 'added' ? ' — new stack' : s.status === 'removed' ? ' — stack removed' : '';
  const lines = ['', `#### \`${s.stack}\` (${counts(s.changes)})${note}`, ''];
  if (s.changes.length === 0) lines.push('Only resources moved to another stack.');
  for (const c of s.changes) lines.push(...changeLines(c, details));
  return lines;
}

function summary(r: PlanReview): string {
  const changed = r.stacks.filter((s) => s.status !== 'unchanged').length;
  const t = r.totals;
  return (
    `**${r.stacks.length} stack${r.stacks.length === 1 ? '' : 's'} (${changed} changed, ${r.stacks.length - changed} unchanged) · ` +
    `${t.added} to add, ${t.updated + t.moved} to change, ${t.replaced + t.readdressed} to replace, ${t.removed} to destroy · ` +
    `${r.danger.length} danger item${r.danger.length === 1 ? '' : 's'}**`
  );
}

function dangerSection(r: PlanReview): string[] {
  if (r.danger.length === 0) return ['### Danger', '', 'No danger items.'];
  const lines = [`### ⚠️ Danger (${r.danger.length})`];
  for (const cat of DANGER_CATEGORIES) {
    const items = r.danger.filter((d) => d.category === cat);
    if (items.length === 0) continue;
    lines.push('', `#### ${DANGER_TITLES[cat]}`, '');
    for (const d of items) lines.push(`- \`${d.stack}\` \`${d.address}\`: ${d.message}`);
  }
  return lines;
}

function render(r: PlanReview, details: boolean, stackLimit: number): string {
  const shown = r.stacks.slice(0, stackLimit);
  const lines = [
    COMMENT_MARKER,
    `## cdktf plan review: \`${r.base}\` → \`${r.head}\``,
    '',
    summary(r),
    '',
    ...dangerSection(r),
    '',
    ...costSection(r.cost.before, r.cost.after),
    '',
    '### Stacks',
    '',
    ...shown.flatMap((s) => stackSection(s, details)),
  ];
  if (!details) lines.push('', '_Attribute details omitted to fit the comment limit; run `cdktf-mlops diff --json` for all of them._');
  if (shown.length < r.stacks.length) lines.push('', `_${r.stacks.length - shown.length} more stacks omitted to fit the comment limit._`);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The review as Markdown, at most {@link MAX_COMMENT_LENGTH} characters. */
export function renderReviewMarkdown(r: PlanReview, maxLength = MAX_COMMENT_LENGTH): string {
  const full = render(r, true, r.stacks.length);
  if (full.length <= maxLength) return full;
  let limit = r.stacks.length;
  let text = render(r, false, limit);
  while (text.length > maxLength && limit > 0) text = render(r, false, --limit);
  return text;
}
