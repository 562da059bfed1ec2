/** `kms-key-rotation`: symmetric KMS keys rotate automatically. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, NOT_APPLICABLE, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set enable_key_rotation = true';

export const kmsKeyRotation: PolicyRule = {
  id: 'kms-key-rotation',
  severity: 'error',
  description: 'Symmetric encryption KMS keys set enable_key_rotation = true.',
  appliesTo: ['aws_kms_key'],
  mirrors: [checkov('CKV_AWS_7'), trivy('AVD-AWS-0065'), cdkNag('AwsSolutions-KMS5')],
  check(resource) {
    const spec = resource.attributes.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT';
    const usage = resource.attributes.key_usage ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') return NOT_APPLICABLE; // AWS rotates only symmetric encryption keys
    const value = bool(resource.attributes.enable_key_rotation);
    if (value === UNKNOWN) return mustBeConcrete('enable_key_rotation', resource.attributes.enable_key_rotation, FIX);
    if (value === true) return COMPLIANT;
    return fail(`enable_key_rotation is ${value === false ? 'false' : 'not set (default false)'}`, FIX);
  },
};
