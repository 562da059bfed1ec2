/** `logs-kms`: log groups are encrypted with a customer managed KMS key. */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail } from '../../values';
import { checkov, trivy } from '../scanners';

const FIX = 'set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it';

export const logsKms: PolicyRule = {
  id: 'logs-kms',
  severity: 'warning',
  description: 'CloudWatch log groups set kms_key_id.',
  appliesTo: ['aws_cloudwatch_log_group'],
  mirrors: [checkov('CKV_AWS_158'), trivy('AVD-AWS-0017')],
  check(resource) {
    const key = resource.attributes.kms_key_id;
    return typeof key === 'string' && key !== '' ? COMPLIANT : fail('kms_key_id is not set, so the log group uses the service-owned key', FIX);
  },
};
