/** Value and money formatting shared by the renderers and danger messages (deterministic). */
import { canonical } from './attributes';
import { REDACTED } from './redact';

/** Longest value shown inline; longer ones are cut with `…`. */
export const MAX_VALUE_LENGTH = 100;

function code(text: string): string {
  const cut = text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
  return `\`${cut.replace(/`/g, "'").replace(/\r?\n/g, '\\n')}\``;
}

/** A value for Markdown: `(absent)` for undefined, strings and JSON in backticks. */
export function formatValue(value: unknown, redacted = false): string {
  if (value === undefined) return '(absent)';
  if (redacted) return REDACTED;
  return code(typeof value === 'string' ? value : canonical(value));
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
