/** `s3-encryption`: every bucket declares default server-side encryption (SSE-KMS, DSSE-KMS or SSE-S3). */
import { PolicyRule } from '../../types';
import { at, block, blocks, COMPLIANT, fail, render, str, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { linkedToBucket } from './bucket-links';

const ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse', 'AES256']);
const FIX = 'add an aws_s3_bucket_server_side_encryption_configuration for the bucket with rule.apply_server_side_encryption_by_default.sse_algorithm = "aws:kms" and a KMS key';

export const s3Encryption: PolicyRule = {
  id: 's3-encryption',
  severity: 'error',
  description: 'Every bucket declares default server-side encryption (aws:kms, aws:kms:dsse or AES256).',
  appliesTo: ['aws_s3_bucket'],
  mirrors: [checkov('CKV_AWS_19'), checkov('CKV_AWS_145', 'stricter: requires KMS'), trivy('AVD-AWS-0088'), trivy('AVD-AWS-0132', 'stricter: requires a customer managed key')],
  check(bucket, context) {
    const configs = linkedToBucket(bucket, 'aws_s3_bucket_server_side_encryption_configuration', context);
    const rules = configs.flatMap((c) => blocks(c.attributes.rule));
    const inline = block(bucket.attributes.server_side_encryption_configuration);
    if (inline) rules.push(...blocks(inline.rule));
    if (rules.length === 0) return fail('no aws_s3_bucket_server_side_encryption_configuration in this stack references the bucket', FIX);
    for (const rule of rules) {
      const raw = at(rule, 'apply_server_side_encryption_by_default.sse_algorithm');
      const algorithm = str(raw);
      if (algorithm === UNKNOWN) return fail(`sse_algorithm = ${render(raw)} is not known at synth; this check needs a concrete value`, FIX);
      if (algorithm !== undefined && ALGORITHMS.has(algorithm)) return COMPLIANT;
    }
    return fail('the encryption configuration sets no supported sse_algorithm', FIX);
  },
};
