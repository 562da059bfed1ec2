/**
 * `AwsSecretsmanagerSecret` and `AwsSecretsmanagerSecretVersion`: a Secrets Manager secret and its
 * value (`aws_secretsmanager_secret`, `aws_secretsmanager_secret_version`), typed and synthesized
 * like the provider bindings' `SecretsmanagerSecret` and `SecretsmanagerSecretVersion` without
 * building their attribute-reference objects (see {@link ProviderResource}). `GeneratedSecret`
 * creates one of each.
 */
import { Construct } from 'constructs';
import type { SecretsmanagerSecretConfig } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { SecretsmanagerSecretVersionConfig } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { AwsResource } from './aws-resource';

/** An `aws_secretsmanager_secret` resource. */
export class AwsSecretsmanagerSecret extends AwsResource<SecretsmanagerSecretConfig> {
  constructor(scope: Construct, id: string, config: SecretsmanagerSecretConfig) {
    super(scope, id, 'aws_secretsmanager_secret', ['tags', 'tags_all'], config);
  }

  /** The secret's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }
}

/** An `aws_secretsmanager_secret_version` resource. */
export class AwsSecretsmanagerSecretVersion extends AwsResource<SecretsmanagerSecretVersionConfig> {
  constructor(scope: Construct, id: string, config: SecretsmanagerSecretVersionConfig) {
    super(scope, id, 'aws_secretsmanager_secret_version', [], config);
  }

  /** The version's id (a reference). */
  public get versionId(): string {
    return this.getStringAttribute('version_id');
  }
}
