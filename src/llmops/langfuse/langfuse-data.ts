/**
 * `LangfuseData` (cloud layer, stateful parts in the data layer): what Langfuse keeps and must
 * outlive the cluster —
 *
 * - the bucket of raw events, media uploads and batch exports (`SecureBucket`, SSE-KMS, versioned;
 *   prefixes `events/`, `media/`, `exports/`) and, with the in-cluster ClickHouse, a second bucket
 *   for its backups (current objects expire after `backupRetentionDays`);
 * - PostgreSQL: its own database and login role (`PostgresAppUser`) on a dedicated small RDS instance
 *   (`PostgresInstance`), or on an instance given in `database.instance` (e.g. one shared with
 *   MLflow or Argo);
 * - Redis: an ElastiCache replication group with TLS and AUTH and `maxmemory-policy noeviction`
 *   (Langfuse's queues must not lose jobs) — see `ManagedRedis` for where its AUTH token lives;
 * - every secret Langfuse needs, generated write-only into Secrets Manager (never in JSON, plan or
 *   state): `SALT`, `NEXTAUTH_SECRET`, `ENCRYPTION_KEY` (64 hex characters), the ClickHouse
 *   password, the initial admin's password and the project API key pair (`pk-lf-<org>-<project>`
 *   and a generated `sk-lf-…` secret key) that headless initialization creates at first start.
 *
 * Pass it to `LangfuseCloud` (roles, grants), `LangfusePlatform` and `Langfuse`.
 *
 * Layers: in the cloud stack of a `StackSet`, the key, buckets, database, cache and secrets are
 * created in the data stack at the same construct path (`dataScope`), so they outlive the cluster;
 * only the ingress rules of the database and the cache from the cluster's nodes stay in the cloud
 * stack. On an existing cluster with no cloud layer to speak of, create it in the data stack:
 * everything goes there.
 *
 * Logical ids (pinned by tests): `<id>/kms-key`, `<id>/bucket/bucket`, `<id>/backups/bucket`,
 * `<id>/database/instance`, `<id>/redis/replication-group`, `<id>/<secret>/secret`.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { customerManagedKey } from '../../core/customer-managed-key';
import { IManagedRedis, ManagedRedis } from '../../core/databases/managed-redis';
import { PostgresAppUser } from '../../core/databases/postgres-app-user';
import { IPostgresInstance, PostgresInstance, PostgresInstanceOptions, postgresInstanceOptionsSchema } from '../../core/databases/postgres-instance';
import { IClusterRef } from '../../core/layers/cluster-connection';
import { dataScope } from '../../core/layers/data-scope';
import { MlopsStack, requireLayer } from '../../core/layers/mlops-stack';
import { bindCluster } from '../../core/layers/stack-region';
import { elasticacheId, rdsIdentifier, s3BucketPrefix } from '../../core/naming';
import { byPreset, Preset, presetSchema } from '../../core/presets';
import { GeneratedSecret, PasswordOptions } from '../../core/secrets/generated-secret';
import { ISecretsManagerSecret, secretsManagerSecretSchema } from '../../core/secrets/secret-source';
import { SecureBucket } from '../../core/secure-bucket';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { LANGFUSE_DEFAULTS, LANGFUSE_KEY_PREFIXES, LANGFUSE_KEY_PROPERTIES } from './constants';

/** An existing ClickHouse Langfuse uses instead of the in-cluster one. */
export interface ExternalClickHouse {
  /** Host name; prefix `https://` to use TLS on the HTTP interface. */
  readonly host: string;
  /** HTTP(S) port. @default 8123 */
  readonly httpPort?: number;
  /** Native port of the migrations. @default 9000 */
  readonly nativePort?: number;
  /** Use TLS for the migrations (native port, e.g. 9440). @default false */
  readonly migrationTls?: boolean;
  /** Database. @default 'default' */
  readonly database?: string;
  /** User with SELECT, ALTER, INSERT, CREATE and DELETE on the database. */
  readonly username: string;
  /** Secrets Manager secret holding the password as a plain string. */
  readonly passwordSecret: ISecretsManagerSecret;
  /** A ClickHouse cluster (replicated tables, `ON CLUSTER`). @default false */
  readonly clustered?: boolean;
}

/** Props of {@link LangfuseData}. */
export interface LangfuseDataProps {
  /** The cluster: VPC and private subnets (bound in the data stack, if any) and node security group (database and cache). */
  readonly cluster: IClusterRef;
  /** `dev`: small single-AZ stores, short backups; `prod`: Multi-AZ, protected. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Customer managed KMS key of the buckets, the database, the cache and the secrets.
   * @default - a new key with rotation
   */
  readonly kmsKeyArn?: string;
  /**
   * PostgreSQL: an existing instance to put Langfuse's database on, or the size of a dedicated one.
   * @default - a dedicated instance of the preset's size
   */
  readonly database?: { readonly instance?: IPostgresInstance; readonly options?: Omit<PostgresInstanceOptions, 'preset'> };
  /** ElastiCache node type. @default 'cache.t4g.small' (dev), 'cache.r7g.large' (prod) */
  readonly redisNodeType?: string;
  /** An existing ClickHouse. @default - ClickHouse runs in the cluster (`Langfuse`) */
  readonly externalClickHouse?: ExternalClickHouse;
  /** Days ClickHouse backups are kept (in-cluster ClickHouse). @default 7 (dev), 30 (prod) */
  readonly backupRetentionDays?: number;
  /** Organization id created at first start. @default 'mlops' */
  readonly organizationId?: string;
  /** Project id created at first start. @default 'llm' */
  readonly projectId?: string;
  /**
   * Prefix of the Secrets Manager names (`<prefix>/langfuse/<secret>`).
   * @default - `<project>/<environment>` of the enclosing `CloudStack`
   */
  readonly secretsPrefix?: string;
}

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'is not a Langfuse id the library accepts; use lowercase letters, digits and "-", at most 40 characters' });

const schema = Schemas.props<LangfuseDataProps>()({
  cluster: Schemas.construct('a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)', { clusterName: z.string() }),
  preset: presetSchema.optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  database: Schemas.object({
    instance: Schemas.construct('a PostgreSQL instance (a PostgresInstance, e.g. MlflowCloud.database)', { address: z.string(), port: z.number() }).optional(),
    options: postgresInstanceOptionsSchema.omit({ preset: true }).optional(),
  }).optional(),
  redisNodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an ElastiCache node type; use e.g. "cache.t4g.small"' }).optional(),
  externalClickHouse: Schemas.props<ExternalClickHouse>()({
    host: z.string().regex(/^(https?:\/\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'is not a host name; give the host (optionally with https://), without a port or path' }),
    httpPort: Schemas.positiveInt('port').max(65535, { message: 'is not a TCP port; use 1-65535' }).optional(),
    nativePort: Schemas.positiveInt('port').max(65535, { message: 'is not a TCP port; use 1-65535' }).optional(),
    migrationTls: z.boolean().optional(),
    database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'is not a ClickHouse database name' }).optional(),
    username: z.string().min(1, { message: 'is empty; give the ClickHouse user' }),
    passwordSecret: secretsManagerSecretSchema(),
    clustered: z.boolean().optional(),
  }).optional(),
  backupRetentionDays: Schemas.positiveInt('number of days').optional(),
  organizationId: idSchema.optional(),
  projectId: idSchema.optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
});

/** Letters and digits only: the values go into connection URLs and env vars unescaped. */
const ALNUM_32: PasswordOptions = { length: 32, excludePunctuation: true };
/** `ENCRYPTION_KEY`: 256 bits as 64 hexadecimal characters. */
const HEX_64: PasswordOptions = { length: 64, excludePunctuation: true, excludeUppercase: true, excludeCharacters: 'ghijklmnopqrstuvwxyz', requireEachIncludedType: false };
/** The admin's login password: Langfuse wants a letter, a digit and a symbol. */
const LOGIN_PASSWORD: PasswordOptions = { length: 24, excludePunctuation: false, excludeCharacters: '"\'\\`$', requireEachIncludedType: true };

/** Buckets, database, cache and secrets of a Langfuse. */
export class LangfuseData extends Construct {
  public readonly preset: Preset;
  public readonly region: string;
  /** KMS key of everything here. */
  public readonly kmsKeyArn: string;
  /** Events, media and exports. */
  public readonly bucket: SecureBucket;
  /** ClickHouse backups (in-cluster ClickHouse only). */
  public readonly backupBucket?: SecureBucket;
  /** The dedicated instance, when none was given. */
  public readonly databaseInstance?: PostgresInstance;
  /** The instance Langfuse's database is on (the dedicated one or the one given). */
  public readonly postgres: IPostgresInstance;
  /** Langfuse's database and login role. */
  public readonly databaseUser: PostgresAppUser;
  /** Queue and cache. */
  public readonly redis: IManagedRedis;
  /** `SALT`, `NEXTAUTH_SECRET`, `ENCRYPTION_KEY`. */
  public readonly appSecrets: { readonly salt: GeneratedSecret; readonly nextauthSecret: GeneratedSecret; readonly encryptionKey: GeneratedSecret };
  /** Password of the in-cluster ClickHouse user, or the external ClickHouse's secret. */
  public readonly clickhousePassword: ISecretsManagerSecret;
  /** The initial admin's password. */
  public readonly adminPassword: GeneratedSecret;
  /** The project API key pair (JSON `publicKey`, generated `secretKey` without its `sk-lf-` prefix). */
  public readonly projectKeys: GeneratedSecret;
  /** The public key (not a secret: Langfuse's basic-auth user name). */
  public readonly publicKey: string;
  public readonly organizationId: string;
  public readonly projectId: string;
  public readonly externalClickHouse?: ExternalClickHouse;

  constructor(scope: Construct, id: string, props: LangfuseDataProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'LangfuseData');
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    if (!mlops && props.secretsPrefix === undefined) {
      failProp(this, 'secretsPrefix', props.secretsPrefix, 'is required outside a CloudStack; pass the prefix of the Secrets Manager names, e.g. "llm/dev"');
    }
    const preset = (this.preset = props.preset ?? 'prod');
    const cluster = bindCluster(this, 'cluster', props.cluster);
    // The database's and cache's VPC and subnets as the stack that holds them sees them (the data stack, if any).
    const network = props.cluster.bind(dataScope(this));
    this.region = mlops?.region ?? props.cluster.region;
    const nameParts = mlops ? [mlops.project, mlops.environment, id] : [id];
    this.kmsKeyArn = props.kmsKeyArn ?? customerManagedKey(this, { description: `Langfuse ${nameParts.join('/')}: buckets, database, cache, secrets`, alias: nameParts.join('/') }).arn;
    this.organizationId = props.organizationId ?? LANGFUSE_DEFAULTS.organizationId;
    this.projectId = props.projectId ?? LANGFUSE_DEFAULTS.projectId;
    this.externalClickHouse = props.externalClickHouse;
    const prefix = `${props.secretsPrefix ?? `${mlops!.project}/${mlops!.environment}`}/langfuse`;
    const secret = (sid: string, name: string, description: string, password: PasswordOptions, shape: { jsonFields?: Record<string, string>; passwordKey?: string } = {}) =>
      new GeneratedSecret(this, sid, { secretName: `${prefix}/${name}`, description, kmsKeyArn: this.kmsKeyArn, password, preset, ...shape });

    this.bucket = new SecureBucket(this, 'bucket', { bucketPrefix: s3BucketPrefix(...nameParts), kmsKeyArn: this.kmsKeyArn });
    if (!props.externalClickHouse) {
      this.backupBucket = new SecureBucket(this, 'backups', {
        bucketPrefix: s3BucketPrefix(...nameParts, 'backups'),
        kmsKeyArn: this.kmsKeyArn,
        expirationDays: props.backupRetentionDays ?? byPreset(preset, { dev: 7, prod: 30 }),
        noncurrentVersionDays: 1,
      });
    }

    this.postgres =
      props.database?.instance ??
      (this.databaseInstance = new PostgresInstance(this, 'database', {
        identifier: rdsIdentifier(...nameParts),
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        clientSecurityGroupId: cluster.nodeSecurityGroupId,
        kmsKeyArn: this.kmsKeyArn,
        preset,
        databaseName: LANGFUSE_DEFAULTS.databaseName,
        masterUsername: 'langfuse_admin',
        purpose: 'Langfuse database',
        ...props.database?.options,
      }));
    this.databaseUser = new PostgresAppUser(this, 'database-user', {
      username: LANGFUSE_DEFAULTS.databaseUser,
      databaseName: LANGFUSE_DEFAULTS.databaseName,
      secretName: `${prefix}/database`,
      kmsKeyArn: this.kmsKeyArn,
      preset,
    });

    const redisToken = secret('redis-token', 'redis', 'Langfuse Redis AUTH token', ALNUM_32);
    const groupId = elasticacheId(...nameParts);
    this.redis = new ManagedRedis(this, 'redis', {
      replicationGroupId: groupId,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      clientSecurityGroupId: cluster.nodeSecurityGroupId,
      kmsKeyArn: this.kmsKeyArn,
      authToken: redisToken,
      nodeType: props.redisNodeType ?? byPreset(preset, { dev: 'cache.t4g.small', prod: 'cache.r7g.large' }),
      numCacheClusters: byPreset(preset, { dev: 1, prod: 2 }),
      snapshotRetentionDays: byPreset(preset, { dev: 1, prod: 7 }),
      preventDestroy: preset === 'prod',
      // Langfuse's BullMQ queues must never be evicted (langfuse.com/self-hosting: Redis).
      parameters: { 'maxmemory-policy': 'noeviction' },
      purpose: 'Langfuse cache',
    });

    this.appSecrets = {
      salt: secret('salt', 'salt', 'Langfuse SALT (hashes API keys)', ALNUM_32),
      nextauthSecret: secret('nextauth-secret', 'nextauth-secret', 'Langfuse NEXTAUTH_SECRET', ALNUM_32),
      encryptionKey: secret('encryption-key', 'encryption-key', 'Langfuse ENCRYPTION_KEY (256 bits, hex)', HEX_64),
    };
    this.clickhousePassword = props.externalClickHouse?.passwordSecret ?? secret('clickhouse-password', 'clickhouse', 'Password of Langfuse\'s ClickHouse user', ALNUM_32);
    this.adminPassword = secret('admin-password', 'admin', 'Password of the initial Langfuse admin (change it after the first login)', LOGIN_PASSWORD);
    this.publicKey = `${LANGFUSE_KEY_PREFIXES.public}${this.organizationId}-${this.projectId}`;
    this.projectKeys = secret('project-keys', 'project-keys', `Langfuse API keys of project ${this.projectId}`, ALNUM_32, {
      jsonFields: { [LANGFUSE_KEY_PROPERTIES.publicKey]: this.publicKey },
      passwordKey: LANGFUSE_KEY_PROPERTIES.secretKey,
    });
  }

  /** Every Secrets Manager secret Langfuse and its clients read (for the External Secrets grant). */
  public get secrets(): ISecretsManagerSecret[] {
    return [
      this.databaseUser.secret,
      this.postgres.masterUserSecret,
      this.redis.authToken,
      this.appSecrets.salt,
      this.appSecrets.nextauthSecret,
      this.appSecrets.encryptionKey,
      this.clickhousePassword,
      this.adminPassword,
      this.projectKeys,
    ];
  }
}
