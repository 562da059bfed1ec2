/**
 * `allowDataDeletion(scope, reason)`: the deliberate switch that lets `cdktf destroy` delete the
 * data of a stack set (or one stack). Everything stateful the library creates is protected —
 * `prevent_destroy` on keys, buckets, databases, volumes and secrets, RDS and EKS deletion
 * protection, buckets without `force_destroy` — so a destroy stops at the first of them. This
 * lifts those protections under `scope` and records why, as policy suppressions with the reason.
 *
 * Use: add it, `cdktf deploy` (deletion protection and `force_destroy` are read from the state at
 * destroy time, so they must be applied first), then `cdktf destroy`. Final RDS and ElastiCache
 * snapshots are still taken; KMS keys still wait their deletion window.
 */
import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/validation';
import { MIN_REASON_LENGTH, suppress } from './suppressions';

/** What {@link allowDataDeletion} changes, per Terraform resource type (beyond `prevent_destroy`). */
export const DATA_DELETION_OVERRIDES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_db_instance: { deletion_protection: false },
  aws_eks_cluster: { deletion_protection: false },
  // Terraform then deletes every object version of the bucket.
  aws_s3_bucket: { force_destroy: true },
};

/** The policy rules the overrides break, suppressed with the caller's reason. */
const SUPPRESSED_RULES: Readonly<Record<string, string>> = { aws_db_instance: 'rds-deletion-protection', aws_s3_bucket: 's3-force-destroy' };

class AllowDataDeletion implements IAspect {
  constructor(private readonly reason: string) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    if (node.lifecycle?.preventDestroy) node.addOverride('lifecycle.prevent_destroy', false);
    for (const [attribute, value] of Object.entries(DATA_DELETION_OVERRIDES[node.terraformResourceType] ?? {})) node.addOverride(attribute, value);
    const rule = SUPPRESSED_RULES[node.terraformResourceType];
    if (rule) suppress(node, rule, this.reason);
  }
}

/**
 * Lifts the deletion protections of every resource under `scope` (a stack or a construct).
 * @param reason why this data may be deleted (at least MIN_REASON_LENGTH characters); it is
 *   recorded with each suppressed policy finding
 */
export function allowDataDeletion(scope: IConstruct, reason: string): void {
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(scope.node.path, [
      { prop: 'reason', value: reason, message: `is shorter than ${MIN_REASON_LENGTH} characters; say why this data may be deleted, e.g. "teardown of the llm-rag dev environment, data not needed"` },
    ]);
  }
  Aspects.of(scope).add(new AllowDataDeletion(reason.trim()));
}
