/**
 * Markdown of a plan review for a pull-request comment: summary, danger section first, cost
 * before/after, then per-stack changes (unchanged stacks collapse to one line). Deterministic and
 * guaranteed to fit GitHub's comment limit ({@link MAX_COMMENT_LENGTH}, measured in UTF-8 bytes so
 * it holds however GitHub counts). When the full text is too long it is shortened step by step until
 * it fits: attribute details dropped, danger items capped per category (with "… and N more"), the
 * cost breakdown dropped, stack sections dropped from the end, danger items capped harder, and as a
 * last resort the text is cut at a line with a marker. `--json` always has everything.
 */
import { replacementReason } from './danger/replacement';
import { formatChange } from './format';
import { costSection } from './render-cost';
import { PlanReview } from './review';
import { DANGER_CATEGORIES, DANGER_TITLES, ResourceChange, StackDiff } from './types';

/** Hidden marker that identifies the comment (the example workflow updates the comment carrying it). */
export const COMMENT_MARKER = '<!-- cdktf-mlops plan review -->';

/** GitHub rejects comments over 65,536 characters; stay below with room for the marker. */
export const MAX_COMMENT_LENGTH = 60000;

/** Attribute changes shown per resource before "(+N more)". */
export const MAX_ATTRIBUTE_LINES = 25;

/** Danger items shown per category when the full comment does not fit. */
export const MAX_DANGER_ITEMS = 50;

/** Danger items shown per category when even the shortened comment does not fit. */
export const MIN_DANGER_ITEMS = 10;

/** The last line of a comment cut at the limit. */
export const TRUNCATION_MARKER = '_… truncated to fit the comment limit; run `cdktf-mlops diff --json` for everything._';

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
      return `- ${sym} \`${c.address}\`${path} ${c.block ? 'removed' : 'destroyed'}`;
    case 'updated':
      return (c.mayForceNew?.length ?? 0) > 0 ? `- \`~?\` \`${c.address}\`${path} may be replaced (${replacementReason(c)})` : `- ${sym} \`${c.address}\`${path}`;
    case 'replaced':
      return `- ${sym} \`${c.address}\`${path} replaced (${c.cascade?.length ? replacementReason(c) : `${c.forceNew.map((a) => `\`${a}\``).join(', ')} forces replacement`})`;
    case 'readdressed':
      return `- ${sym} \`${c.address}\`${path} replaces \`${c.from!.stack === c.stack ? '' : `${c.from!.stack}/`}${c.from!.address}\` (${c.matchedBy})`;
    case 'moved':
      return `- ${sym} \`${c.address}\`${path} moved from \`${c.from!.address}\``;
  }
}

function changeLines(c: ResourceChange, details: boolean): string[] {
  const lines = [changeHeadline(c)];
  if (!details) return lines;
  for (const a of c.changes.slice(0, MAX_ATTRIBUTE_LINES)) lines.push(`  - \`${a.path}\`: ${formatChange(a.before, a.after)}`);
  if (c.changes.length > MAX_ATTRIBUTE_LINES) lines.push(`  - (+${c.changes.length - MAX_ATTRIBUTE_LINES} more attribute changes)`);
  return lines;
}

function counts(changes: readonly ResourceChange[]): string {
  const n = (kinds: ResourceChange['kind'][], block: boolean): number => changes.filter((c) => kinds.includes(c.kind) && (c.block !== undefined) === block).length;
  const managed = `+${n(['added'], false)} ~${n(['updated', 'moved'], false)} -/+${n(['replaced', 'readdressed'], false)} -${n(['removed'], false)}`;
  const blocks = changes.some((c) => c.block) ? `; data/local/ephemeral +${n(['added'], true)} ~${n(['updated'], true)} -${n(['removed'], true)}` : '';
  return managed + blocks;
}

function stackSection(s: StackDiff, details: boolean): string[] {
  // A paragraph, not a list item: after a changed stack's list, a bullet would join that list.
  if (s.status === 'unchanged') return ['', `\`${s.stack}\`: unchanged (${s.resourceCount} resource${s.resourceCount === 1 ? '' : 's'})`];
  if (s.status === 'unselected') return ['', `\`${s.stack}\`: not in head (synthesized for a selection of stack sets, STACK_SETS); not compared`];
  if (s.status === 'removed') {
    return ['', `#### \`${s.stack}\` — stack removed from the app`, '', `\`cdktf deploy\` leaves its ${s.resourceCount} resources running: destroy it first with \`cdktf destroy ${s.stack}\`.`];
  }
  const note = s.status === 'added' ? ' — new stack' : '';
  const fromPlan = s.changes.some((c) => c.source === 'plan') ? ' — from terraform plan' : '';
  const lines = ['', `#### \`${s.stack}\` (${counts(s.changes)})${note}${fromPlan}`, ''];
  if (s.changes.length === 0) lines.push('Only resources moved to another stack.');
  for (const c of s.changes) lines.push(...changeLines(c, details));
  return lines;
}

function summary(r: PlanReview): string {
  const changed = r.stacks.filter((s) => s.status !== 'unchanged' && s.status !== 'unselected').length;
  const unselected = r.stacks.filter((s) => s.status === 'unselected').length;
  const notCompared = unselected > 0 ? `, ${unselected} not compared` : '';
  const t = r.totals;
  const blocks = r.blockChanges > 0 ? `${r.blockChanges} data/local/ephemeral change${r.blockChanges === 1 ? '' : 's'} · ` : '';
  return (
    `**${r.stacks.length} stack${r.stacks.length === 1 ? '' : 's'} (${changed} changed, ${r.stacks.length - changed - unselected} unchanged${notCompared}) · ` +
    `${t.added} to add, ${t.updated + t.moved - r.mayReplace} to change, ${t.replaced + t.readdressed} to replace, ${r.mayReplace > 0 ? `${r.mayReplace} may replace, ` : ''}${t.removed} to destroy · ` +
    `${blocks}${r.danger.length} danger item${r.danger.length === 1 ? '' : 's'}**`
  );
}

/** Where the verdicts come from, when it matters: Terraform plans given, or possible replacements. */
function modeNote(r: PlanReview): string[] {
  const lines: string[] = [];
  if (r.planStacks.length > 0) {
    lines.push(`_Actions and replacements from \`terraform plan\` for ${r.planStacks.map((s) => `\`${s}\``).join(', ')}; other stacks compared statically._`);
  }
  if (r.mayReplace > 0) {
    lines.push('_"May replace" (`~?`): the change touches an attribute whose replacement behaviour the pinned providers\' facts do not record, or reads something that may be replaced; check it with `terraform plan`._');
  }
  return lines.length > 0 ? [...lines, ''] : [];
}

function dangerSection(r: PlanReview, cap: number): string[] {
  if (r.danger.length === 0) return ['### Danger', '', 'No danger items.'];
  const lines = [`### ⚠️ Danger (${r.danger.length})`];
  for (const cat of DANGER_CATEGORIES) {
    const items = r.danger.filter((d) => d.category === cat);
    if (items.length === 0) continue;
    lines.push('', `#### ${DANGER_TITLES[cat]}`, '');
    for (const d of items.slice(0, cap)) lines.push(`- \`${d.stack}\` \`${d.address}\`: ${d.message}`);
    if (items.length > cap) lines.push(`- … and ${items.length - cap} more; run with --json`);
  }
  return lines;
}

/** How much of the review a rendering shows. */
interface Shown {
  readonly details: boolean;
  readonly dangerCap: number;
  readonly costDetails: boolean;
  readonly stacks: number;
}

function render(r: PlanReview, shown: Shown): string {
  const stacks = r.stacks.slice(0, shown.stacks);
  const lines = [
    COMMENT_MARKER,
    `## cdktf plan review: \`${r.base}\` → \`${r.head}\``,
    '',
    summary(r),
    '',
    ...modeNote(r),
    ...dangerSection(r, shown.dangerCap),
    '',
    ...costSection(r.cost.before, r.cost.after, shown.costDetails),
    '',
    '### Stacks',
    '',
    ...stacks.flatMap((s) => stackSection(s, shown.details)),
  ];
  if (!shown.details) lines.push('', '_Attribute details omitted to fit the comment limit; run `cdktf-mlops diff --json` for all of them._');
  if (stacks.length < r.stacks.length) lines.push('', `_${r.stacks.length - stacks.length} more stacks omitted to fit the comment limit; run with --json for all of them._`);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Size as GitHub could count it at most: UTF-8 bytes (never fewer than characters or UTF-16 units). */
function size(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The largest `n` in [0, max] for which `fits(n)`, given that fitting is monotone (0 is tried last). */
function largest(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Cuts `text` at a line so that it and the marker fit in `maxLength`. */
function truncate(text: string, maxLength: number): string {
  const lines = text.split('\n');
  const tail = `\n\n${TRUNCATION_MARKER}`;
  const keep = largest(lines.length, (n) => size(lines.slice(0, n).join('\n') + tail) <= maxLength);
  const out = lines.slice(0, keep).join('\n') + tail;
  // a limit smaller than the marker itself: cut the marker too
  return size(out) <= maxLength ? out : Buffer.from(out, 'utf8').subarray(0, maxLength).toString('utf8').replace(/\uFFFD$/, '');
}

/**
 * The review as Markdown, at most `maxLength` UTF-8 bytes (so at most that many characters):
 * in full when it fits, else shortened step by step (see the file comment).
 */
export function renderReviewMarkdown(r: PlanReview, maxLength = MAX_COMMENT_LENGTH): string {
  const all = r.stacks.length;
  const steps: Shown[] = [
    { details: true, dangerCap: Infinity, costDetails: true, stacks: all },
    { details: false, dangerCap: Infinity, costDetails: true, stacks: all },
    { details: false, dangerCap: MAX_DANGER_ITEMS, costDetails: true, stacks: all },
    { details: false, dangerCap: MAX_DANGER_ITEMS, costDetails: false, stacks: all },
  ];
  for (const step of steps) {
    const text = render(r, step);
    if (size(text) <= maxLength) return text;
  }
  for (const dangerCap of [MAX_DANGER_ITEMS, MIN_DANGER_ITEMS]) {
    const base = { details: false, dangerCap, costDetails: false };
    const fits = (n: number): boolean => size(render(r, { ...base, stacks: n })) <= maxLength;
    if (fits(0)) return render(r, { ...base, stacks: largest(all, fits) });
  }
  return truncate(render(r, { details: false, dangerCap: MIN_DANGER_ITEMS, costDetails: false, stacks: 0 }), maxLength);
}
