/** `s3-tls-only`: every bucket's policy denies requests not made over TLS (aws:SecureTransport = false). */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail } from '../../values';
import { conditionList, isAnyPrincipal, readPolicyDocument, Statement } from '../iam/policy-documents';
import { cdkNag } from '../scanners';
import { linkedToBucket } from './bucket-links';

const FIX = 'add an aws_s3_bucket_policy with a Deny statement for principal "*", action "s3:*" and condition Bool aws:SecureTransport = "false" (denyInsecureTransport() in src/core/iam.ts)';

function deniesInsecureTransport(s: Statement): boolean {
  return (
    s.effect === 'Deny' &&
    isAnyPrincipal(s) &&
    conditionList(s).some((c) => c.test === 'Bool' && c.key === 'aws:SecureTransport' && c.values.includes('false'))
  );
}

export const s3TlsOnly: PolicyRule = {
  id: 's3-tls-only',
  severity: 'error',
  description: 'Every bucket has a bucket policy that denies requests without TLS (aws:SecureTransport = false).',
  appliesTo: ['aws_s3_bucket'],
  mirrors: [cdkNag('AwsSolutions-S10')],
  check(bucket, context) {
    const policies = linkedToBucket(bucket, 'aws_s3_bucket_policy', context);
    if (policies.length === 0) return fail('no aws_s3_bucket_policy in this stack references the bucket', FIX);
    for (const p of policies) {
      const read = readPolicyDocument(p, 'policy', context);
      if (!read) continue;
      if ('unknown' in read) return fail(`${p.address}.policy ${read.unknown}; this check needs a concrete policy`, FIX);
      if (read.statements.some(deniesInsecureTransport)) return COMPLIANT;
    }
    return fail('the bucket policy has no statement denying requests with aws:SecureTransport = false', FIX);
  },
};
