/** `elasticache-encryption-at-rest`: replication groups encrypt data at rest. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set at_rest_encryption_enabled = "true" (with kms_key_id for a customer managed key)';

export const elasticacheEncryptionAtRest: PolicyRule = {
  id: 'elasticache-encryption-at-rest',
  severity: 'error',
  description: 'ElastiCache replication groups set at_rest_encryption_enabled = true.',
  appliesTo: ['aws_elasticache_replication_group'],
  mirrors: [checkov('CKV_AWS_29'), trivy('AVD-AWS-0045'), cdkNag('AwsSolutions-AEC3', 'at rest and in transit together')],
  check(resource) {
    const raw = resource.attributes.at_rest_encryption_enabled;
    const value = bool(raw);
    if (value === UNKNOWN) return mustBeConcrete('at_rest_encryption_enabled', raw, FIX);
    if (value === true) return COMPLIANT;
    return fail(`at_rest_encryption_enabled is ${value === false ? 'false' : 'not set (the default depends on the engine)'}`, FIX);
  },
};
