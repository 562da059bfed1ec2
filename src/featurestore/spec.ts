/**
 * The definition of one Feast feature store, shared by its three layer constructs. It is validated
 * once, by `FeastFeatureStoreCloud` (the first construct created), and carried to the platform and
 * workloads constructs resolved, with every default applied.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { PlainObject } from '../core/merge';
import { byPreset, DEFAULT_PRESET, Preset, presetSchema } from '../core/presets';
import { ContainerResources } from '../core/secrets/external-secrets-operator';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { DEFAULT_FEAST_NAME, DEFAULT_FEAST_NAMESPACE, FEAST_DEFAULTS, FEAST_PRESET_DEFAULTS, FEAST_RESOURCES } from './constants';
import { cronSchema } from '../core/schemas';

/** The online store: ElastiCache for Redis OSS (the only type this construct provisions). */
export interface FeastOnlineStoreSpec {
  /**
   * Online store type. Only `redis` (an ElastiCache for Redis OSS replication group) is supported.
   * @default 'redis'
   */
  readonly type?: 'redis';
  /**
   * ElastiCache node type.
   * @default 'cache.t4g.micro' for dev, 'cache.r7g.large' for prod
   */
  readonly nodeType?: string;
  /**
   * Nodes of the replication group (1 primary + replicas, at most 6). `prod` needs at least 2:
   * automatic failover and Multi-AZ need a replica in another zone.
   * @default 1 for dev, 2 for prod
   */
  readonly numCacheClusters?: number;
  /**
   * Days automatic daily snapshots are kept (1–35).
   * @default 1 for dev, 7 for prod
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Expire feature values this many seconds after they were written (Feast `key_ttl_seconds`).
   * @default - never
   */
  readonly keyTtlSeconds?: number;
  /**
   * Version of the generated AUTH token (the password of the Redis RBAC user `default`): bump it by
   * 1 to rotate — a new token is generated and the apply-time function sets the user's passwords to
   * [new, previous], both valid until the next rotation; restart the servers afterwards.
   * @default 1
   */
  readonly authTokenVersion?: number;
  /**
   * `lifecycle.prevent_destroy` on the replication group (its data can be rebuilt by
   * materialization, but not without downtime).
   * @default true for prod, false for dev
   */
  readonly preventDestroy?: boolean;
}

/** The registry: Feast's file registry on S3. */
export interface FeastRegistrySpec {
  /**
   * Registry type. Only `s3` (the file registry `s3://<bucket>/<project>/registry.db`) is
   * supported; see the component docs for why not the SQL registry.
   * @default 's3'
   */
  readonly type?: 's3';
  /**
   * Seconds Feast caches the registry before re-reading it.
   * @default 60
   */
  readonly cacheTtlSeconds?: number;
}

/** The offline store: parquet files on S3 read by Feast's `file` (dask) offline store. */
export interface FeastOfflineStoreSpec {
  /**
   * Offline store type. Only `file` (parquet on S3 under `s3://<offline bucket>/<project>/`) is
   * supported.
   * @default 'file'
   */
  readonly type?: 'file';
}

/** The feature servers (the `feast-feature-server` chart). */
export interface FeastFeatureServerSpec {
  /**
   * Replicas of the online feature server.
   * @default 1 for dev, 2 for prod
   */
  readonly replicas?: number;
  /**
   * Requests/limits of each server container.
   * @default FEAST_RESOURCES.server (250m/512Mi requested, 1Gi memory limit)
   */
  readonly resources?: ContainerResources;
  /**
   * Also run the offline feature server (`feast_mode: offline`, Arrow Flight on 8815) for training
   * clients that use Feast's `remote` offline store.
   * @default false
   */
  readonly offline?: boolean;
  /**
   * Also run the Feast UI (`feast_mode: ui`, port 8888; needs a writable root file system).
   * @default false
   */
  readonly ui?: boolean;
  /**
   * Namespaces whose pods may call the servers; every other connection is denied.
   * @default [] (only pods in the feature store's namespace)
   */
  readonly clientNamespaces?: readonly string[];
  /**
   * Namespaces allowed to scrape the online server's metrics port (8000), e.g. `monitoring`.
   * @default []
   */
  readonly metricsNamespaces?: readonly string[];
  /**
   * Helm value overrides of every server release, deep-merged on top (keys must exist in the
   * pinned chart).
   * @default - none
   */
  readonly overrides?: PlainObject;
}

/** Scheduled incremental materialization (offline → online). */
export interface FeastMaterializationSpec {
  /**
   * Create the CronJob.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * 5-field cron schedule (UTC).
   * @default '5 * * * *' (hourly at minute 5)
   */
  readonly schedule?: string;
  /**
   * Feature views to materialize (`--views`).
   * @default - all feature views of the project
   */
  readonly views?: readonly string[];
  /**
   * Requests/limits of the job container.
   * @default FEAST_RESOURCES.materialization (500m/1Gi requested, 4Gi memory limit)
   */
  readonly resources?: ContainerResources;
  /**
   * Longest a run may take (`activeDeadlineSeconds`).
   * @default 10800 (3 hours)
   */
  readonly deadlineSeconds?: number;
  /**
   * Seconds after a missed schedule time within which a run may still start.
   * @default 600
   */
  readonly startingDeadlineSeconds?: number;
}

/** The definition of a Feast feature store. */
export interface FeastFeatureStoreSpec {
  /** Feast project name (letters, digits, `_` and `-`, not starting with `_` or `-`). */
  readonly project: string;
  /**
   * Base name of the Kubernetes objects (releases `<name>-online`, service account, CronJob).
   * @default 'feast'
   */
  readonly name?: string;
  /**
   * Namespace (created by `FeastFeatureStorePlatform`; dedicated to the feature store).
   * @default 'feast'
   */
  readonly namespace?: string;
  /** `dev`: one cache node, one server; `prod`: Multi-AZ failover, two servers, protected. @default 'prod' */
  readonly preset?: Preset;
  /** @default - Redis with the preset's defaults */
  readonly onlineStore?: FeastOnlineStoreSpec;
  /** @default - S3 file registry */
  readonly registry?: FeastRegistrySpec;
  /** @default - parquet on S3 */
  readonly offlineStore?: FeastOfflineStoreSpec;
  /** @default - online server only */
  readonly featureServer?: FeastFeatureServerSpec;
  /** @default - hourly incremental materialization */
  readonly materialization?: FeastMaterializationSpec;
}

/** {@link FeastFeatureStoreSpec} with every default applied. */
export interface ResolvedFeastSpec {
  readonly project: string;
  readonly name: string;
  readonly namespace: string;
  readonly preset: Preset;
  readonly onlineStore: Required<Omit<FeastOnlineStoreSpec, 'keyTtlSeconds'>> & { readonly keyTtlSeconds?: number };
  readonly registry: Required<FeastRegistrySpec>;
  readonly offlineStore: Required<FeastOfflineStoreSpec>;
  readonly featureServer: Required<Omit<FeastFeatureServerSpec, 'overrides'>> & { readonly overrides?: PlainObject };
  readonly materialization: Required<FeastMaterializationSpec>;
}

const resourcesSchema = Schemas.resources();
const seconds = (what: string) => z.number().int({ message: `must be a whole number of seconds; give ${what} as an integer` }).positive({ message: `must be at least 1 second; give a positive ${what}` });
/** Feast object names (`feast.repo_operations.is_valid_name`), kept to what is safe in a shell word. */
const FEAST_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const schema = Schemas.props<FeastFeatureStoreSpec>()({
    project: z.string().max(63, { message: 'is longer than 63 characters; use a shorter Feast project name' }).regex(FEAST_NAME, {
      message: 'is not a Feast project name; use letters, digits, "_" and "-", starting with a letter or digit',
    }),
    name: Schemas.k8sName().max(40, { message: 'is longer than 40 characters; release names get a "-offline" suffix, use a shorter name' }).optional(),
    namespace: Schemas.k8sName().optional(),
    preset: presetSchema.optional(),
    onlineStore: Schemas.props<FeastOnlineStoreSpec>()({
        type: z.enum(['redis'], { message: 'is not a supported online store type; use "redis" (ElastiCache for Redis OSS, the only online store this construct provisions)' }).optional(),
        nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an ElastiCache node type; use e.g. "cache.r7g.large"' }).optional(),
        numCacheClusters: z.number().int({ message: 'must be a whole number of nodes' }).min(1, { message: 'must be at least 1 node' }).max(6, { message: 'is over 6 nodes (1 primary + 5 replicas), the limit of a replication group' }).optional(),
        snapshotRetentionDays: z.number().int().min(1, { message: 'must be at least 1 day; snapshots are the only backup of the online store' }).max(35, { message: 'is over 35 days, the ElastiCache limit' }).optional(),
        keyTtlSeconds: seconds('keyTtlSeconds').optional(),
        authTokenVersion: z.number().int({ message: 'must be a whole number; bump it by 1 to rotate' }).min(1, { message: 'must be at least 1; start at 1 and bump to rotate' }).optional(),
        preventDestroy: z.boolean().optional(),
      })
      .optional(),
    registry: Schemas.props<FeastRegistrySpec>()({
        type: z.enum(['s3'], { message: 'is not a supported registry type; use "s3" (the Feast file registry on S3)' }).optional(),
        cacheTtlSeconds: z.number().int().min(0, { message: 'must be 0 (never expire) or a positive number of seconds' }).optional(),
      })
      .optional(),
    offlineStore: Schemas.props<FeastOfflineStoreSpec>()({ type: z.enum(['file'], { message: 'is not a supported offline store type; use "file" (parquet on S3, read by Feast\'s dask store)' }).optional() })
      .optional(),
    featureServer: Schemas.props<FeastFeatureServerSpec>()({
        replicas: Schemas.positiveInt('number of replicas').optional(),
        resources: resourcesSchema.optional(),
        offline: z.boolean().optional(),
        ui: z.boolean().optional(),
        clientNamespaces: z.array(Schemas.k8sName()).optional(),
        metricsNamespaces: z.array(Schemas.k8sName()).optional(),
        overrides: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    materialization: Schemas.props<FeastMaterializationSpec>()({
        enabled: z.boolean().optional(),
        schedule: cronSchema().optional(),
        views: z.array(z.string().regex(FEAST_NAME, { message: 'is not a Feast feature view name; use letters, digits, "_" and "-"' })).optional(),
        resources: resourcesSchema.optional(),
        deadlineSeconds: seconds('deadlineSeconds').optional(),
        startingDeadlineSeconds: seconds('startingDeadlineSeconds').optional(),
      })
      .optional(),
  });

/** Validates a spec for `scope` and applies every default. */
export function resolveFeastSpec(scope: Construct, spec: FeastFeatureStoreSpec): ResolvedFeastSpec {
  validateProps(scope, schema, spec);
  const preset = spec.preset ?? DEFAULT_PRESET;
  const defaults = byPreset(preset, FEAST_PRESET_DEFAULTS);
  const online = spec.onlineStore ?? {};
  const numCacheClusters = online.numCacheClusters ?? defaults.numCacheClusters;
  if (preset === 'prod' && numCacheClusters < 2) {
    failProp(scope, 'onlineStore.numCacheClusters', numCacheClusters, 'must be at least 2 with the prod preset (automatic failover and Multi-AZ need a replica); use 2 or more, or preset "dev"');
  }
  const server = spec.featureServer ?? {};
  const mat = spec.materialization ?? {};
  return {
    project: spec.project,
    name: spec.name ?? DEFAULT_FEAST_NAME,
    namespace: spec.namespace ?? DEFAULT_FEAST_NAMESPACE,
    preset,
    onlineStore: {
      type: 'redis',
      nodeType: online.nodeType ?? defaults.nodeType,
      numCacheClusters,
      snapshotRetentionDays: online.snapshotRetentionDays ?? defaults.snapshotRetentionDays,
      keyTtlSeconds: online.keyTtlSeconds,
      authTokenVersion: online.authTokenVersion ?? 1,
      preventDestroy: online.preventDestroy ?? defaults.preventDestroy,
    },
    registry: { type: 's3', cacheTtlSeconds: spec.registry?.cacheTtlSeconds ?? FEAST_DEFAULTS.registryCacheTtlSeconds },
    offlineStore: { type: 'file' },
    featureServer: {
      replicas: server.replicas ?? defaults.serverReplicas,
      resources: server.resources ?? FEAST_RESOURCES.server,
      offline: server.offline ?? false,
      ui: server.ui ?? false,
      clientNamespaces: [...(server.clientNamespaces ?? [])].sort(),
      metricsNamespaces: [...(server.metricsNamespaces ?? [])].sort(),
      overrides: server.overrides,
    },
    materialization: {
      enabled: mat.enabled ?? true,
      schedule: mat.schedule ?? FEAST_DEFAULTS.materializationSchedule,
      views: [...(mat.views ?? [])],
      resources: mat.resources ?? FEAST_RESOURCES.materialization,
      deadlineSeconds: mat.deadlineSeconds ?? FEAST_DEFAULTS.materializationDeadlineSeconds,
      startingDeadlineSeconds: mat.startingDeadlineSeconds ?? FEAST_DEFAULTS.startingDeadlineSeconds,
    },
  };
}
