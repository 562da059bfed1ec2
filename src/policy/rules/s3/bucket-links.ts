/** Buckets and the separate resources that configure them (AWS provider ≥ 4 splits bucket settings out). */
import { PolicyRuleContext, SynthesizedResource } from '../../types';
import { referencedAddresses } from '../../values';

/**
 * The resources of `type` in the stack whose `bucket` attribute references `bucket` or names it
 * literally.
 */
export function linkedToBucket(bucket: SynthesizedResource, type: string, context: PolicyRuleContext): SynthesizedResource[] {
  const literalName = typeof bucket.attributes.bucket === 'string' ? bucket.attributes.bucket : undefined;
  return context.resources.filter((r) => {
    if (r.mode !== 'managed' || r.type !== type) return false;
    const target = r.attributes.bucket;
    if (referencedAddresses(target).includes(bucket.address)) return true;
    return literalName !== undefined && !literalName.includes('${') && target === literalName;
  });
}
