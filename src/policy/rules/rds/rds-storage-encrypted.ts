/** `rds-storage-encrypted`: RDS instances and Aurora clusters encrypt their storage. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set storage_encrypted = true (with kms_key_id for a customer managed key); an existing database must be restored from an encrypted snapshot';

export const rdsStorageEncrypted: PolicyRule = {
  id: 'rds-storage-encrypted',
  severity: 'error',
  description: 'RDS instances and Aurora clusters set storage_encrypted = true.',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  mirrors: [checkov('CKV_AWS_16'), checkov('CKV_AWS_96'), trivy('AVD-AWS-0080'), trivy('AVD-AWS-0079'), cdkNag('AwsSolutions-RDS2')],
  check(resource) {
    const value = bool(resource.attributes.storage_encrypted);
    if (value === UNKNOWN) return mustBeConcrete('storage_encrypted', resource.attributes.storage_encrypted, FIX);
    if (value === true) return COMPLIANT;
    return fail(`storage_encrypted is ${value === false ? 'false' : 'not set (default false)'}`, FIX);
  },
};
