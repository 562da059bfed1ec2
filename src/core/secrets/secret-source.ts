/**
 * `ISecretsManagerSecret`: what the secrets constructs need to know of a Secrets Manager secret —
 * its ARN (for IAM), the key External Secrets Operator reads it by, its KMS key, and the shape of
 * its value. `GeneratedSecret` implements it; {@link existingSecret} and
 * {@link rdsManagedMasterUserSecret} describe secrets created elsewhere.
 */

import { z } from 'zod';
import { Schemas } from '../schemas';
import { validateValue } from '../validation';
import { RDS_MANAGED_SECRET_KEYS } from './constants';

/** A Secrets Manager secret as the secrets constructs see it. */
export interface ISecretsManagerSecret {
  /** ARN of the secret (IAM grants are scoped to it). */
  readonly secretArn: string;
  /**
   * What External Secrets Operator passes to `GetSecretValue` as `SecretId`: the secret's name when
   * it is known at synth time (no cross-stack reference needed), else its ARN.
   */
  readonly remoteKey: string;
  /**
   * ARN of the customer managed KMS key that encrypts the secret; `undefined` for the AWS managed
   * key `aws/secretsmanager` (its key policy already lets account principals decrypt through
   * Secrets Manager, so no IAM grant is needed).
   */
  readonly kmsKeyArn?: string;
  /**
   * The property names of a JSON secret value, sorted; `undefined` when the value is a plain string
   * (or a JSON value whose keys are not declared: then `SyncedSecret` needs explicit `properties`).
   */
  readonly jsonKeys?: readonly string[];
}

/** Options of {@link existingSecret}. */
export interface ExistingSecretOptions {
  /** ARN of the secret. */
  readonly secretArn: string;
  /**
   * Key ESO reads the secret by.
   * @default - the ARN
   */
  readonly remoteKey?: string;
  /**
   * Customer managed KMS key of the secret.
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly kmsKeyArn?: string;
  /**
   * Property names of its JSON value.
   * @default - a plain string value (or unknown keys)
   */
  readonly jsonKeys?: readonly string[];
}

/** A Secrets Manager secret ARN (or a reference to one). */
const secretArnSchema = z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, {
  message: 'is not a Secrets Manager secret ARN; pass arn:aws:secretsmanager:<region>:<account>:secret:<name>',
});

/**
 * Schema of a prop that takes an {@link ISecretsManagerSecret}: a `GeneratedSecret`, or
 * `existingSecret({ secretArn })` for one created elsewhere (a bare string is refused).
 */
export function secretsManagerSecretSchema() {
  return Schemas.construct('a Secrets Manager secret (a GeneratedSecret, or existingSecret({ secretArn }) for one created elsewhere)', {
    secretArn: z.string({ message: 'is required; a secret reference has the secret ARN' }),
    remoteKey: z.string({ message: 'is required; a secret reference has the key ESO reads it by (use existingSecret(...))' }),
    kmsKeyArn: z.string().optional(),
    jsonKeys: z.array(z.string()).optional(),
  });
}

const existingSecretSchema = Schemas.props<ExistingSecretOptions>()({
  secretArn: secretArnSchema,
  remoteKey: z.string().min(1).max(2048).optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  jsonKeys: z.array(Schemas.secretKey()).min(1, { message: 'is empty; list the JSON property names, or leave it out for a plain-string secret' }).optional(),
});

/** A secret created outside this library (by hand, by another stack, by an AWS service). */
export function existingSecret(options: ExistingSecretOptions): ISecretsManagerSecret {
  validateValue('existingSecret', existingSecretSchema, options);
  return {
    secretArn: options.secretArn,
    remoteKey: options.remoteKey ?? options.secretArn,
    kmsKeyArn: options.kmsKeyArn,
    jsonKeys: options.jsonKeys ? [...options.jsonKeys].sort() : undefined,
  };
}

/**
 * The secret RDS (or Aurora) creates for `manage_master_user_password = true`: a JSON value with
 * `username` and `password`, rotated by RDS (every 7 days by default), encrypted with
 * `master_user_secret_kms_key_id` or `aws/secretsmanager`.
 *
 * Pass `db.masterUserSecret.get(0).secretArn` and `db.masterUserSecret.get(0).kmsKeyId` of an
 * `aws_db_instance`/`aws_rds_cluster`. Because RDS rotates the value, sync it with a short
 * `refreshInterval` and let pods re-read it (or restart) after a rotation.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
 */
export function rdsManagedMasterUserSecret(secretArn: string, kmsKeyArn?: string): ISecretsManagerSecret {
  return existingSecret({ secretArn, kmsKeyArn, jsonKeys: RDS_MANAGED_SECRET_KEYS });
}
