/**
 * Adds a Feast feature store to a stack set: KMS key, registry and offline buckets, the ElastiCache
 * Redis online store, its generated AUTH token and the Pod Identity role in the cloud layer; the
 * namespace, service account and NetworkPolicies in the platform layer; the synced AUTH Secret, the
 * feature server release(s) and the materialization CronJob in the workloads layer.
 *
 * Needs the secrets foundation (`addSecretsFoundation`): the AUTH token is granted to its
 * controller and synced through its store.
 */
import { IClusterRef, StackSet } from '../../src/core';
import { FeastFeatureStore, FeastFeatureStoreCloud, FeastFeatureStorePlatform, FeastFeatureStoreSpec } from '../../src/featurestore';
import { SecretsFoundation } from './secrets';

/** The three halves, for clients to read endpoints from. */
export interface FeatureStoreHandle {
  /** Buckets, online store, secret, role; `onlineStoreEndpoint`, `registryPath`, `offlineDataUri` (cloud layer). */
  readonly cloud: FeastFeatureStoreCloud;
  /** Namespace, service account, NetworkPolicies (platform layer). */
  readonly platform: FeastFeatureStorePlatform;
  /** The running store: `featureServerUrl`, `offlineServerUrl`, `uiUrl` (workloads layer). */
  readonly store: FeastFeatureStore;
}

/** Options of {@link addFeatureStore}. */
export interface FeatureStoreOptions {
  /** The cluster (`ClusterRef.fromEksCluster(cluster)` or `ClusterRef.fromName(…)`). */
  readonly cluster: IClusterRef;
  /** The secrets foundation of the stack set. */
  readonly secrets: Pick<SecretsFoundation, 'access' | 'store'>;
  /** The feature store definition (Feast project, preset, servers, schedule). */
  readonly spec: FeastFeatureStoreSpec;
  /**
   * Customer managed KMS key for the cache, the buckets and the secret.
   * @default - a new key
   */
  readonly kmsKeyArn?: string;
  /**
   * Construct id in each layer stack (change it only for a second feature store).
   * @default 'featurestore'
   */
  readonly id?: string;
}

/** Adds a Feast feature store to `set` (call after `set.connect(cluster)` and `addSecretsFoundation`). */
export function addFeatureStore(set: StackSet, options: FeatureStoreOptions): FeatureStoreHandle {
  const id = options.id ?? 'featurestore';
  const cloud = new FeastFeatureStoreCloud(set.cloud, id, {
    ...options.spec,
    cluster: options.cluster,
    secretsAccess: options.secrets.access,
    kmsKeyArn: options.kmsKeyArn,
  });
  const platform = new FeastFeatureStorePlatform(set.platform, id, { cloud });
  const store = new FeastFeatureStore(set.workloads, id, { cloud, platform, secretStore: options.secrets.store });
  return { cloud, platform, store };
}
