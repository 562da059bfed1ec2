/**
 * A customer managed KMS key the way every component makes one: rotation on, a 30-day deletion
 * window, `prevent_destroy`, a key policy that delegates to the account's IAM policies (so each
 * role's own policy grants it, with `kms:ViaService` conditions), and an alias.
 *
 * A function rather than a construct so the resources keep the logical IDs they had inside their
 * component (`<scope>/kms-key`, `<scope>/kms-alias`); changing them would replace the key. In a
 * `CloudStack` with a data stack they are created in the data stack at the same path (`dataScope`).
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Construct } from 'constructs';
import { policyJson } from './iam';
import { dataScope } from './layers/data-scope';
import { accountOnlyKeyPolicy } from './kms-policies';
import { failProp } from './validation';
import { AwsKmsAlias, AwsKmsKey } from './resources/aws-kms';
import { attributeString } from './resources/reference-tokens';

/** Options of {@link customerManagedKey}. */
export interface CustomerManagedKeyOptions {
  /** What the key encrypts (the key's description). */
  readonly description: string;
  /** Alias name without `alias/` (e.g. `mlops-platform/dev/mlflow`). */
  readonly alias: string;
  /**
   * Construct id prefix of the resources in `scope` (`<prefix>-key`, `<prefix>-alias`).
   * @default 'kms'
   */
  readonly idPrefix?: string;
}

/** Days AWS waits before deleting a key scheduled for deletion (the maximum). */
export const KMS_DELETION_WINDOW_DAYS = 30;

/** Creates the key and its alias in `scope` (its data scope); returns the key. */
export function customerManagedKey(at: Construct, options: CustomerManagedKeyOptions): AwsKmsKey {
  if (!/^[A-Za-z0-9/_-]{1,250}$/.test(options.alias) || options.alias.startsWith('aws/')) {
    failProp(
      at,
      'alias',
      options.alias,
      'is not a valid KMS alias name (letters, digits, "/", "_" and "-", not starting with "aws/"); the library builds it from the project, environment and construct id, so use such characters there',
    );
  }
  const scope = dataScope(at);
  const prefix = options.idPrefix ?? 'kms';
  const partition = attributeString(new DataAwsPartition(scope, 'partition'), 'partition');
  const accountId = attributeString(new DataAwsCallerIdentity(scope, 'caller'), 'account_id');
  const key = new AwsKmsKey(scope, `${prefix}-key`, {
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
    policy: policyJson(accountOnlyKeyPolicy(partition, accountId)),
    lifecycle: { preventDestroy: true },
  });
  new AwsKmsAlias(scope, `${prefix}-alias`, { name: `alias/${options.alias}`, targetKeyId: key.keyId });
  return key;
}
