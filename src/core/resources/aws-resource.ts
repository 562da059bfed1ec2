/**
 * `AwsResource`: the base of the `aws_*` resources the library declares without loading their
 * provider bindings (see {@link ProviderResource}): the provider metadata of the AWS bindings, and
 * the `id` attribute every AWS resource has (what a binding's `id` getter returns).
 */
import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { GENERATOR_METADATA, ProviderResource } from './provider-resource';

/** A typed `aws_*` resource. */
export abstract class AwsResource<C extends TerraformMetaArguments> extends ProviderResource<C> {
  /**
   * @param terraformResourceType e.g. `aws_iam_role`
   * @param mapArguments the binding's map arguments (see {@link ProviderResourceType}), e.g. `tags`
   */
  protected constructor(scope: Construct, id: string, terraformResourceType: string, mapArguments: readonly string[], config: C) {
    super(scope, id, { terraformResourceType, generatorMetadata: GENERATOR_METADATA.aws, mapArguments: new Set(mapArguments) }, config);
  }

  /** The `id` attribute (a reference, resolved by Terraform). */
  public get id(): string {
    return this.getStringAttribute('id');
  }
}
