/**
 * `PostgresAppDatabase` (platform or workloads layer): an application's own database and login role on
 * an existing PostgreSQL instance — the Kubernetes half of a {@link PostgresAppUser}:
 *
 * - copies of the instance's master credentials and of the user's credentials into `namespace`:
 *   `WriteOnlyKubernetesSecret`s in the platform layer (`secretCopies: 'write-only'`; Terraform
 *   reads the values ephemerally during apply) or `SyncedSecret`s through a `SecretStore` in the
 *   workloads layer (`secretCopies: { store }`; ESO keeps them in sync, the master secret every 15
 *   minutes because RDS rotates it);
 * - the {@link PostgresAppDatabaseJob} that creates the role and the database.
 *
 * The application reads {@link PostgresAppDatabase.userSecret} (keys `username`, `password`,
 * `database`) and starts after {@link PostgresAppDatabase.ready}.
 *
 * Platform-layer caveat: the master credentials copy is written at apply, when its revision (the
 * user's `version`) changes; after RDS rotates the master password it is stale until the next
 * version bump — which is also the only time the Job runs again, and that apply rewrites it first.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ISecretsManagerSecret } from '../secrets/secret-source';
import { ISecretStoreRef } from '../secrets/secret-store';
import { SyncedSecret } from '../secrets/synced-secret';
import { WriteOnlyKubernetesSecret } from '../secrets/write-only-kubernetes-secret';
import { failProp, Schemas, validateProps } from '../validation';
import { z } from 'zod';
import { PostgresAppDatabaseJob, PostgresSslMode } from './postgres-app-database-job';
import { IPostgresInstance } from './postgres-instance';
import { POSTGRES_APP_USER_SECRET_KEYS, PostgresAppUser } from './postgres-app-user';

/** How the credentials reach the namespace. */
export type PostgresSecretCopies = 'write-only' | { readonly store: ISecretStoreRef };

/** Props of {@link PostgresAppDatabase}. */
export interface PostgresAppDatabaseProps {
  /** The instance (a `PostgresInstance`, e.g. `MlflowCloud.database`). */
  readonly instance: IPostgresInstance;
  /** libpq `sslmode` of the Job (and of the application, which should use the same). @default 'require' */
  readonly sslMode?: PostgresSslMode;
  /** The role and database (cloud or data layer). */
  readonly user: PostgresAppUser;
  /** Namespace of the Secrets and the Job (the application's). */
  readonly namespace: string;
  /** `'write-only'` in the platform layer, `{ store }` in the workloads layer. */
  readonly secretCopies: PostgresSecretCopies;
  /**
   * Name of the Kubernetes Secret with the user's credentials.
   * @default - `<construct id>-db`
   */
  readonly userSecretName?: string;
  /** Node selector of the Job's pod. @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** What the Secrets and the Job wait for (the namespace). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.object({
  instance: Schemas.construct('a PostgreSQL instance (a PostgresInstance, e.g. MlflowCloud.database)', { address: z.string(), port: z.number() }),
  user: Schemas.construct('a PostgresAppUser', { username: z.string(), databaseName: z.string() }),
  namespace: Schemas.k8sName(),
  secretCopies: z.union([z.literal('write-only'), Schemas.object({ store: Schemas.construct('a SecretStore (ISecretStoreRef)') })], {
    message: 'must be "write-only" (platform layer) or { store } (workloads layer, a SecretStore)',
  }),
  userSecretName: Schemas.k8sName().optional(),
  sslMode: z.enum(['require', 'verify-ca', 'verify-full'], { message: 'must be "require", "verify-ca" or "verify-full"; the Job never connects without TLS' }).optional(),
  nodeSelector: Schemas.labels().optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** A database and its owner on an existing PostgreSQL instance, with the application's Secret. */
export class PostgresAppDatabase extends Construct {
  /** The Job that creates the role and the database. */
  public readonly job: PostgresAppDatabaseJob;
  /** The user's credentials Secret: name and keys. */
  public readonly userSecret: { readonly secretName: string; readonly usernameKey: string; readonly passwordKey: string };
  /** The database name. */
  public readonly databaseName: string;
  /** The libpq `sslmode` the application should use too. */
  public readonly sslMode: PostgresSslMode;
  /** What the application waits for: the Job (which waited for the Secrets). */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PostgresAppDatabaseProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const { instance, user } = props;
    const missing = ['username', 'password'].filter((key) => instance.masterUserSecret.jsonKeys && !instance.masterUserSecret.jsonKeys.includes(key));
    if (missing.length > 0) {
      failProp(this, 'instance.masterUserSecret', instance.masterUserSecret.jsonKeys, `has no ${missing.join(', ')} property; pass the instance's master user secret (JSON username and password)`);
    }
    const k = POSTGRES_APP_USER_SECRET_KEYS;
    const userSecretName = props.userSecretName ?? `${id}-db`;
    const masterSecretName = `${id}-db-master`;
    const copy = (cid: string, source: ISecretsManagerSecret, secretName: string, properties: Record<string, string>, revision: number, refreshInterval?: string) =>
      props.secretCopies === 'write-only'
        ? new WriteOnlyKubernetesSecret(this, cid, { source, namespace: props.namespace, secretName, properties, revision, dependsOn: props.dependsOn }).secret
        : new SyncedSecret(this, cid, { store: props.secretCopies.store, source, namespace: props.namespace, secretName, properties, refreshInterval }).manifest;
    const master = copy('master-credentials', instance.masterUserSecret, masterSecretName, { username: 'username', password: 'password' }, user.version, '15m');
    const own = copy('user-credentials', user.secret, userSecretName, { [k.username]: k.username, [k.password]: k.password, [k.database]: k.database, [k.version]: k.version }, user.version);
    this.job = new PostgresAppDatabaseJob(this, 'job', {
      namespace: props.namespace,
      jobName: `${id}-db-setup`,
      endpoint: { host: instance.address, port: instance.port, sslMode: props.sslMode ?? 'require' },
      masterCredentials: { secretName: masterSecretName },
      user,
      userSecretName,
      nodeSelector: props.nodeSelector,
      labels: { 'app.kubernetes.io/name': 'postgres-database', 'app.kubernetes.io/instance': id },
      dependsOn: [master, own, ...(props.dependsOn ?? [])],
    });
    this.userSecret = { secretName: userSecretName, usernameKey: k.username, passwordKey: k.password };
    this.databaseName = user.databaseName;
    this.sslMode = props.sslMode ?? 'require';
    this.ready = [this.job.job];
  }
}
