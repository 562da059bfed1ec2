/**
 * `VectorDatabase` (workloads layer): the running database — its credentials synced from Secrets
 * Manager into Kubernetes Secrets, the pinned Helm chart (Qdrant, Milvus or Weaviate) and the
 * scheduled backup (no engine schedules its own): a snapshot CronJob (Qdrant, Weaviate) or a
 * milvus-backup CronJob (Milvus).
 *
 * Why the workloads layer for a Helm release: the pods read the API keys / root password from a
 * Secret that an `ExternalSecret` (a custom resource, workloads layer) creates. The release waits
 * for it (`dependsOn` the ExternalSecret, which waits until ESO reports it Ready); in the platform
 * layer the release would wait for pods that cannot start until the next layer runs. The charts
 * install no CRDs, so the deployability check is satisfied. The snapshot CronJob sits next to the
 * release for the same reason (it needs the Secret and the running database).
 *
 * Nothing secret is in the synthesized JSON or the Helm values: charts reference the Secrets by name.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { DEFAULT_STORAGE_CLASS } from '../cluster/default-storage-class';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { ISecretStoreRef, secretStoreRefSchema } from '../core/secrets/secret-store';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { EngineProfile, READ_ONLY_KEY_TEMPLATE, vectorDbServiceHost, WRITE_KEY_TEMPLATE } from './engines/engine-profile';
import { MilvusBackupJob } from './milvus-backup-job';
import { curlSnapshotContainer, SNAPSHOT_JOB_GID, SNAPSHOT_JOB_UID } from './snapshot-scripts';
import { VectorDatabaseSnapshotJob } from './snapshot-cron-job';
import { ResolvedVectorDatabaseSpec } from './spec';
import { VectorDatabaseCloud } from './vector-database-cloud';
import { VectorDatabasePlatform } from './vector-database-platform';

/** Props of {@link VectorDatabase}. */
export interface VectorDatabaseProps {
  /** The cloud half (definition, bucket, role, generated secret). */
  readonly cloud: VectorDatabaseCloud;
  /** The platform half (namespace, NetworkPolicies); must belong to the same `cloud`. */
  readonly platform: VectorDatabasePlatform;
  /** The External Secrets store that reads AWS Secrets Manager (a `SecretStore`). */
  readonly secretStore: ISecretStoreRef;
  /**
   * Storage class of the data volumes.
   * @default 'gp3-encrypted' (DEFAULT_STORAGE_CLASS, encrypted gp3 of `DefaultStorageClass`)
   */
  readonly storageClassName?: string;
  /**
   * Seconds Helm waits for the database to become ready.
   * @default 900
   */
  readonly timeoutSeconds?: number;
}

const schema = Schemas.props<VectorDatabaseProps>()({
  cloud: z.custom<VectorDatabaseCloud>((v) => v instanceof VectorDatabaseCloud, { message: 'is not a VectorDatabaseCloud; pass the VectorDatabaseCloud of the cloud layer' }),
  platform: z.custom<VectorDatabasePlatform>((v) => v instanceof VectorDatabasePlatform, { message: 'is not a VectorDatabasePlatform; pass the one created from this cloud in the platform layer' }),
  secretStore: secretStoreRefSchema(),
  storageClassName: Schemas.dnsSubdomain().optional(),
  timeoutSeconds: z.number().int().min(30, { message: 'is under 30 seconds; give Helm at least 30 seconds' }).optional(),
});

/** In-cluster endpoints of a database. */
export interface VectorDatabaseEndpoint {
  /** HTTP/REST base URL. */
  readonly http: string;
  /** gRPC address (`host:port`). */
  readonly grpc: string;
}

/** The running vector database. */
export class VectorDatabase extends Construct {
  public readonly spec: ResolvedVectorDatabaseSpec;
  public readonly profile: EngineProfile;
  /** The Helm release. */
  public readonly chart: HelmChart;
  /** The Secret with the database's credentials (write/admin key or root user). */
  public readonly credentials: SyncedSecret;
  /** A Secret with only the read-only API key (Qdrant, Weaviate). */
  public readonly readOnlyCredentials?: SyncedSecret;
  /** The scheduled backup: a snapshot CronJob (Qdrant, Weaviate), or milvus-backup's (Milvus, in `milvusBackup`). */
  public readonly snapshotJob: VectorDatabaseSnapshotJob;
  /** Milvus: the backup job with its configuration. */
  public readonly milvusBackup?: MilvusBackupJob;
  /** In-cluster endpoints (HTTP and gRPC). */
  public readonly endpoint: VectorDatabaseEndpoint;
  /** Name of the Secret clients with write access read (keys: see {@link VectorDatabase.secretKeys}). */
  public readonly clientSecretName: string;
  /** Name of the Secret with only the read-only key, when the engine has one. */
  public readonly readOnlySecretName?: string;
  /** Keys of the client Secret. */
  public readonly secretKeys: readonly string[];
  /** Namespace of the database. */
  public readonly namespace: string;
  /** Name of the bucket backups go to. */
  public readonly backupBucketName: string;
  /** Milvus: name of its object storage bucket (live data). */
  public readonly dataBucketName?: string;
  private readonly cloud: VectorDatabaseProps['cloud'];
  private readonly secretStore: VectorDatabaseProps['secretStore'];
  /** ESO template of the read-write client Secret (undefined: the fetched keys as they are). */
  private readonly writeTemplate?: Record<string, string>;

  constructor(scope: Construct, id: string, props: VectorDatabaseProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'VectorDatabase');
    const { cloud, platform } = props;
    if (platform.spec !== cloud.spec) {
      failProp(this, 'platform', platform.node.path, `belongs to another database than cloud (${cloud.node.path}); pass the VectorDatabasePlatform created from this cloud`);
    }
    this.spec = cloud.spec;
    this.profile = cloud.profile;
    this.cloud = cloud;
    this.secretStore = props.secretStore;
    const { spec, profile } = this;
    this.namespace = spec.namespace;
    this.backupBucketName = cloud.backupBucket.bucketName;
    if (profile.primaryBucket === 'data') this.dataBucketName = cloud.bucketName;

    const creds = profile.credentials;
    const synced = (sid: string, secretName: string, template: Record<string, string> | undefined) =>
      new SyncedSecret(this, sid, { store: props.secretStore, source: cloud.secret, namespace: spec.namespace, secretName, template });
    if (creds.kind === 'key-pair') {
      this.writeTemplate = {
        [creds.writeKey]: WRITE_KEY_TEMPLATE,
        [creds.readOnlyKey]: READ_ONLY_KEY_TEMPLATE,
        ...creds.extraTemplates,
      };
      this.credentials = synced('credentials', profile.secretName, this.writeTemplate);
      this.readOnlyCredentials = synced('read-only-credentials', creds.readOnlySecretName, { [creds.readOnlyKey]: READ_ONLY_KEY_TEMPLATE });
      this.readOnlySecretName = creds.readOnlySecretName;
    } else {
      this.credentials = synced('credentials', profile.secretName, undefined);
    }
    this.clientSecretName = this.credentials.secretName;
    this.secretKeys = this.credentials.keys;

    this.chart = new HelmChart(this, 'chart', {
      chart: profile.chart,
      releaseName: spec.name,
      namespace: spec.namespace,
      values: profile.values({ bucketName: cloud.bucketName, region: cloud.region, storageClassName: props.storageClassName ?? DEFAULT_STORAGE_CLASS }),
      overrides: spec.overrides,
      timeoutSeconds: props.timeoutSeconds ?? 900,
      dependsOn: [this.credentials.manifest],
    });

    const http = vectorDbServiceHost(profile.httpService, spec.namespace);
    const grpc = vectorDbServiceHost(profile.grpcService, spec.namespace);
    this.endpoint = { http: `http://${http}:${profile.servicePorts.http}`, grpc: `${grpc}:${profile.servicePorts.grpc}` };

    if (profile.snapshotJob === 'milvus') {
      if (creds.kind !== 'root-password' || !profile.backupServiceAccountName) throw new Error('internal: Milvus profile without root password or backup service account');
      this.milvusBackup = new MilvusBackupJob(this, 'backup', {
        releaseName: spec.name,
        namespace: spec.namespace,
        region: cloud.region,
        dataBucketName: cloud.bucketName,
        backupBucketName: cloud.backupBucket.bucketName,
        schedule: spec.backup.schedule,
        serviceAccountName: profile.backupServiceAccountName,
        passwordSecret: { name: this.credentials.secretName, key: creds.passwordKey },
        dependsOn: [this.chart.release],
      });
      this.snapshotJob = this.milvusBackup.job;
    } else {
      if (creds.kind !== 'key-pair') throw new Error(`internal: ${spec.engine} profile without an API key pair`);
      this.snapshotJob = new VectorDatabaseSnapshotJob(this, 'snapshot', {
        name: `${spec.name}-snapshot`,
        namespace: spec.namespace,
        schedule: spec.backup.schedule,
        runAs: { uid: SNAPSHOT_JOB_UID, gid: SNAPSHOT_JOB_GID },
        container: curlSnapshotContainer(
          profile.snapshotJob,
          { name: spec.name, namespace: spec.namespace, replicas: spec.replicas, httpService: profile.httpService },
          { name: this.credentials.secretName, key: creds.writeKey },
        ),
        dependsOn: [this.chart.release],
      });
    }
  }

  /**
   * Syncs client credentials into a client's namespace (a Secret cannot be mounted across
   * namespaces): `read-only` gives only the read-only API key (Qdrant, Weaviate), `read-write` the
   * same keys as {@link clientSecretName}. `scope` must be in a workloads stack; the secret store
   * must allow `namespace`, and the namespace should be one of the database's `clientNamespaces`
   * (its NetworkPolicy admits only those).
   */
  public syncClientCredentials(scope: Construct, id: string, options: { readonly namespace: string; readonly access: 'read-only' | 'read-write'; readonly secretName?: string }): SyncedSecret {
    const creds = this.profile.credentials;
    if (!this.spec.clientNamespaces.includes(options.namespace)) {
      failProp(this, 'syncClientCredentials(namespace)', options.namespace, `is not a client namespace of this database (${this.spec.clientNamespaces.join(', ') || 'none'}); add it to clientNamespaces so its NetworkPolicy admits the clients`);
    }
    if (options.access === 'read-only' && creds.kind !== 'key-pair') {
      failProp(this, 'syncClientCredentials(access)', options.access, `is not available for ${this.spec.engine}, which has no read-only key; use "read-write"`);
    }
    const readOnly = options.access === 'read-only' && creds.kind === 'key-pair';
    return new SyncedSecret(scope, id, {
      store: this.secretStore,
      source: this.cloud.secret,
      namespace: options.namespace,
      secretName: options.secretName ?? (readOnly ? this.readOnlySecretName! : this.clientSecretName),
      template: readOnly ? { [creds.readOnlyKey]: READ_ONLY_KEY_TEMPLATE } : this.writeTemplate,
    });
  }
}
