/**
 * The value of a Kubernetes quantity (`500m`, `1.5Gi`, `2e3`), with the grammar of
 * k8s.io/apimachinery `pkg/api/resource/quantity.go` (see quantity.ts). No zod import: the review
 * CLI, which reads quantities from synthesized JSON, loads this alone.
 */

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|[numkMGTPE])?$/;

/** The fix every quantity message ends with. */
export const QUANTITY_FIX = 'use e.g. "500m", "2", "4Gi"';

/** The value of a Kubernetes quantity (`"1.5Gi"` → 1610612736), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, number, suffix = ''] = m;
  const multiplier = BINARY[suffix] ?? DECIMAL[suffix] ?? 10 ** Number(suffix.slice(1));
  const value = Number(number) * multiplier;
  return Number.isFinite(value) ? value : undefined;
}

/** `-1`, `0` or `1` as `a` is less than, equal to or greater than `b` (both valid quantities). */
export function compareQuantities(a: string, b: string): number {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) throw new Error(`compareQuantities: "${a}" or "${b}" is not a Kubernetes quantity`);
  // Relative tolerance: "1Gi" and "1073741824" are the same quantity, float rounding aside.
  if (Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-12) return 0;
  return x < y ? -1 : 1;
}
