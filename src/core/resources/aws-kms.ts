/**
 * KMS keys and aliases (`CustomerManagedKey`), typed and synthesized like their provider bindings
 * without loading them or building their attribute-reference objects (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { KmsAliasConfig } from '@cdktf/provider-aws/lib/kms-alias';
import type { KmsKeyConfig } from '@cdktf/provider-aws/lib/kms-key';
import { AwsResource } from './aws-resource';

/** An `aws_kms_key` resource (the binding's `KmsKey`). */
export class AwsKmsKey extends AwsResource<KmsKeyConfig> {
  constructor(scope: Construct, id: string, config: KmsKeyConfig) {
    super(scope, id, 'aws_kms_key', ['tags', 'tags_all'], config);
  }

  /** The key's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  /** The key's id (a reference). */
  public get keyId(): string {
    return this.getStringAttribute('key_id');
  }
}

/** An `aws_kms_alias` resource (the binding's `KmsAlias`). */
export class AwsKmsAlias extends AwsResource<KmsAliasConfig> {
  constructor(scope: Construct, id: string, config: KmsAliasConfig) {
    super(scope, id, 'aws_kms_alias', [], config);
  }
}
