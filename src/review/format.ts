/** Value and money formatting shared by the renderers and danger messages (deterministic). */
import { canonical } from './attributes';
import { REDACTED } from './redact';

/** Longest value shown inline; longer ones are cut with `…`. */
export const MAX_VALUE_LENGTH = 100;

function code(text: string): string {
  const cut = text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
  return `\`${cut.replace(/`/g, "'").replace(/\r?\n/g, '\\n')}\``;
}

/** A value for Markdown: `(absent)` for undefined, the redaction marker as is, strings and JSON in backticks. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (value === REDACTED) return REDACTED;
  return code(typeof value === 'string' ? value : canonical(value));
}

/** Lines of context kept around the changed lines of long multi-line text. */
const CONTEXT_LINES = 1;
/** Characters of context kept around the changed part of a long single-line string. */
const CONTEXT_CHARS = 30;

function commonPrefix<T>(a: readonly T[], b: readonly T[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix<T>(a: readonly T[], b: readonly T[], prefix: number): number {
  let i = 0;
  while (i < a.length - prefix && i < b.length - prefix && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

function window<T>(items: readonly T[], from: number, to: number, joinWith: string): string {
  const start = Math.max(0, from);
  const end = Math.min(items.length, to);
  return `${start > 0 ? '…' : ''}${items.slice(start, end).join(joinWith)}${end < items.length ? '…' : ''}`;
}

/**
 * `before → after` for Markdown. When both are strings too long to show whole, only the part that
 * changed is shown: the changed lines with one line of context for multi-line text, else the
 * changed characters with some context, cut with `…`.
 */
export function formatChange(before: unknown, after: unknown): string {
  if (typeof before === 'string' && typeof after === 'string' && before !== REDACTED && after !== REDACTED && Math.max(before.length, after.length) > MAX_VALUE_LENGTH) {
    const multi = before.includes('\n') || after.includes('\n');
    const a = multi ? before.split('\n') : [...before];
    const b = multi ? after.split('\n') : [...after];
    const ctx = multi ? CONTEXT_LINES : CONTEXT_CHARS;
    const p = commonPrefix(a, b);
    const s = commonSuffix(a, b, p);
    const sep = multi ? '\n' : '';
    return `${code(window(a, p - ctx, a.length - s + ctx, sep))} → ${code(window(b, p - ctx, b.length - s + ctx, sep))}`;
  }
  return `${formatValue(before)} → ${formatValue(after)}`;
}

/** A list of names in backticks, at most `max` of them (`a`, `b` (+3 more)). */
export function formatList(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max).map((i) => code(i));
  return items.length > max ? `${shown.join(', ')} (+${items.length - max} more)` : shown.join(', ');
}

/** US dollars with two decimals and thousands separators: `$1,234.50`. */
export function usd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A signed difference in dollars: `+$12.00`, `-$3.50`, `$0.00`. */
export function usdDelta(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  if (rounded === 0) return '$0.00';
  return rounded > 0 ? `+${usd(rounded)}` : usd(rounded);
}

/** Code-unit string order (locale-independent, so output is the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
