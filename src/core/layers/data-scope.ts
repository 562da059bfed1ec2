/**
 * `dataScope(scope)`: where a construct puts the AWS resources that must outlive the cluster.
 *
 * A component's AWS half is one construct in the cloud layer (`MlflowCloud`, `FeastFeatureStoreCloud`,
 * …) that creates both compute-side resources (Pod Identity roles, security group rules from the
 * cluster's nodes) and stateful ones (KMS keys, buckets, databases, caches, secrets). When its
 * `CloudStack` has a `dataStack` (a `StackSet` links them), the stateful ones are created under
 * `dataScope(this)`: a construct in the data stack **at the same construct path relative to its
 * stack**. cdktf derives a resource's logical ID from that relative path only, so a resource keeps
 * its Terraform address when it moves from the cloud stack's state to the data stack's; only the
 * state file changes (see docs/migration/data-layer.md).
 *
 * - In a `CloudStack` with a data stack: the mirror construct in the data stack (created on first use).
 * - Anywhere else (a `DataStack`, a `CloudStack` without one, a stack of your own): `scope` itself.
 *
 * The library's stateful building blocks call it themselves — `SecureBucket`, `GeneratedSecret`,
 * `customerManagedKey`, `Network`, `PostgresInstance`, `ManagedRedis`, the EKS secrets key — so a
 * component built from them needs nothing more. A component that creates a stateful resource
 * directly (an `aws_db_instance`, an `aws_elasticache_replication_group`, an `aws_efs_file_system`)
 * creates it in `dataScope(this)`. Resources created there must not reference resources of the
 * cloud stack (the data stack is deployed first): synth then fails, on cdktf's dependency-cycle
 * check (the cloud stack already depends on the data stack) or the deployability check's layer
 * order. Take the VPC and subnets from `cluster.bind(dataScope(this))`, keep rules that name the
 * cluster's security group on `this`.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudStack } from './mlops-stack';

/** A construct in the data stack that stands for the construct at the same path of the cloud stack. */
class DataMirror extends Construct {
  constructor(
    scope: Construct,
    id: string,
    /** The cloud-stack construct it stands for. */
    public readonly origin: Construct,
  ) {
    super(scope, id);
  }
}

/** The cloud-stack construct that `c` stands for in the data stack, if `c` is such a mirror. */
export function mirroredFrom(c: Construct): Construct | undefined {
  return c instanceof DataMirror ? c.origin : undefined;
}

/** The mirror of `c` in the data stack, if `dataScope` made one for it or a construct below it. */
export function existingDataMirror(c: Construct): Construct | undefined {
  const stack = TerraformStack.of(c);
  const data = stack instanceof CloudStack ? stack.dataStack : undefined;
  if (!data) return undefined;
  const scopes = c.node.scopes;
  let current: Construct | undefined = data;
  for (const s of scopes.slice(scopes.indexOf(stack) + 1)) {
    const next: Construct | undefined = current.node.tryFindChild(s.node.id) as Construct | undefined;
    if (!(next instanceof DataMirror)) return undefined;
    current = next;
  }
  return current;
}

/** The scope for `scope`'s stateful AWS resources (see the file comment). */
export function dataScope(scope: Construct): Construct {
  const stack = TerraformStack.of(scope);
  const data = stack instanceof CloudStack ? stack.dataStack : undefined;
  if (!data) return scope;
  const scopes = scope.node.scopes;
  let current: Construct = data;
  for (const c of scopes.slice(scopes.indexOf(stack) + 1)) {
    const existing = current.node.tryFindChild(c.node.id);
    if (existing === undefined) {
      current = new DataMirror(current, c.node.id, c);
    } else if (existing instanceof DataMirror) {
      current = existing;
    } else {
      throw new Error(
        `${scope.node.path}: its stateful resources go to the data stack at ${current.node.path}/${c.node.id}, where "${existing.node.path}" already is; ` +
          'give one of the two constructs another id (the data stack mirrors the construct paths of the cloud stack).',
      );
    }
  }
  return current;
}

/** True when resources created in `dataScope(scope)` land in another stack than `scope`'s. */
export function hasSeparateDataStack(scope: Construct): boolean {
  const stack = TerraformStack.of(scope);
  return stack instanceof CloudStack && stack.dataStack !== undefined;
}
