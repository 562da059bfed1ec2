/**
 * The deliberate switches that let `cdktf destroy` delete what the library protects.
 *
 * - `allowDataDeletion(scope, reason)` lifts every protection under `scope`: `prevent_destroy` on
 *   keys, buckets, databases, caches, volumes, secrets and user pools, RDS, EKS and Cognito
 *   deletion protection, buckets without `force_destroy`, the guards of `registerDeletionGuard`. Apply it to the data stack (and the others) for a full teardown.
 * - `allowComputeDeletion(scope, reason)` lifts only what protects the compute layers — EKS deletion
 *   protection (`prod`) and `prevent_destroy` on Kubernetes objects (the in-cluster volumes and
 *   namespaces of `prod`) — and refuses a scope in or around a data stack. Stateful AWS resources
 *   are in the data stack of a `StackSet`, so destroying the compute stacks needs nothing more; this
 *   is for the `prod` guards on the cluster itself (and the front door's ALB deletion protection,
 *   a guard in a resource's arguments: `registerDeletionGuard`, src/core/deletion-guards.ts).
 *
 * Both record the reason as policy suppressions of the findings they cause. Use: add it, `cdktf
 * deploy` (deletion protection and `force_destroy` are read from the state at destroy time, so they
 * must be applied first), then `cdktf destroy`. Final RDS and ElastiCache snapshots are still taken;
 * KMS keys still wait their deletion window.
 */
import { Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { liftDeletionGuards } from '../core/deletion-guards';
import { PreparedAspect } from '../core/layers/prepared-synth';
import { ValidationError } from '../core/validation';
import { MIN_REASON_LENGTH, suppress } from './suppressions';

/** What {@link allowDataDeletion} changes, per Terraform resource type (beyond `prevent_destroy`). */
export const DATA_DELETION_OVERRIDES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_db_instance: { deletion_protection: false },
  aws_eks_cluster: { deletion_protection: false },
  aws_cognito_user_pool: { deletion_protection: 'INACTIVE' },
  // Terraform then deletes every object version of the bucket.
  aws_s3_bucket: { force_destroy: true },
};

/** The policy rules the overrides break, suppressed with the caller's reason. */
const SUPPRESSED_RULES: Readonly<Record<string, string>> = { aws_db_instance: 'rds-deletion-protection', aws_s3_bucket: 's3-force-destroy' };

/** Resources whose protections {@link allowComputeDeletion} lifts: the cluster and objects inside it. */
export function isComputeProtection(resourceType: string): boolean {
  return resourceType === 'aws_eks_cluster' || resourceType.startsWith('kubernetes_');
}

class AllowDeletion extends PreparedAspect {
  constructor(
    private readonly reason: string,
    private readonly applies: (resourceType: string) => boolean,
  ) {
    super();
  }

  protected apply(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !this.applies(node.terraformResourceType)) return;
    if (node.lifecycle?.preventDestroy) node.addOverride('lifecycle.prevent_destroy', false);
    liftDeletionGuards(node);
    for (const [attribute, value] of Object.entries(DATA_DELETION_OVERRIDES[node.terraformResourceType] ?? {})) node.addOverride(attribute, value);
    const rule = SUPPRESSED_RULES[node.terraformResourceType];
    if (rule) suppress(node, rule, this.reason);
  }
}

function checkReason(scope: IConstruct, reason: string, example: string): string {
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(scope.node.path, [{ prop: 'reason', value: reason, message: `is shorter than ${MIN_REASON_LENGTH} characters; ${example}` }]);
  }
  return reason.trim();
}

/**
 * Lifts the deletion protections of every resource under `scope` (a stack or a construct).
 * @param reason why this data may be deleted (at least MIN_REASON_LENGTH characters); it is
 *   recorded with each suppressed policy finding
 */
export function allowDataDeletion(scope: IConstruct, reason: string): void {
  const why = checkReason(scope, reason, 'say why this data may be deleted, e.g. "teardown of the llm-rag dev environment, data not needed"');
  Aspects.of(scope).add(new AllowDeletion(why, () => true));
}

/**
 * Lifts the protections of the compute layers under `scope` — EKS deletion protection and
 * `prevent_destroy` on Kubernetes objects — and nothing in the data layer.
 * @param reason why the cluster may be destroyed (at least MIN_REASON_LENGTH characters)
 */
export function allowComputeDeletion(scope: IConstruct, reason: string): void {
  const why = checkReason(scope, reason, 'say why the cluster may be destroyed, e.g. "rebuild of the llm-rag prod cluster on a new Kubernetes version"');
  const layer = (c: IConstruct) => (c as unknown as { layer?: string }).layer;
  const dataStacks = [TerraformStack.isStack(scope) ? scope : scope.node.scopes.find((s) => TerraformStack.isStack(s)), ...scope.node.findAll()].filter(
    (c): c is TerraformStack => c !== undefined && TerraformStack.isStack(c) && layer(c) === 'data',
  );
  if (dataStacks.length > 0) {
    throw new ValidationError(scope.node.path, [
      {
        prop: 'scope',
        value: scope.node.path,
        message: `is or contains the data stack "${dataStacks[0].node.id}"; allowComputeDeletion is for the compute stacks (cloud, platform, workloads) only — data goes with allowDataDeletion`,
      },
    ]);
  }
  Aspects.of(scope).add(new AllowDeletion(why, isComputeProtection));
}
