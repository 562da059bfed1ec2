/**
 * Values of the Langfuse chart (`CHARTS.langfuse` 2.0.0; every key is one of its values.yaml, see
 * the contract test): the bundled stores off (`postgresql`, `redis`, `clickhouse`, `s3`
 * `deploy: false`) and Langfuse pointed at RDS (TLS), ElastiCache (TLS + AUTH), S3 (Pod Identity,
 * no keys) and ClickHouse; every secret by `secretKeyRef` to a Secret the library syncs (nothing
 * secret in the values); sign-up and telemetry off; the initial organization, project, API keys and
 * admin from headless initialization (`LANGFUSE_INIT_*`); pods non-root on the system nodes.
 */
import { PlainObject } from '../../core/merge';
import { ContainerResources, resourcesBlock } from '../../core/pod-security';
import { CLICKHOUSE_DEFAULTS, LANGFUSE_DEFAULTS, LANGFUSE_PORTS, LANGFUSE_SECRET_KEYS, LANGFUSE_SECRET_NAMES } from './constants';

/** Headless initialization env vars (langfuse.com/self-hosting: headless initialization). */
export const LANGFUSE_INIT_ENV = {
  orgId: 'LANGFUSE_INIT_ORG_ID',
  orgName: 'LANGFUSE_INIT_ORG_NAME',
  projectId: 'LANGFUSE_INIT_PROJECT_ID',
  projectName: 'LANGFUSE_INIT_PROJECT_NAME',
  publicKey: 'LANGFUSE_INIT_PROJECT_PUBLIC_KEY',
  secretKey: 'LANGFUSE_INIT_PROJECT_SECRET_KEY',
  userEmail: 'LANGFUSE_INIT_USER_EMAIL',
  userName: 'LANGFUSE_INIT_USER_NAME',
  userPassword: 'LANGFUSE_INIT_USER_PASSWORD',
} as const;

/** uid/gid of the Langfuse images' users (`nextjs` in langfuse/langfuse, `expressjs` in langfuse/langfuse-worker). */
export const LANGFUSE_IMAGE_USER = { uid: 1001, gid: 1001 } as const;

/** What the values need. */
export interface LangfuseValuesInput {
  readonly replicas: { readonly web: number; readonly worker: number };
  readonly resources: { readonly web: ContainerResources; readonly worker: ContainerResources };
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** `NEXTAUTH_URL`: the URL users open. */
  readonly url: string;
  readonly postgres: { readonly host: string; readonly port: number };
  readonly redis: { readonly host: string; readonly port: number };
  readonly clickhouse: {
    readonly host: string;
    readonly httpPort: number;
    readonly nativePort: number;
    readonly database: string;
    readonly username: string;
    readonly migrationTls: boolean;
    readonly clustered: boolean;
  };
  readonly s3: { readonly bucket: string; readonly region: string };
  readonly init: { readonly organizationId: string; readonly projectId: string; readonly adminEmail: string };
}

const ref = (name: string, key: string) => ({ secretKeyRef: { name, key } });
const envFromSecret = (envName: string, name: string, key: string) => ({ name: envName, valueFrom: { secretKeyRef: { name, key } } });

/** The chart values (before overrides). */
export function langfuseValues(input: LangfuseValuesInput): PlainObject {
  const n = LANGFUSE_SECRET_NAMES;
  const k = LANGFUSE_SECRET_KEYS;
  const i = LANGFUSE_INIT_ENV;
  const p = LANGFUSE_DEFAULTS.prefixes;
  const values = {
    langfuse: {
      salt: ref(n.salt, k.value),
      encryptionKey: ref(n.encryptionKey, k.value),
      nextauth: { url: input.url, secret: ref(n.nextauthSecret, k.value) },
      features: { telemetryEnabled: false, signUpDisabled: true },
      serviceAccount: { create: true, name: LANGFUSE_DEFAULTS.serviceAccount, automountServiceAccountToken: false },
      podSecurityContext: { runAsNonRoot: true, runAsUser: LANGFUSE_IMAGE_USER.uid, runAsGroup: LANGFUSE_IMAGE_USER.gid, fsGroup: LANGFUSE_IMAGE_USER.gid, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: { allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
      nodeSelector: { ...input.nodeSelector },
      image: { pullPolicy: 'IfNotPresent' },
      additionalEnv: [
        { name: i.orgId, value: input.init.organizationId },
        { name: i.orgName, value: input.init.organizationId },
        { name: i.projectId, value: input.init.projectId },
        { name: i.projectName, value: input.init.projectId },
        envFromSecret(i.publicKey, n.initKeys, k.publicKey),
        envFromSecret(i.secretKey, n.initKeys, k.secretKey),
        { name: i.userEmail, value: input.init.adminEmail },
        { name: i.userName, value: LANGFUSE_DEFAULTS.adminName },
        envFromSecret(i.userPassword, n.initAdmin, k.password),
      ],
      web: { replicas: input.replicas.web, resources: resourcesBlock(input.resources.web), service: { type: 'ClusterIP', port: LANGFUSE_PORTS.web } },
      worker: { replicas: input.replicas.worker, resources: resourcesBlock(input.resources.worker) },
    },
    postgresql: {
      deploy: false,
      host: input.postgres.host,
      port: input.postgres.port,
      // RDS refuses plain text (rds.force_ssl = 1).
      args: 'sslmode=require',
      auth: { username: LANGFUSE_DEFAULTS.databaseUser, database: LANGFUSE_DEFAULTS.databaseName, existingSecret: n.database, secretKeys: { userPasswordKey: k.password } },
    },
    redis: {
      deploy: false,
      host: input.redis.host,
      port: input.redis.port,
      tls: { enabled: true },
      // ElastiCache AUTH token without RBAC users: AUTH <token>, no user name.
      auth: { username: null, existingSecret: n.redis, existingSecretPasswordKey: k.password },
    },
    clickhouse: {
      deploy: false,
      host: input.clickhouse.host,
      httpPort: input.clickhouse.httpPort,
      nativePort: input.clickhouse.nativePort,
      database: input.clickhouse.database,
      auth: { username: input.clickhouse.username, existingSecret: n.clickhouse, existingSecretKey: k.password },
      migration: { ssl: input.clickhouse.migrationTls },
      cluster: { enabled: input.clickhouse.clustered },
    },
    s3: {
      deploy: false,
      bucket: input.s3.bucket,
      region: input.s3.region,
      forcePathStyle: false,
      eventUpload: { prefix: p.events },
      mediaUpload: { prefix: p.media },
      batchExport: { prefix: p.exports },
    },
  };
  return values as unknown as PlainObject;
}

/** The in-cluster ClickHouse as Langfuse sees it. */
export function inClusterClickHouse(host: string): LangfuseValuesInput['clickhouse'] {
  return {
    host,
    httpPort: LANGFUSE_PORTS.clickhouseHttp,
    nativePort: LANGFUSE_PORTS.clickhouseNative,
    database: CLICKHOUSE_DEFAULTS.database,
    username: CLICKHOUSE_DEFAULTS.user,
    migrationTls: false,
    clustered: false,
  };
}
