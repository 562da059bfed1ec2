/**
 * Five-field cron schedules as Kubernetes CronJobs take them (`minute hour day-of-month month
 * day-of-week`, evaluated in the CronJob's `timeZone`). Macros (`@hourly`), seconds and
 * non-standard characters (`L`, `W`, `#`, `?`) are refused so a schedule means the same to every
 * reader.
 */
import { z } from 'zod';

/** One field of a cron schedule. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** The fix every cron message ends with. */
export const CRON_FIX = 'use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly';

/** What is wrong with `schedule`, or undefined when it is a valid 5-field cron expression. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5 || schedule.trim() === '') {
    return `is not a 5-field cron schedule (it has ${schedule.trim() === '' ? 0 : fields.length}); ${CRON_FIX}`;
  }
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `has an invalid ${FIELDS[i].name} field "${fields[i]}" (${problem}); ${CRON_FIX}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  for (const part of text.split(',')) {
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0) return 'more than one "/"';
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step "${step}" is not a positive integer`;
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${range}" is not a value or a range`;
    const values = bounds.map((b) => value(b, field));
    if (values.some((v) => v === undefined)) return `"${range}" is not a number from ${field.min} to ${field.max}${field.names ? ' or a name' : ''}`;
    if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" runs backwards`;
  }
  return undefined;
}

function value(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** Zod schema of a 5-field cron schedule with the messages of {@link cronProblem}. */
export function cronSchema() {
  return z.string().superRefine((schedule, ctx) => {
    const problem = cronProblem(schedule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
