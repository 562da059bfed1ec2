/** `s3-force-destroy`: buckets are not force_destroy (a destroy would delete every object). */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';

const FIX = 'remove force_destroy (or set it to false); empty the bucket deliberately before destroying it';

export const s3ForceDestroy: PolicyRule = {
  id: 's3-force-destroy',
  severity: 'error',
  description: 'Buckets do not set force_destroy = true.',
  appliesTo: ['aws_s3_bucket'],
  mirrors: [],
  check(bucket) {
    const value = bool(bucket.attributes.force_destroy);
    if (value === UNKNOWN) return mustBeConcrete('force_destroy', bucket.attributes.force_destroy, FIX);
    return value === true ? fail('force_destroy is true, so destroying the stack deletes every object in the bucket', FIX) : COMPLIANT;
  },
};
