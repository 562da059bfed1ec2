/**
 * One validator for every schedule the library writes: Kubernetes CronJobs (Feast
 * materialization, drift checks, vector database backups) and Karpenter disruption budgets.
 *
 * Both consumers parse schedules with robfig/cron v3 `ParseStandard` (Kubernetes
 * `pkg/apis/batch/validation/validation.go` `validateScheduleFormat`; Karpenter prefixes `TZ=UTC`),
 * and Karpenter's NodePool CRD adds a pattern that allows the `@` macros or five fields. Accepted
 * here is what both take and means what it says:
 * - five fields `minute hour day-of-month month day-of-week` (robfig bounds: day-of-week 0-6,
 *   `SUN`-`SAT`, months `JAN`-`DEC`, `?` as `*` in the two day fields), lists, ranges and steps;
 * - the macros `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
 *
 * Refused: `TZ=`/`CRON_TZ=` (Kubernetes refuses it next to the CronJob's `timeZone`, and
 * Karpenter already prefixes `TZ=UTC`), `@every` (not a cron schedule; Karpenter's CRD refuses it),
 * day-of-week 7 (robfig v3 refuses it), a step larger than its field (`*\/61` runs once an hour,
 * not every 61 minutes) and a day that no selected month has (`0 0 30 2 *` never runs).
 */
import { z } from 'zod';

/** One field of a cron schedule. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly question?: boolean;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

/** The `@` macros both consumers accept. */
export const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

/** Days in each month (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The fix every cron message ends with. */
export const CRON_FIX = 'use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly';

/** What is wrong with `schedule`, or undefined when it is a valid schedule. */
export function cronProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (/^(CRON_)?TZ=/.test(text)) return `sets a time zone; schedules run in UTC (the CronJob's timeZone), drop the "${text.split(/\s/)[0]}" prefix and ${CRON_FIX}`;
  if (text.startsWith('@')) {
    if ((CRON_MACROS as readonly string[]).includes(text)) return undefined;
    return `is not a cron macro (${CRON_MACROS.join(', ')}; "@every" is not supported); ${CRON_FIX}`;
  }
  const fields = text === '' ? [] : text.split(/\s+/);
  if (fields.length !== 5) return `is not a 5-field cron schedule (it has ${fields.length}); ${CRON_FIX}`;
  const values: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(fields[i], FIELDS[i]);
    if (typeof parsed === 'string') return `has an invalid ${FIELDS[i].name} field "${fields[i]}" (${parsed}); ${CRON_FIX}`;
    values.push(parsed);
  }
  const [, , days, months] = values;
  const anyWeekday = ['*', '?'].includes(fields[4]);
  if (anyWeekday && !months.some((month) => days.some((day) => day <= DAYS_IN_MONTH[month - 1]))) {
    return `never runs: no selected month has day ${fields[2]}; ${CRON_FIX}`;
  }
  return undefined;
}

/** The values a field selects, or what is wrong with it. */
function parseField(text: string, field: CronField): number[] | string {
  const selected = new Set<number>();
  for (const part of text.split(',')) {
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0) return 'more than one "/"';
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step "${step}" is not a positive integer`;
    const stepSize = step === undefined ? 1 : Number(step);
    if (stepSize > field.max - field.min) return `step "${step}" is larger than the field's range ${field.min}-${field.max}, so it selects one value; list the values instead`;
    let from: number;
    let to: number;
    if (range === '*' || (range === '?' && field.question)) {
      [from, to] = [field.min, field.max];
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) return `"${range}" is not a value or a range`;
      const numbers = bounds.map((b) => value(b, field));
      if (numbers.some((n) => n === undefined)) return `"${range}" is not a number from ${field.min} to ${field.max}${field.names ? ' or a name' : ''}`;
      from = numbers[0]!;
      to = numbers.length === 2 ? numbers[1]! : step === undefined ? from : field.max;
      if (from > to) return `range "${range}" runs backwards`;
    }
    for (let v = from; v <= to; v += stepSize) selected.add(v);
  }
  return [...selected];
}

function value(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** Zod schema of a cron schedule with the messages of {@link cronProblem}. */
export function cronSchema() {
  return z.string().superRefine((schedule, ctx) => {
    const problem = cronProblem(schedule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
