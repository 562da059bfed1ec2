/**
 * `PostgresDatabase` (platform or workloads layer): an application's own database and login role on
 * an existing PostgreSQL instance — the Kubernetes half of a {@link PostgresDatabaseUser}:
 *
 * - copies of the instance's master credentials and of the user's credentials into `namespace`:
 *   `WriteOnlyKubernetesSecret`s in the platform layer (`secretCopies: 'write-only'`; Terraform
 *   reads the values ephemerally during apply) or `SyncedSecret`s through a `SecretStore` in the
 *   workloads layer (`secretCopies: { store }`; ESO keeps them in sync, the master secret every 15
 *   minutes because RDS rotates it);
 * - the {@link PostgresDatabaseJob} that creates the role and the database.
 *
 * The application reads {@link PostgresDatabase.userSecret} (keys `username`, `password`,
 * `database`) and starts after {@link PostgresDatabase.ready}.
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
import { failProp } from '../validation';
import { PostgresDatabaseJob, PostgresSslMode } from './postgres-database-job';
import { POSTGRES_USER_SECRET_KEYS, PostgresDatabaseUser } from './postgres-database-user';

/** An existing PostgreSQL instance a component can put its database on (e.g. `MlflowCloud.postgresInstance`). */
export interface IPostgresInstance {
  /** Host name of the instance. */
  readonly host: string;
  /** Port. */
  readonly port: number;
  /** The master user's secret: JSON `username` and `password` (RDS `manage_master_user_password`). */
  readonly masterSecret: ISecretsManagerSecret;
  /** libpq `sslmode` clients use. */
  readonly sslMode: PostgresSslMode;
}

/** How the credentials reach the namespace. */
export type PostgresSecretCopies = 'write-only' | { readonly store: ISecretStoreRef };

/** Props of {@link PostgresDatabase}. */
export interface PostgresDatabaseProps {
  /** The instance. */
  readonly instance: IPostgresInstance;
  /** The role and database (cloud or data layer). */
  readonly user: PostgresDatabaseUser;
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

/** A database and its owner on an existing PostgreSQL instance, with the application's Secret. */
export class PostgresDatabase extends Construct {
  /** The Job that creates the role and the database. */
  public readonly job: PostgresDatabaseJob;
  /** The user's credentials Secret: name and keys. */
  public readonly userSecret: { readonly secretName: string; readonly usernameKey: string; readonly passwordKey: string };
  /** The database name. */
  public readonly databaseName: string;
  /** What the application waits for: the Job (which waited for the Secrets). */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const { instance, user } = props;
    const missing = ['username', 'password'].filter((key) => instance.masterSecret.jsonKeys && !instance.masterSecret.jsonKeys.includes(key));
    if (missing.length > 0) {
      failProp(this, 'instance.masterSecret', instance.masterSecret.jsonKeys, `has no ${missing.join(', ')} property; pass the instance's master user secret (JSON username and password)`);
    }
    const k = POSTGRES_USER_SECRET_KEYS;
    const userSecretName = props.userSecretName ?? `${id}-db`;
    const masterSecretName = `${id}-db-master`;
    const copy = (cid: string, source: ISecretsManagerSecret, secretName: string, properties: Record<string, string>, revision: number, refreshInterval?: string) =>
      props.secretCopies === 'write-only'
        ? new WriteOnlyKubernetesSecret(this, cid, { source, namespace: props.namespace, secretName, properties, revision, dependsOn: props.dependsOn }).secret
        : new SyncedSecret(this, cid, { store: props.secretCopies.store, source, namespace: props.namespace, secretName, properties, refreshInterval }).manifest;
    const master = copy('master-credentials', instance.masterSecret, masterSecretName, { username: 'username', password: 'password' }, user.version, '15m');
    const own = copy('user-credentials', user.secret, userSecretName, { [k.username]: k.username, [k.password]: k.password, [k.database]: k.database, [k.version]: k.version }, user.version);
    this.job = new PostgresDatabaseJob(this, 'job', {
      namespace: props.namespace,
      jobName: `${id}-db-setup`,
      endpoint: { host: instance.host, port: instance.port, sslMode: instance.sslMode },
      masterCredentials: { secretName: masterSecretName },
      user,
      userSecretName,
      nodeSelector: props.nodeSelector,
      labels: { 'app.kubernetes.io/name': 'postgres-database', 'app.kubernetes.io/instance': id },
      dependsOn: [master, own, ...(props.dependsOn ?? [])],
    });
    this.userSecret = { secretName: userSecretName, usernameKey: k.username, passwordKey: k.password };
    this.databaseName = user.databaseName;
    this.ready = [this.job.job];
  }
}
