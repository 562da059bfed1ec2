/** Key policies for the KMS keys the library creates. */
import { PolicyDocument, policyDocument, PolicyStatement } from './iam';

/** The statement every key policy starts with: the account administers the key through IAM. */
export function accountRootStatement(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: 'AccountAdministersKeyThroughIam',
    Effect: 'Allow',
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/**
 * Key policy for a key that encrypts CloudWatch Logs log groups of this account (VPC flow logs, EKS
 * control-plane logs). CloudWatch Logs may use the key only for log groups of this account.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logsKeyPolicy(partition: string, accountId: string, region: string): PolicyDocument {
  return policyDocument(accountRootStatement(partition, accountId), {
    Sid: 'CloudWatchLogsUsesKeyForThisAccount',
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${accountId}:log-group:*` } },
  });
}

/** Key policy that only the account (through IAM policies) may use; for EKS secrets, RDS, S3, caches. */
export function accountOnlyKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return policyDocument(accountRootStatement(partition, accountId));
}
