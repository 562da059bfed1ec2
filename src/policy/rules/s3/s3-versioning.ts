/** `s3-versioning`: every bucket has versioning enabled (overwritten and deleted objects can be recovered). */
import { PolicyRule } from '../../types';
import { at, COMPLIANT, fail, render, str, UNKNOWN } from '../../values';
import { checkov, trivy } from '../scanners';
import { linkedToBucket } from './bucket-links';

const FIX = 'add an aws_s3_bucket_versioning for the bucket with versioning_configuration.status = "Enabled"';

export const s3Versioning: PolicyRule = {
  id: 's3-versioning',
  severity: 'error',
  description: 'Every bucket has an aws_s3_bucket_versioning with status "Enabled".',
  appliesTo: ['aws_s3_bucket'],
  mirrors: [checkov('CKV_AWS_21'), trivy('AVD-AWS-0090')],
  check(bucket, context) {
    const versioning = linkedToBucket(bucket, 'aws_s3_bucket_versioning', context);
    if (versioning.length === 0) return fail('no aws_s3_bucket_versioning in this stack references the bucket', FIX);
    for (const v of versioning) {
      const raw = at(v.attributes, 'versioning_configuration.status');
      const status = str(raw);
      if (status === UNKNOWN) return fail(`${v.address} versioning_configuration.status = ${render(raw)} is not known at synth; this check needs a concrete value`, FIX);
      if (status === 'Enabled') return COMPLIANT;
      return fail(`${v.address} versioning_configuration.status is ${status === undefined ? 'not set' : `"${status}"`}`, FIX);
    }
    return COMPLIANT;
  },
};
