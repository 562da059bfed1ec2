/** `rds-deletion-protection`: RDS instances and Aurora clusters are deletion-protected. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set deletion_protection = true (turn it off deliberately before a planned teardown)';

export const rdsDeletionProtection: PolicyRule = {
  id: 'rds-deletion-protection',
  severity: 'error',
  description: 'RDS instances and Aurora clusters set deletion_protection = true.',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  mirrors: [checkov('CKV_AWS_293'), checkov('CKV_AWS_139'), trivy('AVD-AWS-0177'), trivy('AVD-AWS-0343'), cdkNag('AwsSolutions-RDS10')],
  check(resource) {
    const value = bool(resource.attributes.deletion_protection);
    if (value === UNKNOWN) return mustBeConcrete('deletion_protection', resource.attributes.deletion_protection, FIX);
    if (value === true) return COMPLIANT;
    return fail(`deletion_protection is ${value === false ? 'false' : 'not set (default false)'}`, FIX);
  },
};
