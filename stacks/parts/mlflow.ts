/**
 * Adds the MLflow tracking server and model registry to a stack set:
 * - cloud: `MlflowCloud` (RDS PostgreSQL, artifact bucket, Pod Identity role, admin secret; both
 *   secrets granted to the External Secrets Operator);
 * - platform: `MlflowPlatform` (namespace, LimitRange, NetworkPolicies);
 * - workloads: `MlflowTrackingServer` (synced Secrets, then the Helm release).
 *
 * Needs the secrets foundation (`addSecretsFoundation`): its store must allow the MLflow namespace.
 * Call after `set.connect(cluster)`.
 */
import { ExternalSecretsAccess, IClusterRef, ISecretStoreRef, Preset, StackSet } from '../../src/core';
import { IMlflowTrackingServer, MlflowCloud, MlflowCloudProps, MlflowIngress, MlflowPlatform, MlflowTrackingServer } from '../../src/mlflow';

/** Options of {@link addMlflow}. */
export interface MlflowOptions {
  /** The cluster (`ClusterRef.fromEksCluster(cluster)` or `ClusterRef.fromName(...)`). */
  readonly cluster: IClusterRef;
  /** The secrets foundation's pieces: the operator's role (grants) and the store (syncs). */
  readonly secrets: { readonly access: ExternalSecretsAccess; readonly store: ISecretStoreRef };
  /** @default 'prod' */
  readonly preset?: Preset;
  /** Database size, version and backups. @default - the preset's */
  readonly database?: MlflowCloudProps['database'];
  /**
   * Namespaces whose pods may call the server.
   * @default MLFLOW_DEFAULTS.clientNamespaces (['kserve', 'monitoring'])
   */
  readonly clientNamespaces?: readonly string[];
  /**
   * An internal ALB ingress; the VPC CIDR is then allowed to reach the server port.
   * @default - none
   */
  readonly ingress?: MlflowIngress;
  /**
   * The host a front door serves MLflow on (`FrontDoorCloud.hostFor('mlflow')`); the VPC CIDR is
   * then allowed to reach the server port (the ALB's IP targets).
   * @default - none
   */
  readonly frontDoorHost?: string;
}

/** What {@link addMlflow} created. */
export interface MlflowParts {
  readonly cloud: MlflowCloud;
  readonly platform: MlflowPlatform;
  readonly server: MlflowTrackingServer;
  /** The handle for other components (tracking URI, artifacts, client secret, read-only policy). */
  readonly handle: IMlflowTrackingServer;
}

/** Adds MLflow to the three layers of `set`. */
export function addMlflow(set: StackSet, options: MlflowOptions): MlflowParts {
  const cloud = new MlflowCloud(set.cloud, 'mlflow', {
    cluster: options.cluster,
    preset: options.preset,
    secretsAccess: options.secrets.access,
    database: options.database,
  });
  const platform = new MlflowPlatform(set.platform, 'mlflow', {
    cloud,
    clientNamespaces: options.clientNamespaces,
    allowedCidrs: options.ingress || options.frontDoorHost ? [cloud.vpcCidr] : undefined,
  });
  const server = new MlflowTrackingServer(set.workloads, 'mlflow', {
    cloud,
    store: options.secrets.store,
    ingress: options.ingress,
    externalHosts: options.frontDoorHost ? [options.frontDoorHost] : undefined,
  });
  return { cloud, platform, server, handle: server };
}
