/**
 * Adds the secrets foundation to a stack set: the External Secrets Operator's Pod Identity role in
 * the cloud layer, the operator in the platform layer, and the `ClusterSecretStore` in the
 * workloads layer. Components then create `GeneratedSecret`s (cloud), call
 * `secrets.access.grantRead(secret)`, and create `SyncedSecret`s (workloads) against `secrets.store`.
 */
import { ExternalSecretsAccess, ExternalSecretsOperator, Preset, SecretStore, StackSet } from '../../src/core';

/** The three pieces, for components to use. */
export interface SecretsFoundation {
  /** Grant components' secrets to the controller with `access.grantRead(secret)`. */
  readonly access: ExternalSecretsAccess;
  /** The operator (platform layer). */
  readonly operator: ExternalSecretsOperator;
  /** The `ClusterSecretStore` `SyncedSecret`s read through (workloads layer). */
  readonly store: SecretStore;
}

/** Options of {@link addSecretsFoundation}. */
export interface SecretsFoundationOptions {
  /** EKS cluster name (for the Pod Identity association). */
  readonly clusterName: string;
  /** @default 'prod' */
  readonly preset?: Preset;
  /**
   * Namespaces allowed to use the store.
   * @default - all
   */
  readonly namespaces?: readonly string[];
}

/** Adds the secrets foundation to `set` (call after `set.connect(cluster)`). */
export function addSecretsFoundation(set: StackSet, options: SecretsFoundationOptions): SecretsFoundation {
  const access = new ExternalSecretsAccess(set.cloud, 'external-secrets-access', { clusterName: options.clusterName });
  const operator = new ExternalSecretsOperator(set.platform, 'external-secrets', { access, preset: options.preset });
  const store = new SecretStore(set.workloads, 'secret-store', { namespaces: options.namespaces });
  return { access, operator, store };
}
