/**
 * Constants of the secrets foundation: External Secrets Operator API names, its default install
 * location, and the Terraform version that write-only arguments need.
 *
 * ## What goes where (the layering of secrets)
 *
 * | piece | layer | why |
 * |---|---|---|
 * | `GeneratedSecret` (Secrets Manager secret, value written write-only) | cloud | AWS resource |
 * | `ExternalSecretsAccess` (Pod Identity role of the ESO controller) | cloud | IAM is AWS |
 * | `ExternalSecretsOperator` (Helm chart + CRDs) | platform | Helm release |
 * | `SecretStore` (`ClusterSecretStore`), `SyncedSecret` (`ExternalSecret`) | workloads | custom resources whose CRDs the platform layer installs |
 *
 * The Kubernetes Secret a `SyncedSecret` produces exists only once the workloads layer is applied.
 * An application whose pods need that Secret at start therefore belongs in the **workloads** layer
 * too, with `dependsOn: [synced.manifest]`: a Helm release in the platform layer with `wait = true`
 * would time out waiting for pods that cannot start before the next layer runs.
 */

/** apiVersion of the External Secrets Operator custom resources (served by chart 2.x). */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';

/** Kinds of the External Secrets Operator custom resources the library emits. */
export const EXTERNAL_SECRETS_KINDS = {
  externalSecret: 'ExternalSecret',
  clusterSecretStore: 'ClusterSecretStore',
  secretStore: 'SecretStore',
} as const;

/** Where and how the library installs the External Secrets Operator by default. */
export const EXTERNAL_SECRETS_DEFAULTS = {
  /** Namespace of the operator. */
  namespace: 'external-secrets',
  /** Helm release name. */
  releaseName: 'external-secrets',
  /** Service account of the controller (the one that reads AWS Secrets Manager). */
  serviceAccount: 'external-secrets',
  /** Name of the `ClusterSecretStore` for AWS Secrets Manager. */
  clusterSecretStoreName: 'aws-secrets-manager',
  /** How often an `ExternalSecret` re-reads its source (picks up rotations). */
  refreshInterval: '1h',
} as const;

/** `spec.provider.aws.service` value for AWS Secrets Manager. */
export const SECRETS_MANAGER_SERVICE = 'SecretsManager';

/** Condition type ESO sets on a synced `ExternalSecret`. */
export const EXTERNAL_SECRET_READY_CONDITION = { type: 'Ready', status: 'True' } as const;

/**
 * Terraform version constraint that write-only arguments (`secret_string_wo`) need. Ephemeral
 * resources arrived in 1.10, write-only arguments in 1.11.
 * @see https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only
 */
export const WRITE_ONLY_TERRAFORM_VERSION = '>= 1.11.0';

/** Terraform type of the ephemeral resource that asks Secrets Manager for a random password. */
export const RANDOM_PASSWORD_EPHEMERAL_TYPE = 'aws_secretsmanager_random_password';

/** Terraform type of the ephemeral resource that reads a secret's value without storing it. */
export const SECRET_VERSION_EPHEMERAL_TYPE = 'aws_secretsmanager_secret_version';

/** Keys of the JSON secret that RDS writes for `manage_master_user_password`. */
export const RDS_MANAGED_SECRET_KEYS = ['password', 'username'] as const;
