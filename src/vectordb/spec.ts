/**
 * The definition of one vector database, shared by its three layer constructs. It is validated once
 * (by `VectorDatabaseCloud`, the first construct created) and carried to the platform and workloads
 * constructs as a resolved, defaults-applied {@link ResolvedVectorDatabaseSpec}.
 *
 * Engine-specific settings are a discriminated union on `engine`: `qdrant` settings only with
 * `engine: 'qdrant'` (the default), and so on. Setting another engine's block is a validation error.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { PlainObject } from '../core/merge';
import { DEFAULT_PRESET, Preset, presetSchema } from '../core/presets';
import { parseQuantity, Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import {
  DEFAULT_BACKUP_SCHEDULE,
  DEFAULT_MILVUS_ETCD_STORAGE_SIZE,
  DEFAULT_VECTOR_DB_ENGINE,
  DEFAULT_VECTOR_DB_NAMESPACE,
  MILVUS_MIN_ETCD_STORAGE_GIB,
  VECTOR_DB_MIN_STORAGE_GIB,
  VectorDbResources,
  VECTOR_DB_DEFAULTS,
  VECTOR_DB_ENGINES,
  VectorDbEngine,
} from './constants';

/** Snapshot schedule and retention. */
export interface VectorDatabaseBackupProps {
  /**
   * Cron schedule (UTC) of the backup job: a snapshot of every collection (Qdrant), a backup-s3
   * backup (Weaviate), a milvus-backup backup into the separate backup bucket (Milvus).
   * @default '0 3 * * *'
   */
  readonly schedule?: string;
  /**
   * Days a backup is kept before S3 expires it; also the days noncurrent object versions are kept.
   * (Milvus' data bucket holds live data: only its noncurrent versions expire.)
   * @default 7 for dev, 30 for prod
   */
  readonly retentionDays?: number;
}

/** Settings shared by every engine. */
export interface VectorDatabaseCommonProps {
  /**
   * Name of the database: Helm release, service account, secrets and resource names derive from it.
   * @default - the engine name (`qdrant`, `milvus`, `weaviate`)
   */
  readonly name?: string;
  /**
   * Namespace the database runs in (created by `VectorDatabasePlatform`; dedicated to it).
   * @default 'vectordb'
   */
  readonly namespace?: string;
  /**
   * `dev`: one replica, small; `prod`: replicated across zones, cluster mode.
   * @default 'prod'
   */
  readonly preset?: Preset;
  /**
   * Size of each data volume (encrypted gp3), at least 1Gi.
   * @default '10Gi' for dev, '50Gi' for prod
   */
  readonly storageSize?: string;
  /**
   * Replicas of the database (Qdrant/Weaviate pods; Milvus proxies, query, data and streaming nodes).
   * @default 1 for dev, 3 for prod
   */
  readonly replicas?: number;
  /**
   * Requests and limits of each database container.
   * @default dev: 500m/2Gi requested, 2/4Gi limit; prod: 2/8Gi requested, 4/16Gi limit
   */
  readonly resources?: VectorDbResources;
  /**
   * Namespaces whose pods may connect (HTTP and gRPC ports); every other connection is denied.
   * @default [] (only pods in the database's own namespace)
   */
  readonly clientNamespaces?: string[];
  /**
   * Snapshot schedule and retention.
   * @default - daily at 03:00 UTC, retention by preset
   */
  readonly backup?: VectorDatabaseBackupProps;
}

/** Qdrant-only settings. */
export interface QdrantOptions {
  /**
   * Run Qdrant in distributed (cluster) mode; required for more than one replica.
   * @default true for prod, false for dev
   * @see https://qdrant.tech/documentation/guides/distributed_deployment/
   */
  readonly clusterMode?: boolean;
  /**
   * Helm values deep-merged on top of the library's (qdrant chart keys).
   * @default - none
   */
  readonly overrides?: PlainObject;
}

/** Milvus-only settings. */
export interface MilvusOptions {
  /**
   * `standalone`: one pod with embedded coordinators (one replica); `cluster`: proxies, mix
   * coordinator, query, data and streaming nodes, each with `replicas` replicas.
   * @default 'cluster' for prod, 'standalone' for dev
   */
  readonly mode?: 'standalone' | 'cluster';
  /**
   * Size of each etcd volume (Milvus metadata).
   * @default '10Gi'
   */
  readonly etcdStorageSize?: string;
  /**
   * Let the backup job's role write `restore-temp-*` in the data bucket, which `milvus-backup
   * restore` needs (it copies a backup there before Milvus imports it). The scheduled backups only
   * read the data bucket; turn this on for a restore and off again afterwards.
   * @default false
   */
  readonly restoreAccess?: boolean;
  /**
   * Helm values deep-merged on top of the library's (milvus chart keys).
   * @default - none
   */
  readonly overrides?: PlainObject;
}

/** Weaviate-only settings. */
export interface WeaviateOptions {
  /**
   * Helm values deep-merged on top of the library's (weaviate chart keys).
   * @default - none
   */
  readonly overrides?: PlainObject;
}

/** Qdrant (the default engine). */
export interface QdrantEngineProps {
  /** @default 'qdrant' */
  readonly engine?: 'qdrant';
  /** Qdrant settings. @default - defaults of {@link QdrantOptions} */
  readonly qdrant?: QdrantOptions;
}

/** Milvus. */
export interface MilvusEngineProps {
  readonly engine: 'milvus';
  /** Milvus settings. @default - defaults of {@link MilvusOptions} */
  readonly milvus?: MilvusOptions;
}

/** Weaviate. */
export interface WeaviateEngineProps {
  readonly engine: 'weaviate';
  /** Weaviate settings. @default - defaults of {@link WeaviateOptions} */
  readonly weaviate?: WeaviateOptions;
}

/** The definition of one vector database: common settings plus one engine's settings. */
export type VectorDatabaseSpec = VectorDatabaseCommonProps & (QdrantEngineProps | MilvusEngineProps | WeaviateEngineProps);

/** A spec with every default applied. */
export interface ResolvedVectorDatabaseSpec {
  readonly engine: VectorDbEngine;
  readonly name: string;
  readonly namespace: string;
  readonly preset: Preset;
  readonly storageSize: string;
  readonly replicas: number;
  readonly resources: VectorDbResources;
  readonly clientNamespaces: readonly string[];
  readonly backup: { readonly schedule: string; readonly retentionDays: number };
  /** Qdrant: distributed mode. */
  readonly qdrantClusterMode: boolean;
  /** Milvus: deployment mode. */
  readonly milvusMode: 'standalone' | 'cluster';
  /** Milvus: etcd volume size. */
  readonly milvusEtcdStorageSize: string;
  /** Milvus: the backup role may write the data bucket's restore prefix. */
  readonly milvusRestoreAccess: boolean;
  /** Helm overrides of the chosen engine. */
  readonly overrides?: PlainObject;
}

function storageSize(minGib: number) {
  return Schemas.memory().refine((q) => (parseQuantity(q) ?? 0) >= minGib * 2 ** 30, {
    message: `is below the ${minGib}Gi minimum; give the volume at least "${minGib}Gi" (and room for the data you expect)`,
  });
}

const commonShape = {
  name: Schemas.k8sName().max(40, { message: 'is longer than 40 characters; use a shorter name (pod and volume names derive from it)' }).optional(),
  namespace: Schemas.k8sName().optional(),
  preset: presetSchema.optional(),
  storageSize: storageSize(VECTOR_DB_MIN_STORAGE_GIB).optional(),
  replicas: Schemas.positiveInt('number of replicas').optional(),
  resources: Schemas.resources({ cpuLimitRequired: true }).optional(),
  clientNamespaces: z.array(Schemas.k8sName()).optional(),
  backup: Schemas.props<VectorDatabaseBackupProps>()({
    schedule: Schemas.cron().optional(),
    retentionDays: Schemas.positiveInt('number of days').optional(),
  }).optional(),
};

const overrides = z.record(z.string(), z.unknown()).optional();

const specSchema = z.discriminatedUnion('engine', [
  Schemas.props<VectorDatabaseCommonProps & QdrantEngineProps>()({ ...commonShape, engine: z.literal('qdrant'), qdrant: Schemas.props<QdrantOptions>()({ clusterMode: z.boolean().optional(), overrides }).optional() }),
  Schemas.props<VectorDatabaseCommonProps & MilvusEngineProps>()({
    ...commonShape,
    engine: z.literal('milvus'),
    milvus: Schemas.props<MilvusOptions>()({
      mode: z.enum(['standalone', 'cluster'], { message: 'must be "standalone" or "cluster"' }).optional(),
      etcdStorageSize: storageSize(MILVUS_MIN_ETCD_STORAGE_GIB).optional(),
      restoreAccess: z.boolean().optional(),
      overrides,
    }).optional(),
  }),
  Schemas.props<VectorDatabaseCommonProps & WeaviateEngineProps>()({ ...commonShape, engine: z.literal('weaviate'), weaviate: Schemas.props<WeaviateOptions>()({ overrides }).optional() }),
]);

/**
 * Validates a spec for the construct `scope` and applies defaults. Errors name the construct path,
 * the prop, the value and the fix.
 */
export function resolveVectorDatabaseSpec(scope: Construct, spec: VectorDatabaseSpec): ResolvedVectorDatabaseSpec {
  const engine = (spec.engine ?? DEFAULT_VECTOR_DB_ENGINE) as VectorDbEngine;
  if (!(VECTOR_DB_ENGINES as readonly string[]).includes(engine)) {
    failProp(scope, 'engine', engine, `is not a supported engine; use one of ${VECTOR_DB_ENGINES.map((e) => `"${e}"`).join(', ')}`);
  }
  const given = spec as Record<string, unknown>;
  for (const other of VECTOR_DB_ENGINES) {
    if (other !== engine && given[other] !== undefined) {
      failProp(scope, other, given[other], `is set but engine is "${engine}"; move these settings under "${engine}" or set engine: "${other}"`);
    }
  }
  validateProps(scope, specSchema, { ...spec, engine });
  const preset = spec.preset ?? DEFAULT_PRESET;
  const defaults = VECTOR_DB_DEFAULTS[preset];
  const qdrant = engine === 'qdrant' ? (spec as QdrantEngineProps).qdrant : undefined;
  const milvus = engine === 'milvus' ? (spec as MilvusEngineProps).milvus : undefined;
  const weaviate = engine === 'weaviate' ? (spec as WeaviateEngineProps).weaviate : undefined;
  const resolved: ResolvedVectorDatabaseSpec = {
    engine,
    name: spec.name ?? engine,
    namespace: spec.namespace ?? DEFAULT_VECTOR_DB_NAMESPACE,
    preset,
    storageSize: spec.storageSize ?? defaults.storageSize,
    replicas: spec.replicas ?? defaults.replicas,
    resources: spec.resources ?? defaults.resources,
    clientNamespaces: [...(spec.clientNamespaces ?? [])].sort(),
    backup: {
      schedule: spec.backup?.schedule ?? DEFAULT_BACKUP_SCHEDULE,
      retentionDays: spec.backup?.retentionDays ?? defaults.backupRetentionDays,
    },
    qdrantClusterMode: qdrant?.clusterMode ?? preset === 'prod',
    milvusMode: milvus?.mode ?? (preset === 'prod' ? 'cluster' : 'standalone'),
    milvusEtcdStorageSize: milvus?.etcdStorageSize ?? DEFAULT_MILVUS_ETCD_STORAGE_SIZE,
    milvusRestoreAccess: milvus?.restoreAccess ?? false,
    overrides: qdrant?.overrides ?? milvus?.overrides ?? weaviate?.overrides,
  };
  checkReplicas(scope, resolved);
  checkMilvusOverrides(scope, resolved);
  return resolved;
}

/** The backup job pauses Milvus' garbage collection through the service's 9091 port (`metrics.enabled`). */
function checkMilvusOverrides(scope: Construct, spec: ResolvedVectorDatabaseSpec): void {
  const metrics = spec.engine === 'milvus' ? (spec.overrides?.metrics as PlainObject | undefined) : undefined;
  if (metrics?.enabled === false) {
    failProp(scope, 'milvus.overrides.metrics.enabled', false, 'removes port 9091 from the Milvus service, through which the backup job pauses garbage collection while it copies segments; remove the override');
  }
}

function checkReplicas(scope: Construct, spec: ResolvedVectorDatabaseSpec): void {
  if (spec.replicas === 1) return;
  if (spec.engine === 'qdrant' && !spec.qdrantClusterMode) {
    failProp(scope, 'replicas', spec.replicas, 'needs Qdrant cluster mode; set qdrant.clusterMode: true or replicas: 1');
  }
  if (spec.engine === 'milvus' && spec.milvusMode === 'standalone') {
    failProp(scope, 'replicas', spec.replicas, 'is more than standalone Milvus runs; set milvus.mode: "cluster" or replicas: 1');
  }
}
