/**
 * Durations in the spellings the consumers take. They differ on purpose, so each has its own schema:
 * - Go durations (`time.ParseDuration`: Karpenter, External Secrets, Kubernetes): `1h30m`, `90s`;
 * - Prometheus durations (`model.ParseDuration`): `15m`, `1d`, `4w`;
 * - Gateway API durations (GEP-2257): at most 5 digits per unit, `h`, `m`, `s`, `ms`.
 */
import { z } from 'zod';

const SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds of a duration made of `<number><unit>` parts (`1h30m` → 5400), or undefined. */
export function parseDurationSeconds(text: string): number | undefined {
  const parts = [...text.matchAll(/([0-9]+)(ns|us|µs|ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * SECONDS[unit], 0);
}

/** Zod schemas of durations. */
export const durationSchemas = {
  /** A Go duration in whole seconds, minutes and hours as Karpenter and Kubernetes take it, e.g. `30s`, `5m`, `720h`. */
  duration: (example = '"30s", "5m" or "720h"') => z.string().regex(/^([0-9]+(s|m|h))+$/, { message: `is not a duration; use e.g. ${example}` }),
  /** A Go duration with sub-second units too, e.g. `1h`, `15m`, `500ms`, `0s`. */
  goDuration: (example = '"1h", "15m" or "0s"') => z.string().regex(/^([0-9]+(ns|us|µs|ms|s|m|h))+$/, { message: `is not a Go duration; use e.g. ${example}` }),
  /** A Prometheus duration, e.g. `30s`, `15m`, `1d`, `4w`. */
  promDuration: (example = '"15m" or "1h"') => z.string().regex(/^([0-9]+(ms|s|m|h|d|w|y))+$/, { message: `is not a Prometheus duration; use e.g. ${example}` }),
  /** A Gateway API duration (GEP-2257), e.g. `300s`, `1h`. */
  gatewayDuration: () => z.string().regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, { message: 'is not a Gateway API duration; use e.g. "300s"' }),
};
