/** `sqs-encryption`: queues are encrypted at rest (SSE-KMS or SSE-SQS), declared explicitly. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX = 'set kms_master_key_id (SSE-KMS) or sqs_managed_sse_enabled = true (SSE-SQS)';

export const sqsEncryption: PolicyRule = {
  id: 'sqs-encryption',
  severity: 'error',
  description: 'SQS queues set kms_master_key_id or sqs_managed_sse_enabled = true.',
  appliesTo: ['aws_sqs_queue'],
  mirrors: [checkov('CKV_AWS_27'), trivy('AVD-AWS-0096'), cdkNag('AwsSolutions-SQS2')],
  check(resource) {
    const key = resource.attributes.kms_master_key_id;
    if (typeof key === 'string' && key !== '') return COMPLIANT;
    const sse = bool(resource.attributes.sqs_managed_sse_enabled);
    if (sse === UNKNOWN) return mustBeConcrete('sqs_managed_sse_enabled', resource.attributes.sqs_managed_sse_enabled, FIX);
    if (sse === true) return COMPLIANT;
    return fail(sse === false ? 'sqs_managed_sse_enabled is false and kms_master_key_id is not set' : 'neither kms_master_key_id nor sqs_managed_sse_enabled is set', FIX);
  },
};
