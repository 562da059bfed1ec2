import { CRON_FIX, cronProblem } from '../../../src/core/schemas';

describe('cronProblem: the schedules Kubernetes CronJobs and Karpenter budgets both accept', () => {
  test.each([
    '5 * * * *',
    '*/15 * * * *',
    '0 0-6/2 1,15 * MON-FRI',
    '30 3 * JAN,JUL 0',
    '0 12 * * 6',
    '0 12 * * sun',
    '0 0 ? * *',
    '0 0 * * ?',
    '5/10 * * * *',
    '0 0 29 2 *',
    '0 0 31 jan-dec *',
    '*/59 * * * *',
    '  0 9 * * 1-5  ',
    ...['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'],
  ])('%j is valid', (s) => expect(cronProblem(s)).toBeUndefined());

  test.each([
    ['* * * * * *', `is not a 5-field cron schedule (it has 6); ${CRON_FIX}`],
    ['', `is not a 5-field cron schedule (it has 0); ${CRON_FIX}`],
    ['every hour', `is not a 5-field cron schedule (it has 2); ${CRON_FIX}`],
    ['61 * * * *', `has an invalid minute field "61" ("61" is not a number from 0 to 59); ${CRON_FIX}`],
    ['60 * * * *', `has an invalid minute field "60" ("60" is not a number from 0 to 59); ${CRON_FIX}`],
    ['* * 0 * *', `has an invalid day-of-month field "0" ("0" is not a number from 1 to 31); ${CRON_FIX}`],
    ['0 12 * * 7', `has an invalid day-of-week field "7" ("7" is not a number from 0 to 6 or a name); ${CRON_FIX}`],
    ['*/0 * * * *', `has an invalid minute field "*/0" (step "0" is not a positive integer); ${CRON_FIX}`],
    ['*/61 * * * *', `has an invalid minute field "*/61" (step "61" is larger than the field's range 0-59, so it selects one value; list the values instead); ${CRON_FIX}`],
    ['0 */24 * * *', `has an invalid hour field "*/24" (step "24" is larger than the field's range 0-23, so it selects one value; list the values instead); ${CRON_FIX}`],
    ['10-5 * * * *', `has an invalid minute field "10-5" (range "10-5" runs backwards); ${CRON_FIX}`],
    ['1-2-3 * * * *', `has an invalid minute field "1-2-3" ("1-2-3" is not a value or a range); ${CRON_FIX}`],
    ['1/2/3 * * * *', `has an invalid minute field "1/2/3" (more than one "/"); ${CRON_FIX}`],
    ['? * * * *', `has an invalid minute field "?" ("?" is not a number from 0 to 59); ${CRON_FIX}`],
    ['0 0 * FOO *', `has an invalid month field "FOO" ("FOO" is not a number from 1 to 12 or a name); ${CRON_FIX}`],
    ['0 0 * * L', `has an invalid day-of-week field "L" ("L" is not a number from 0 to 6 or a name); ${CRON_FIX}`],
    ['0 0 30 2 *', `never runs: no selected month has day 30; ${CRON_FIX}`],
    ['0 0 31 4,6,9,11 ?', `never runs: no selected month has day 31; ${CRON_FIX}`],
    ['@every 1h', `is not a cron macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly; "@every" is not supported); ${CRON_FIX}`],
    ['@reboot', `is not a cron macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly; "@every" is not supported); ${CRON_FIX}`],
    ['CRON_TZ=Europe/Paris 0 9 * * *', `sets a time zone; schedules run in UTC (the CronJob's timeZone), drop the "CRON_TZ=Europe/Paris" prefix and ${CRON_FIX}`],
    ['TZ=UTC 0 9 * * *', `sets a time zone; schedules run in UTC (the CronJob's timeZone), drop the "TZ=UTC" prefix and ${CRON_FIX}`],
  ])('%j: %s', (s, message) => expect(cronProblem(s)).toBe(message));

  test('a day some selected month has is fine even when others do not have it, and a weekday makes it run', () => {
    expect(cronProblem('0 0 31 1,2 *')).toBeUndefined();
    expect(cronProblem('0 0 30 2 MON')).toBeUndefined();
  });
});
