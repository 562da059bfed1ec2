/** `s3-public-access-block`: every bucket has an aws_s3_bucket_public_access_block with all four settings true. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, render, UNKNOWN, verdictOf } from '../../values';
import { cdkNag, checkov, trivy } from '../scanners';
import { linkedToBucket } from './bucket-links';

/** The four settings of a public access block. */
export const PUBLIC_ACCESS_BLOCK_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const FIX = `add an aws_s3_bucket_public_access_block for the bucket with ${PUBLIC_ACCESS_BLOCK_SETTINGS.join(', ')} all true`;

export const s3PublicAccessBlock: PolicyRule = {
  id: 's3-public-access-block',
  severity: 'error',
  description: 'Every bucket has a public access block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets true.',
  appliesTo: ['aws_s3_bucket'],
  mirrors: [
    checkov('CKV2_AWS_6'),
    checkov('CKV_AWS_53'),
    checkov('CKV_AWS_54'),
    checkov('CKV_AWS_55'),
    checkov('CKV_AWS_56'),
    trivy('AVD-AWS-0094'),
    trivy('AVD-AWS-0086'),
    trivy('AVD-AWS-0087'),
    trivy('AVD-AWS-0091'),
    trivy('AVD-AWS-0093'),
    cdkNag('AwsSolutions-S2'),
  ],
  check(bucket, context) {
    const blocks = linkedToBucket(bucket, 'aws_s3_bucket_public_access_block', context);
    if (blocks.length === 0) return fail('no aws_s3_bucket_public_access_block in this stack references the bucket', FIX);
    const problems = blocks.flatMap((b) =>
      PUBLIC_ACCESS_BLOCK_SETTINGS.flatMap((setting) => {
        const value = bool(b.attributes[setting]);
        if (value === true) return [];
        if (value === UNKNOWN) return [`${b.address}.${setting} = ${render(b.attributes[setting])} is not known at synth; this check needs a concrete value`];
        return [`${b.address}.${setting} is ${value === false ? 'false' : 'not set (default false)'}`];
      }),
    );
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX);
  },
};
