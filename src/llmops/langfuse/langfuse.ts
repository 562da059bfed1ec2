/**
 * `Langfuse` (workloads layer): the running Langfuse — tracing, prompt management, evaluations and
 * token cost of the LLM applications — wired to the managed stores of `LangfuseData`:
 *
 * 1. the Secrets it reads, synced from Secrets Manager by External Secrets (salt, NEXTAUTH secret,
 *    encryption key, database and Redis passwords, ClickHouse password, the project key pair and the
 *    admin password of headless initialization);
 * 2. its PostgreSQL database and login role (`PostgresAppDatabase`, a Job in `databaseAdminNamespace`
 *    that logs in as the RDS master user — Langfuse never sees that password);
 * 3. ClickHouse: the in-cluster single node (`LangfuseClickHouse`) with its nightly backup
 *    (`ClickHouseBackupJob`), or the external one of `LangfuseData`;
 * 4. the pinned chart (`CHARTS.langfuse`, values in `langfuse-values.ts`).
 *
 * Why the workloads layer for a Helm release: the pods read Secrets that `ExternalSecret`s (custom
 * resources) create; the release waits for them (the chart installs no CRDs).
 *
 * The UI is a ClusterIP Service: {@link Langfuse.frontDoor} is the typed handle (namespace,
 * Service, port) a front door (load balancer + SSO) routes to; set `url` to the URL users open
 * there (`NEXTAUTH_URL`) and admit the load balancer in `LangfusePlatform.webIngressCidrs`.
 * Applications get the project's keys with {@link Langfuse.syncClientKeys}.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../../core/labels';
import { PostgresAppDatabase } from '../../core/databases/postgres-app-database';
import { POSTGRES_APP_USER_SECRET_KEYS } from '../../core/databases/postgres-app-user';
import { HelmChart } from '../../core/helm-chart';
import { requireLayer } from '../../core/layers/mlops-stack';
import { PlainObject } from '../../core/merge';
import { byPreset } from '../../core/presets';
import { ContainerResources, containerResourcesSchema } from '../../core/pod-security';
import { ISecretsManagerSecret } from '../../core/secrets/secret-source';
import { ISecretStoreRef, secretStoreRefSchema } from '../../core/secrets/secret-store';
import { SyncedSecret } from '../../core/secrets/synced-secret';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { CHARTS } from '../../core/versions';
import { LangfuseClickHouse } from './clickhouse';
import { ClickHouseBackupJob } from './clickhouse-backup-job';
import {
  CLICKHOUSE_DEFAULTS,
  LANGFUSE_CLIENT_ENV,
  LANGFUSE_DEFAULTS,
  LANGFUSE_KEY_PREFIXES,
  LANGFUSE_KEY_PROPERTIES,
  LANGFUSE_PORTS,
  LANGFUSE_SECRET_KEYS,
  LANGFUSE_SECRET_NAMES,
  langfuseWebServiceName,
} from './constants';
import { inClusterClickHouse, langfuseValues } from './langfuse-values';
import { LangfusePlatform } from './langfuse-platform';

/** Default requests/limits by preset. */
export const LANGFUSE_RESOURCES = {
  dev: {
    web: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    worker: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    clickhouse: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  },
  prod: {
    web: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    worker: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    clickhouse: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '8Gi' } },
  },
} as const satisfies Record<'dev' | 'prod', Record<'web' | 'worker' | 'clickhouse', ContainerResources>>;

/** Where a front door (load balancer with SSO) routes to reach the UI. */
export interface LangfuseFrontDoorTarget {
  readonly namespace: string;
  /** ClusterIP Service of the web pods. */
  readonly serviceName: string;
  readonly port: number;
  /** Health check path (`/api/public/health`). */
  readonly healthPath: string;
}

/** Props of {@link Langfuse}. */
export interface LangfuseProps {
  /** The platform half (namespace, client namespaces; through it the cloud and data halves). */
  readonly platform: LangfusePlatform;
  /** The External Secrets store (must serve the Langfuse namespace and `databaseAdminNamespace`). */
  readonly secretStore: ISecretStoreRef;
  /**
   * Namespace of the Job that creates Langfuse's database and role as the RDS master user (the
   * master password is synced there, never into Langfuse's namespace). It must exist.
   */
  readonly databaseAdminNamespace: string;
  /** E-mail of the initial admin (created at first start; the password is in Secrets Manager). */
  readonly adminEmail: string;
  /**
   * URL users open (`NEXTAUTH_URL`), e.g. the front door's `https://langfuse.example.com`.
   * @default - the in-cluster URL of the web Service (port-forward to use the UI)
   */
  readonly url?: string;
  /** Size of ClickHouse's volume (in-cluster ClickHouse). @default '20Gi' (dev), '100Gi' (prod) */
  readonly clickhouseStorage?: string;
  /** Schedule of the ClickHouse backups (UTC). @default '0 2 * * *' */
  readonly backupSchedule?: string;
  /** Requests/limits. @default LANGFUSE_RESOURCES[preset] */
  readonly resources?: Partial<Record<'web' | 'worker' | 'clickhouse', ContainerResources>>;
  /** Node selector of every pod (`kubernetes.io/os: linux` is always added). @default { 'mlops.cdktf.io/node-role': 'system' } */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Helm value overrides (keys must exist in the pinned chart). @default - none */
  readonly overrides?: PlainObject;
}

const schema = Schemas.props<LangfuseProps>()({
  platform: Schemas.construct('the LangfusePlatform of the platform layer'),
  secretStore: secretStoreRefSchema(),
  databaseAdminNamespace: Schemas.k8sName(),
  adminEmail: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'is not an e-mail address; Langfuse refuses it at start' }),
  url: z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'is not an http(s) URL; give the URL users open, e.g. "https://langfuse.example.com"' }).optional(),
  clickhouseStorage: Schemas.memory().optional(),
  backupSchedule: Schemas.cron().optional(),
  resources: z
    .partialRecord(z.enum(['web', 'worker', 'clickhouse'], { message: 'is not a Langfuse component; use web, worker or clickhouse' }), containerResourcesSchema)
    .optional(),
  nodeSelector: Schemas.labels().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** Langfuse with its secrets, database, ClickHouse and release. */
export class Langfuse extends Construct {
  public readonly namespace: string;
  public readonly chart: HelmChart;
  /** In-cluster URL of the web Service (the SDKs' base URL). */
  public readonly internalUrl: string;
  /** The typed handle of the UI for a front door. */
  public readonly frontDoor: LangfuseFrontDoorTarget;
  /** The Job that creates the database and role. */
  public readonly database: PostgresAppDatabase;
  /** The in-cluster ClickHouse, unless an external one is used. */
  public readonly clickhouse?: LangfuseClickHouse;
  public readonly clickhouseBackup?: ClickHouseBackupJob;
  /** The Secrets of the namespace, by name. */
  public readonly secrets: Readonly<Record<keyof typeof LANGFUSE_SECRET_NAMES, SyncedSecret>>;
  private readonly platform: LangfusePlatform;
  private readonly secretStore: ISecretStoreRef;

  constructor(scope: Construct, id: string, props: LangfuseProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'Langfuse');
    const { platform } = props;
    const cloud = platform.cloud;
    const data = cloud.data;
    const preset = data.preset;
    this.platform = platform;
    this.secretStore = props.secretStore;
    this.namespace = platform.namespaceName;
    const release = LANGFUSE_DEFAULTS.releaseName;
    this.internalUrl = `http://${langfuseWebServiceName(release)}.${this.namespace}.svc.cluster.local:${LANGFUSE_PORTS.web}`;
    this.frontDoor = { namespace: this.namespace, serviceName: langfuseWebServiceName(release), port: LANGFUSE_PORTS.web, healthPath: '/api/public/health' };
    const nodeSelector = systemNodeSelector(props.nodeSelector);
    const resources = { ...LANGFUSE_RESOURCES[preset], ...props.resources };
    const n = LANGFUSE_SECRET_NAMES;
    const k = LANGFUSE_SECRET_KEYS;

    const plain = (sid: string, source: ISecretsManagerSecret, secretName: string, key: string) =>
      new SyncedSecret(this, sid, { store: props.secretStore, source, namespace: this.namespace, secretName, valueKey: key });
    const external = data.externalClickHouse;
    if (external?.passwordSecret.jsonKeys) {
      failProp(this, 'platform', external.passwordSecret.remoteKey, 'has an external ClickHouse whose passwordSecret is a JSON secret; give a Secrets Manager secret holding the password as a plain string');
    }
    this.secrets = {
      salt: plain('salt', data.appSecrets.salt, n.salt, k.value),
      nextauthSecret: plain('nextauth-secret', data.appSecrets.nextauthSecret, n.nextauthSecret, k.value),
      encryptionKey: plain('encryption-key', data.appSecrets.encryptionKey, n.encryptionKey, k.value),
      database: new SyncedSecret(this, 'database-credentials', {
        store: props.secretStore,
        source: data.databaseUser.secret,
        namespace: this.namespace,
        secretName: n.database,
        properties: { [k.password]: POSTGRES_APP_USER_SECRET_KEYS.password },
      }),
      redis: plain('redis-credentials', data.redis.authToken, n.redis, k.password),
      clickhouse: plain('clickhouse-credentials', data.clickhousePassword, n.clickhouse, k.password),
      initKeys: new SyncedSecret(this, 'init-keys', {
        store: props.secretStore,
        source: data.projectKeys,
        namespace: this.namespace,
        secretName: n.initKeys,
        template: { [k.publicKey]: `{{ .${LANGFUSE_KEY_PROPERTIES.publicKey} }}`, [k.secretKey]: `${LANGFUSE_KEY_PREFIXES.secret}{{ .${LANGFUSE_KEY_PROPERTIES.secretKey} }}` },
      }),
      initAdmin: plain('init-admin', data.adminPassword, n.initAdmin, k.password),
    };

    // The Job and its copies of the master and user credentials live in the admin namespace only.
    this.database = new PostgresAppDatabase(this, release, {
      instance: data.postgres,
      user: data.databaseUser,
      namespace: props.databaseAdminNamespace,
      secretCopies: { store: props.secretStore },
      nodeSelector,
    });

    let clickhouse = external ? { host: external.host, httpPort: external.httpPort ?? LANGFUSE_PORTS.clickhouseHttp, nativePort: external.nativePort ?? LANGFUSE_PORTS.clickhouseNative, database: external.database ?? CLICKHOUSE_DEFAULTS.database, username: external.username, migrationTls: external.migrationTls ?? false, clustered: external.clustered ?? false } : undefined;
    const clickhouseSecret = this.secrets.clickhouse.secretKeyRef(k.password);
    if (!external) {
      const backupUrl = `https://${data.backupBucket!.bucketName}.s3.${data.region}.amazonaws.com/${CLICKHOUSE_DEFAULTS.backupPrefix}`;
      this.clickhouse = new LangfuseClickHouse(this, 'clickhouse', {
        namespace: this.namespace,
        passwordSecret: clickhouseSecret,
        backupUrl,
        storage: props.clickhouseStorage ?? byPreset(preset, { dev: '20Gi', prod: '100Gi' }),
        resources: resources.clickhouse,
        preventDestroy: preset === 'prod',
        nodeSelector,
        dependsOn: [this.secrets.clickhouse.manifest],
      });
      this.clickhouseBackup = new ClickHouseBackupJob(this, 'clickhouse-backup', {
        namespace: this.namespace,
        schedule: props.backupSchedule ?? CLICKHOUSE_DEFAULTS.backupSchedule,
        clickhouseUrl: `http://${this.clickhouse.host}:${LANGFUSE_PORTS.clickhouseHttp}`,
        backupUrl,
        passwordSecret: clickhouseSecret,
        dependsOn: [this.clickhouse.server.deployment],
      });
      clickhouse = inClusterClickHouse(this.clickhouse.host);
    }

    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.langfuse,
      releaseName: release,
      namespace: this.namespace,
      values: langfuseValues({
        replicas: byPreset(preset, { dev: { web: 1, worker: 1 }, prod: { web: 2, worker: 2 } }),
        resources: { web: resources.web, worker: resources.worker },
        nodeSelector,
        url: props.url ?? this.internalUrl,
        postgres: { host: data.postgres.address, port: data.postgres.port },
        redis: { host: data.redis.host, port: data.redis.port },
        clickhouse: clickhouse!,
        s3: { bucket: data.bucket.bucketName, region: data.region },
        init: { organizationId: data.organizationId, projectId: data.projectId, adminEmail: props.adminEmail },
      }),
      overrides: props.overrides,
      timeoutSeconds: 900,
      dependsOn: [
        ...Object.values(this.secrets).map((s) => s.manifest),
        ...this.database.ready,
        ...(this.clickhouse ? [this.clickhouse.server.deployment] : []),
      ],
    });
  }

  /**
   * Syncs the project's API keys into a client namespace as a Secret whose keys are the SDK's env
   * vars (`LANGFUSE_PUBLIC_KEY`, `LANGFUSE_SECRET_KEY`, `LANGFUSE_BASE_URL`, `LANGFUSE_HOST`), so a
   * pod takes them with `envFrom: [{ secretRef: { name } }]`. The namespace must be one of the
   * platform's client namespaces (its NetworkPolicy admits only those) and served by the store.
   */
  public syncClientKeys(scope: Construct, id: string, options: { readonly namespace: string; readonly secretName?: string }): SyncedSecret {
    if (!this.platform.clientNamespaces.includes(options.namespace)) {
      failProp(this, 'syncClientKeys(namespace)', options.namespace, `is not a client namespace of Langfuse (${this.platform.clientNamespaces.join(', ') || 'none'}); add it to LangfusePlatform's clientNamespaces so its NetworkPolicy admits the clients`);
    }
    const e = LANGFUSE_CLIENT_ENV;
    return new SyncedSecret(scope, id, {
      store: this.secretStore,
      source: this.platform.cloud.data.projectKeys,
      namespace: options.namespace,
      secretName: options.secretName ?? 'langfuse-keys',
      template: {
        [e.publicKey]: `{{ .${LANGFUSE_KEY_PROPERTIES.publicKey} }}`,
        [e.secretKey]: `${LANGFUSE_KEY_PREFIXES.secret}{{ .${LANGFUSE_KEY_PROPERTIES.secretKey} }}`,
        [e.baseUrl]: this.internalUrl,
        [e.host]: this.internalUrl,
      },
    });
  }
}
