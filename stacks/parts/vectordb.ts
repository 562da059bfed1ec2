/**
 * Adds a vector database (Qdrant by default) to a stack set: bucket, Pod Identity role and generated
 * credentials in the cloud layer; namespace and NetworkPolicies in the platform layer; synced
 * Secrets, the Helm release and the snapshot CronJob in the workloads layer.
 *
 * Needs the secrets foundation (`addSecretsFoundation`): the credentials are granted to its
 * controller and synced through its store, and the `DefaultStorageClass` (`gp3-encrypted`).
 */
import { StackSet } from '../../src/core';
import { VectorDatabase, VectorDatabaseCloud, VectorDatabasePlatform, VectorDatabaseSpec } from '../../src/vectordb';
import { SecretsFoundation } from './secrets';

/** The three halves, for clients to read endpoints and secret names from. */
export interface VectorDatabaseHandle {
  /** Bucket, role, generated credentials (cloud layer). */
  readonly cloud: VectorDatabaseCloud;
  /** Namespace and NetworkPolicies (platform layer). */
  readonly platform: VectorDatabasePlatform;
  /** The running database: `endpoint`, `clientSecretName`, `readOnlySecretName`, `backupBucketName` (workloads layer). */
  readonly database: VectorDatabase;
}

/** Options of {@link addVectorDatabase}. */
export interface VectorDatabaseOptions {
  /** EKS cluster name (for the Pod Identity association). */
  readonly clusterName: string;
  /** The secrets foundation of the stack set. */
  readonly secrets: Pick<SecretsFoundation, 'access' | 'store'>;
  /**
   * The database definition.
   * @default - Qdrant with the prod preset, namespace `vectordb`, no client namespaces
   */
  readonly spec?: VectorDatabaseSpec;
  /**
   * Construct id in each layer stack (change it only for a second database).
   * @default 'vectordb'
   */
  readonly id?: string;
  /**
   * Customer managed KMS key of the backup bucket and the credentials secret.
   * @default - SSE-KMS with the AWS managed key aws/s3 for the bucket, aws/secretsmanager for the secret
   */
  readonly kmsKeyArn?: string;
}

/** Adds a vector database to `set` (call after `set.connect(cluster)` and `addSecretsFoundation`). */
export function addVectorDatabase(set: StackSet, options: VectorDatabaseOptions): VectorDatabaseHandle {
  const id = options.id ?? 'vectordb';
  const cloud = new VectorDatabaseCloud(set.cloud, id, {
    ...(options.spec ?? { engine: 'qdrant' }),
    clusterName: options.clusterName,
    secretsAccess: options.secrets.access,
    kmsKeyArn: options.kmsKeyArn,
  });
  const platform = new VectorDatabasePlatform(set.platform, id, { cloud });
  const database = new VectorDatabase(set.workloads, id, { cloud, platform, secretStore: options.secrets.store });
  return { cloud, platform, database };
}
