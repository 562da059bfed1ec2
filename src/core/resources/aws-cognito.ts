/**
 * The Cognito user pool and domain of the front door's SSO, typed and synthesized like their
 * provider bindings without loading them (the user pool's is 0.55 MiB of JavaScript; see
 * {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { CognitoUserPoolConfig } from '@cdktf/provider-aws/lib/cognito-user-pool';
import type { CognitoUserPoolDomainConfig } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { AwsResource } from './aws-resource';

/** An `aws_cognito_user_pool` resource (the binding's `CognitoUserPool`). */
export class AwsCognitoUserPool extends AwsResource<CognitoUserPoolConfig> {
  constructor(scope: Construct, id: string, config: CognitoUserPoolConfig) {
    super(scope, id, 'aws_cognito_user_pool', ['tags', 'tags_all'], config);
  }

  /** The user pool's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }
}

/** An `aws_cognito_user_pool_domain` resource (the binding's `CognitoUserPoolDomain`). */
export class AwsCognitoUserPoolDomain extends AwsResource<CognitoUserPoolDomainConfig> {
  constructor(scope: Construct, id: string, config: CognitoUserPoolDomainConfig) {
    super(scope, id, 'aws_cognito_user_pool_domain', [], config);
  }

  /** The domain prefix (a reference). */
  public get domain(): string {
    return this.getStringAttribute('domain');
  }
}
