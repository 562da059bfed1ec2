/** `elasticache-encryption-in-transit`: replication groups require TLS. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set transit_encryption_enabled = true (and transit_encryption_mode = "required")';

export const elasticacheEncryptionInTransit: PolicyRule = {
  id: 'elasticache-encryption-in-transit',
  severity: 'error',
  description: 'ElastiCache replication groups set transit_encryption_enabled = true and do not stay in "preferred" mode.',
  appliesTo: ['aws_elasticache_replication_group'],
  mirrors: [checkov('CKV_AWS_30'), trivy('AVD-AWS-0051'), cdkNag('AwsSolutions-AEC3', 'at rest and in transit together')],
  check(resource) {
    const raw = resource.attributes.transit_encryption_enabled;
    const value = bool(raw);
    if (value === UNKNOWN) return mustBeConcrete('transit_encryption_enabled', raw, FIX);
    if (value !== true) return fail(`transit_encryption_enabled is ${value === false ? 'false' : 'not set (default false)'}`, FIX);
    if (resource.attributes.transit_encryption_mode === 'preferred') return fail('transit_encryption_mode = "preferred" still accepts clients without TLS', FIX);
    return COMPLIANT;
  },
};
