/**
 * Constants of the Feast feature store component: modes, ports, label keys, env var names, paths
 * and defaults. Everything a test or a client needs to name is here, typed.
 */
import { K8S_LABELS, MLOPS_LABELS } from '../core/labels';

/** Default Kubernetes namespace of the feature store. */
export const DEFAULT_FEAST_NAMESPACE = 'feast';

/** Default base name of the Kubernetes objects (releases, service account, CronJob). */
export const DEFAULT_FEAST_NAME = 'feast';

/**
 * Modes of the `feast-feature-server` chart (`feast_mode`) the library installs. `registry` (the
 * gRPC registry server) is not offered: the registry is a file on S3 every component reads itself.
 */
export const FEAST_SERVER_MODES = ['online', 'offline', 'ui'] as const;

/** One of {@link FEAST_SERVER_MODES}. */
export type FeastServerMode = (typeof FEAST_SERVER_MODES)[number];

/** Container port of each mode, as the chart's deployment template sets it (templates/deployment.yaml). */
export const FEAST_CONTAINER_PORTS = { online: 6566, offline: 8815, ui: 8888 } as const satisfies Record<FeastServerMode, number>;

/** Port of the chart's Service (`service.port`, default 80) in every mode. */
export const FEAST_SERVICE_PORT = 80;

/** Port of the Prometheus metrics server that `feast serve --metrics` starts (feast/metrics.py). */
export const FEAST_METRICS_PORT = 8000;

/**
 * Name of the Service port the `feast-feature-server` chart (0.66.0 `templates/service.yaml`) adds
 * for it when `metrics.enabled` (port and targetPort 8000). The chart's container declares only the
 * serving port, so a PodMonitor on 8000 keeps no target; a ServiceMonitor on this port does.
 */
export const FEAST_METRICS_SERVICE_PORT = 'metrics';

/** Port of the Redis OSS online store. */
export { REDIS_PORT, REDIS_WINDOWS } from '../core/databases/managed-redis';

/** Label keys the library and the chart put on Feast objects. */
export const FEAST_LABELS = {
  component: MLOPS_LABELS.component,
  /** Set by the chart's selector labels to the chart name. */
  name: K8S_LABELS.name,
  /** Set by the chart's selector labels to the release name. */
  instance: K8S_LABELS.instance,
} as const;

/** Value of {@link FEAST_LABELS.component}. */
export const FEAST_COMPONENT = 'featurestore';

/** `app.kubernetes.io/name` of the chart's pods (the chart name; we never set `nameOverride`). */
export const FEAST_CHART_POD_NAME = 'feast-feature-server';

/** Label key of the namespace name that Kubernetes sets on every namespace. */
export const FEAST_NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Environment variables the library sets on Feast containers. */
export const FEAST_ENV = {
  /**
   * The Redis AUTH token, from the synced Kubernetes Secret. `feature_store.yaml` references it as
   * `$FEAST_REDIS_PASSWORD`; Feast expands it when it loads the file (`os.path.expandvars` in
   * `feast.repo_config.load_repo_config`).
   */
  redisPassword: 'FEAST_REDIS_PASSWORD',
  /** The base64 `feature_store.yaml` Feast's CLI reads (`feast.constants.FEATURE_STORE_YAML_ENV_NAME`). */
  featureStoreYaml: 'FEATURE_STORE_YAML_BASE64',
} as const;

/** Key of the Redis AUTH token in the synced Kubernetes Secret. */
export const REDIS_AUTH_SECRET_KEY = 'password';

/** Writable scratch directory of Feast containers (an `emptyDir`; the root file system is read-only). */
export const FEAST_TMP_DIR = '/tmp';

/** Size limit of the scratch `emptyDir`. */
export const FEAST_TMP_SIZE_LIMIT = '1Gi';

/** uid of the feature server image (`USER 1001` in feast's multicloud Dockerfile, UBI convention). */
export const FEAST_IMAGE_UID = 1001;

/** Object key of the registry file inside the registry bucket: `<project>/registry.db`. */
export function registryKey(project: string): string {
  return `${project}/${REGISTRY_FILE_NAME}`;
}

/** File name of Feast's file registry. */
export const REGISTRY_FILE_NAME = 'registry.db';

/** Entity key serialization version of Feast 0.66 (`RepoConfig` default and the only non-deprecated one). */
export const ENTITY_KEY_SERIALIZATION_VERSION = 3;

/** Defaults of the feature store. */
export const FEAST_DEFAULTS = {
  /** Incremental materialization schedule: hourly, at minute 5 (UTC). */
  materializationSchedule: '5 * * * *',
  /** Seconds the registry is cached in memory before Feast re-reads it from S3. */
  registryCacheTtlSeconds: 60,
  /** Longest a materialization run may take. */
  materializationDeadlineSeconds: 3 * 3600,
  /** Seconds after a missed schedule time within which the run may still start. */
  startingDeadlineSeconds: 600,
  /** Finished Jobs kept per outcome. */
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
  /** Seconds Helm waits for a feature server to become ready. */
  helmTimeoutSeconds: 600,
} as const;

/** Requests/limits of the feature servers and the materialization job. */
export const FEAST_RESOURCES = {
  server: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
  materialization: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '4Gi' } },
} as const;

/** The online store and server settings a preset decides. */
export interface FeastPresetDefaults {
  readonly nodeType: string;
  readonly numCacheClusters: number;
  readonly snapshotRetentionDays: number;
  readonly serverReplicas: number;
  readonly preventDestroy: boolean;
}

/** Preset-dependent defaults of the online store and the servers. */
export const FEAST_PRESET_DEFAULTS: Readonly<Record<'dev' | 'prod', FeastPresetDefaults>> = {
  dev: { nodeType: 'cache.t4g.micro', numCacheClusters: 1, snapshotRetentionDays: 1, serverReplicas: 1, preventDestroy: false },
  prod: { nodeType: 'cache.r7g.large', numCacheClusters: 2, snapshotRetentionDays: 7, serverReplicas: 2, preventDestroy: true },
};


/** Address of the EKS Pod Identity agent on every node (pods fetch credentials there). */
export const POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';
