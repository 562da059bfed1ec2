/** `rds-not-public`: database instances are not publicly accessible. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';

const FIX = 'remove publicly_accessible (default false) and reach the database from inside the VPC';

export const rdsNotPublic: PolicyRule = {
  id: 'rds-not-public',
  severity: 'error',
  description: 'RDS and Aurora instances do not set publicly_accessible = true.',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance'],
  mirrors: [checkov('CKV_AWS_17'), trivy('AVD-AWS-0180')],
  check(resource) {
    const value = bool(resource.attributes.publicly_accessible);
    if (value === UNKNOWN) return mustBeConcrete('publicly_accessible', resource.attributes.publicly_accessible, FIX);
    return value === true ? fail('publicly_accessible is true, so the database gets a public IP address', FIX) : COMPLIANT;
  },
};
