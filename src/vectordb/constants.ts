/**
 * Constants of the vector database component: engines, ports, label keys and defaults. Everything a
 * test or a client needs to name is here, typed, instead of inline strings.
 */
import { Preset } from '../core/presets';
import { K8S_LABELS, MLOPS_LABELS } from '../core/labels';

/** The engines `VectorDatabase` can install. */
export const VECTOR_DB_ENGINES = ['qdrant', 'milvus', 'weaviate'] as const;

/** One of {@link VECTOR_DB_ENGINES}. */
export type VectorDbEngine = (typeof VECTOR_DB_ENGINES)[number];

/** The engine used when none is given. */
export const DEFAULT_VECTOR_DB_ENGINE: VectorDbEngine = 'qdrant';

/** Namespace used when none is given. */
export const DEFAULT_VECTOR_DB_NAMESPACE = 'vectordb';

/** Smallest persistent volume the library accepts, in GiB. */
export const VECTOR_DB_MIN_STORAGE_GIB = 1;

/** Smallest etcd volume for Milvus, in GiB. */
export const MILVUS_MIN_ETCD_STORAGE_GIB = 1;

/** Label key of the namespace name that Kubernetes sets on every namespace (used by NetworkPolicies). */
export const VECTOR_DB_NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Label the library puts on what it creates for a vector database. */
export const VECTOR_DB_LABELS = {
  component: MLOPS_LABELS.component,
  engine: 'mlops.cdktf.io/vectordb-engine',
  name: K8S_LABELS.name,
  instance: K8S_LABELS.instance,
} as const;

/** Value of {@link VECTOR_DB_LABELS.component}. */
export const VECTOR_DB_COMPONENT = 'vectordb';

/** Container ports clients use, per engine (the pod ports a NetworkPolicy must name). */
export const VECTOR_DB_POD_PORTS = {
  qdrant: { http: 6333, grpc: 6334 },
  weaviate: { http: 8080, grpc: 50051 },
  milvus: { http: 19530, grpc: 19530 },
} as const satisfies Record<VectorDbEngine, { http: number; grpc: number }>;

/** Service ports clients connect to (Weaviate's HTTP service listens on 80 and forwards to 8080). */
export const VECTOR_DB_SERVICE_PORTS = {
  qdrant: { http: 6333, grpc: 6334 },
  weaviate: { http: 80, grpc: 50051 },
  milvus: { http: 19530, grpc: 19530 },
} as const satisfies Record<VectorDbEngine, { http: number; grpc: number }>;

/** Keys of the Kubernetes Secret that holds an engine's credentials, per engine. */
export const VECTOR_DB_SECRET_KEYS = {
  /** Qdrant: the read-write API key. */
  apiKey: 'api-key',
  /** Qdrant and Weaviate: the read-only API key. */
  readOnlyApiKey: 'read-only-api-key',
  /** Weaviate: the admin API key. */
  adminApiKey: 'admin-api-key',
  /** Weaviate: both keys, comma-separated, as `AUTHENTICATION_APIKEY_ALLOWED_KEYS` wants them. */
  weaviateAllowedKeys: 'AUTHENTICATION_APIKEY_ALLOWED_KEYS',
  /** Milvus: the root user name (`root`). */
  username: 'username',
  /** Milvus: the root password. */
  password: 'password',
} as const;

/** Weaviate API-key users, in the order of their keys in `AUTHENTICATION_APIKEY_ALLOWED_KEYS`. */
export const WEAVIATE_USERS = { admin: 'admin', readOnly: 'reader' } as const;

/** Milvus' built-in administrator. */
export const MILVUS_ROOT_USER = 'root';

/** S3 key prefix per engine; undefined means the engine writes at the root of its own bucket. */
export const VECTOR_DB_BACKUP_PREFIXES: Readonly<Record<VectorDbEngine, string | undefined>> = {
  // Qdrant's s3_config has no prefix setting: snapshots are keyed by their local snapshot path.
  qdrant: undefined,
  // Weaviate's BACKUP_S3_PATH.
  weaviate: 'weaviate',
  // Milvus' externalS3.rootPath; Woodpecker's WAL objects share the bucket, so the role covers it all.
  milvus: undefined,
};

/** Milvus' object storage root path inside the bucket. */
export const MILVUS_ROOT_PATH = 'milvus';

/**
 * Facts of Milvus (chart 5.0.19, Milvus 2.6) and milvus-backup v0.5.16 that the backup job relies on.
 * - `managementPort`: the proxy's (standalone pod's) HTTP port, where `/management/datacoord/
 *   garbage_collection/pause` lives; the chart's main service exposes it as `metrics`.
 * - `etcdPort` / `etcdRootPath`: the bundled etcd's client port (bitnami etcd's
 *   `service.ports.client`, default 2379, which wins over the milvus chart's `etcd.service.port`,
 *   also 2379) and Milvus' default `etcd.rootPath` (the chart does not set it).
 * - `backupRootPath`: where backups go in the backup bucket (`<root>/<backup name>/…`).
 * - `restoreTempPrefix`: `milvus-backup restore` copies a backup into the data bucket under
 *   `restore-temp-<task>-<db>-<collection>/` before Milvus imports it.
 */
export const MILVUS_BACKUP_FACTS = {
  managementPort: 9091,
  etcdPort: 2379,
  etcdRootPath: 'by-dev',
  backupRootPath: 'backup',
  restoreTempPrefix: 'restore-temp-',
} as const;

/** Compute requests and limits of one container. */
export interface VectorDbResources {
  /** CPU and memory requested. */
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** CPU and memory limits. */
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Default sizing per preset. */
export const VECTOR_DB_DEFAULTS: Readonly<Record<Preset, {
  readonly storageSize: string;
  readonly replicas: number;
  readonly resources: VectorDbResources;
  readonly backupRetentionDays: number;
}>> = {
  dev: {
    storageSize: '10Gi',
    replicas: 1,
    resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    backupRetentionDays: 7,
  },
  prod: {
    storageSize: '50Gi',
    replicas: 3,
    resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
    backupRetentionDays: 30,
  },
};

/** Default schedule of the snapshot job (daily, 03:00 UTC). */
export const DEFAULT_BACKUP_SCHEDULE = '0 3 * * *';

/** Default size of each Milvus etcd volume. */
export const DEFAULT_MILVUS_ETCD_STORAGE_SIZE = '10Gi';
