/**
 * Constants of Langfuse (chart `CHARTS.langfuse` 2.0.0, Langfuse v4.4.0) and of the single-node
 * ClickHouse the library runs for it: install defaults, names the chart derives from the release
 * (`templates/_helpers.tpl` of langfuse/langfuse-k8s langfuse-2.0.0: `langfuse.fullname` is the
 * release name when it contains the chart name; the web Service is `<fullname>-web`), ports, the
 * keys of the Secrets the library syncs, and the env vars of Langfuse's clients.
 */

import { K8S_LABELS, MLOPS_LABELS } from '../../core/labels';

/** Where and how the library installs Langfuse by default. */
export const LANGFUSE_DEFAULTS = {
  namespace: 'langfuse',
  /** Helm release name (= the chart's fullname). */
  releaseName: 'langfuse',
  /** Service account of the web and worker pods (the Pod Identity association names it). */
  serviceAccount: 'langfuse',
  /** Database and login role on PostgreSQL. */
  databaseName: 'langfuse',
  databaseUser: 'langfuse',
  /** Organization and project created at first start (headless initialization). */
  organizationId: 'mlops',
  projectId: 'llm',
  /** Name of the initial admin user. */
  adminName: 'admin',
  /** Key prefixes in the Langfuse bucket (each must end with `/`). */
  prefixes: { events: 'events/', media: 'media/', exports: 'exports/' },
} as const;

/** Ports. */
export const LANGFUSE_PORTS = {
  /** The web Service and container (chart `langfuse.web.service.port`). */
  web: 3000,
  clickhouseHttp: 8123,
  clickhouseNative: 9000,
} as const;

/** Name of the web Service (the front door routes to it). */
export function langfuseWebServiceName(releaseName: string): string {
  return `${releaseName}-web`;
}

/** Pod labels of the chart's web pods (`langfuse.selectorLabels` plus `app: web`). */
export function langfuseWebPodLabels(releaseName: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'langfuse', 'app.kubernetes.io/instance': releaseName, app: 'web' };
}

/** Names of the Kubernetes Secrets the library syncs into the Langfuse namespace. */
export const LANGFUSE_SECRET_NAMES = {
  salt: 'langfuse-salt',
  nextauthSecret: 'langfuse-nextauth-secret',
  encryptionKey: 'langfuse-encryption-key',
  database: 'langfuse-db',
  redis: 'langfuse-redis',
  clickhouse: 'langfuse-clickhouse',
  /** Headless initialization: the project's key pair. */
  initKeys: 'langfuse-init-keys',
  /** Headless initialization: the admin's password. */
  initAdmin: 'langfuse-init-admin',
} as const;

/** Keys of those Secrets. */
export const LANGFUSE_SECRET_KEYS = {
  /** Of the salt, NEXTAUTH and encryption key Secrets. */
  value: 'value',
  /** Of the database, Redis, ClickHouse and admin Secrets. */
  password: 'password',
  publicKey: 'public-key',
  secretKey: 'secret-key',
} as const;

/** Properties of the project API key secret in Secrets Manager. */
export const LANGFUSE_KEY_PROPERTIES = { publicKey: 'publicKey', secretKey: 'secretKey' } as const;

/** Prefixes Langfuse gives its API keys. */
export const LANGFUSE_KEY_PREFIXES = { public: 'pk-lf-', secret: 'sk-lf-' } as const;

/**
 * Env vars of Langfuse's SDKs (Python and JS/TS v3+: `LANGFUSE_BASE_URL`; older SDKs and the
 * OpenAI integration read `LANGFUSE_HOST`) — the keys of the Secret {@link Langfuse.syncClientKeys}
 * writes, so a pod takes them all with `envFrom`.
 */
export const LANGFUSE_CLIENT_ENV = {
  publicKey: 'LANGFUSE_PUBLIC_KEY',
  secretKey: 'LANGFUSE_SECRET_KEY',
  baseUrl: 'LANGFUSE_BASE_URL',
  host: 'LANGFUSE_HOST',
} as const;

/** Label keys the library puts on what it creates for Langfuse. */
export const LANGFUSE_LABELS = {
  component: MLOPS_LABELS.component,
  name: K8S_LABELS.name,
} as const;

/** Value of the component label. */
export const LANGFUSE_COMPONENT = 'langfuse';

/** The ClickHouse the library runs for Langfuse (when no external one is given). */
export const CLICKHOUSE_DEFAULTS = {
  /** StatefulSet, Service and ConfigMap name. */
  name: 'clickhouse',
  /** Service account (Pod Identity: writes the backups). */
  serviceAccount: 'clickhouse',
  /** The user Langfuse logs in as (defined in the mounted users.d file, password from env). */
  user: 'langfuse',
  database: 'default',
  /** uid/gid of the `clickhouse` user of the official image. */
  uid: 101,
  gid: 101,
  /** Key prefix of the backups in the backup bucket. */
  backupPrefix: 'clickhouse',
  /** Default backup schedule (daily, 02:00 UTC). */
  backupSchedule: '0 2 * * *',
} as const;
