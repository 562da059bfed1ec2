/**
 * `renderValue`: how error messages and policy findings show a value. Its own module (no cdktf, no
 * zod) so `cdktf-mlops check`, which only reads JSON, loads neither.
 */

/** A short, deterministic rendering of a prop value for error messages. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}
