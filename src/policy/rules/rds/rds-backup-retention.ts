/** `rds-backup-retention`: automated backups are kept for at least 7 days. */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail, mustBeConcrete, num, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

/** Fewest days of automated backups the rule accepts. */
export const MIN_BACKUP_RETENTION_DAYS = 7;
const FIX = `set backup_retention_period to at least ${MIN_BACKUP_RETENTION_DAYS} (days)`;

export const rdsBackupRetention: PolicyRule = {
  id: 'rds-backup-retention',
  severity: 'error',
  description: `RDS instances and Aurora clusters keep automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days.`,
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  mirrors: [checkov('CKV_AWS_133'), trivy('AVD-AWS-0077'), cdkNag('AwsSolutions-RDS13', 'weaker: requires any automated backups')],
  check(resource) {
    const value = num(resource.attributes.backup_retention_period);
    if (value === UNKNOWN) return mustBeConcrete('backup_retention_period', resource.attributes.backup_retention_period, FIX);
    if (value === undefined) return fail('backup_retention_period is not set (AWS then keeps 1 day)', FIX);
    if (value < MIN_BACKUP_RETENTION_DAYS) return fail(`backup_retention_period = ${value} is under ${MIN_BACKUP_RETENTION_DAYS} days`, FIX);
    return COMPLIANT;
  },
};
