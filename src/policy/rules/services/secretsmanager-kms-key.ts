/** `secretsmanager-kms-key`: secrets are encrypted with a customer managed KMS key. */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail } from '../../values';
import { checkov, trivy } from '../scanners';

const FIX = 'set kms_key_id to a customer managed key whose policy limits who may decrypt';

export const secretsmanagerKmsKey: PolicyRule = {
  id: 'secretsmanager-kms-key',
  severity: 'warning',
  description: 'Secrets Manager secrets set kms_key_id (a customer managed key instead of aws/secretsmanager).',
  appliesTo: ['aws_secretsmanager_secret'],
  mirrors: [checkov('CKV_AWS_149'), trivy('AVD-AWS-0098')],
  check(resource) {
    const key = resource.attributes.kms_key_id;
    return typeof key === 'string' && key !== '' ? COMPLIANT : fail('kms_key_id is not set, so the secret uses the AWS managed key aws/secretsmanager', FIX);
  },
};
