/**
 * `AwsIamRole` and the role's policies (`aws_iam_role`, `aws_iam_role_policy`,
 * `aws_iam_role_policy_attachment`), typed and synthesized like the provider bindings' `IamRole`,
 * `IamRolePolicy` and `IamRolePolicyAttachment` without building their attribute-reference objects
 * (see {@link ProviderResource}). Every `PodIdentityRole` and the cluster's node and service roles
 * are made of them.
 */
import { Construct } from 'constructs';
import type { IamRoleConfig } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicyConfig } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamRolePolicyAttachmentConfig } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsResource } from './aws-resource';

/** An `aws_iam_role` resource. */
export class AwsIamRole extends AwsResource<IamRoleConfig> {
  constructor(scope: Construct, id: string, config: IamRoleConfig) {
    super(scope, id, 'aws_iam_role', ['tags', 'tags_all'], config);
  }

  /** The role's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  /** The role's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}

/** An `aws_iam_role_policy` resource (an inline policy of a role). */
export class AwsIamRolePolicy extends AwsResource<IamRolePolicyConfig> {
  constructor(scope: Construct, id: string, config: IamRolePolicyConfig) {
    super(scope, id, 'aws_iam_role_policy', [], config);
  }
}

/** An `aws_iam_role_policy_attachment` resource (a managed policy attached to a role). */
export class AwsIamRolePolicyAttachment extends AwsResource<IamRolePolicyAttachmentConfig> {
  constructor(scope: Construct, id: string, config: IamRolePolicyAttachmentConfig) {
    super(scope, id, 'aws_iam_role_policy_attachment', [], config);
  }
}
