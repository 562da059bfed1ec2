/** `logs-retention`: log groups expire their events (no unbounded growth and cost). */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail, mustBeConcrete, num, UNKNOWN } from '../../values';
import { checkov } from '../scanners';

const FIX = 'set retention_in_days (e.g. 30, or 365 where audits need a year)';

export const logsRetention: PolicyRule = {
  id: 'logs-retention',
  severity: 'warning',
  description: 'CloudWatch log groups set retention_in_days (0 means never expire).',
  appliesTo: ['aws_cloudwatch_log_group'],
  mirrors: [checkov('CKV_AWS_66'), checkov('CKV_AWS_338', 'stricter: at least 365 days')],
  check(resource) {
    const value = num(resource.attributes.retention_in_days);
    if (value === UNKNOWN) return mustBeConcrete('retention_in_days', resource.attributes.retention_in_days, FIX);
    if (value === undefined || value === 0) return fail('retention_in_days is not set, so events are kept forever', FIX);
    return COMPLIANT;
  },
};
