/**
 * `PostgresAppDatabase` (workloads layer): a Kubernetes Job that makes an application's login role
 * and database exist on a PostgreSQL instance, with the password of its `PostgresAppUser` — logged
 * in as the RDS-managed master user, whose credentials are synced into the Job's namespace only.
 * Run it in an administrative namespace (not the application's: the application never gets the
 * master password) that the secret store serves.
 *
 * The script (sh + psql of the pinned postgres image, TLS required, `ON_ERROR_STOP`):
 * 1. fails (the Job retries with a new pod) until the synced credentials hold the expected
 *    version, so a rotation never re-sets an older password;
 * 2. waits for the instance (bounded by the Job's deadline);
 * 3. `CREATE ROLE … LOGIN` if missing, then `ALTER ROLE … PASSWORD` (the password reaches psql
 *    through `\getenv`, never a command line or a file); grants the role to the master user (RDS's
 *    master is not a superuser: PostgreSQL 16+ needs the membership to create a database it owns);
 *    `CREATE DATABASE … OWNER` if missing, `ALTER DATABASE … OWNER`, and revokes the database's
 *    default `PUBLIC` privileges so other roles of the instance cannot connect to it.
 * Terraform waits for the Job (`wait_for_completion`); the application's release waits for it.
 *
 * TLS: `PGSSLMODE=require` (the instance refuses plain text); the image has no RDS CA bundle, so
 * the server certificate is not verified (the connection stays inside the VPC).
 *
 * The script has no `${` and writes no `%{` (Terraform template syntax in a string).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { z } from 'zod';
import { requireLayer } from '../layers/mlops-stack';
import { k8sName } from '../naming';
import { containerSecurityContext, providerPodSecurityContext } from '../pod-security';
import { RDS_MANAGED_SECRET_KEYS } from '../secrets/constants';
import { ISecretStoreRef } from '../secrets/secret-store';
import { SyncedSecret } from '../secrets/synced-secret';
import { Schemas, validateProps } from '../validation';
import { IMAGES, POSTGRES_IMAGE_USER } from '../versions';
import { POSTGRES_APP_SECRET_KEYS, PostgresAppUser } from './postgres-app-user';

/** Env var names of the script. */
export const POSTGRES_APP_DATABASE_ENV = {
  masterUser: 'PGUSER',
  masterPassword: 'PGPASSWORD',
  host: 'PGHOST',
  port: 'PGPORT',
  appUser: 'APP_USER',
  appPassword: 'APP_PASSWORD',
  appDatabase: 'APP_DATABASE',
  secretVersion: 'SECRET_VERSION',
  expectedVersion: 'EXPECTED_VERSION',
} as const;

/** Keys of the RDS-managed master secret. */
const MASTER_KEYS = { username: 'username', password: 'password' } as const satisfies Record<string, (typeof RDS_MANAGED_SECRET_KEYS)[number]>;

/** Longest the Job may run (waiting for the instance included). */
export const POSTGRES_APP_DATABASE_DEADLINE_SECONDS = 900;

/** Props of {@link PostgresAppDatabase}. */
export interface PostgresAppDatabaseProps {
  /** The application's credentials (cloud layer). */
  readonly user: PostgresAppUser;
  /** Namespace of the Job and of the synced master credentials (an administrative namespace). */
  readonly namespace: string;
  /** The External Secrets store (must serve `namespace`). */
  readonly secretStore: ISecretStoreRef;
  /**
   * Name of the Job and prefix of its Secrets.
   * @default - `<database>-database`
   */
  readonly name?: string;
  /** Resources that must exist first (the namespace). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = z.object({ namespace: Schemas.k8sName(), name: Schemas.k8sName().optional() });

/**
 * The script: `$NAME` variables only. psql reads the SQL from the heredoc, variables set with `-v`
 * (names, not secrets) and `\getenv` (the password).
 */
export function postgresAppDatabaseScript(): string {
  const e = POSTGRES_APP_DATABASE_ENV;
  return [
    'set -eu',
    `[ "$${e.secretVersion}" = "$${e.expectedVersion}" ] || { echo "the credentials Secret holds version $${e.secretVersion}, not $${e.expectedVersion} yet"; exit 1; }`,
    'export PGDATABASE=postgres PGSSLMODE=require PGCONNECT_TIMEOUT=10',
    'until psql -Atqc "SELECT 1" > /dev/null; do echo "waiting for PostgreSQL"; sleep 5; done',
    `psql -X -v ON_ERROR_STOP=1 -v app_user="$${e.appUser}" -v app_db="$${e.appDatabase}" <<'SQL'`,
    `\\getenv app_password ${e.appPassword}`,
    "SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \\gexec",
    "ALTER ROLE :\"app_user\" WITH LOGIN PASSWORD :'app_password';",
    'GRANT :"app_user" TO CURRENT_USER;',
    "SELECT format('CREATE DATABASE %I OWNER %I', :'app_db', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_db') \\gexec",
    'ALTER DATABASE :"app_db" OWNER TO :"app_user";',
    'REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;',
    'SQL',
    `echo "role $${e.appUser} and database $${e.appDatabase} are ready"`,
  ].join('\n');
}

/** The Job that creates (or re-passwords) an application's role and database. */
export class PostgresAppDatabase extends Construct {
  public readonly job: JobV1;
  /** The master credentials in the Job's namespace. */
  public readonly masterCredentials: SyncedSecret;
  /** The application's credentials in the Job's namespace. */
  public readonly appCredentials: SyncedSecret;

  constructor(scope: Construct, id: string, props: PostgresAppDatabaseProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'PostgresAppDatabase');
    const e = POSTGRES_APP_DATABASE_ENV;
    const k = POSTGRES_APP_SECRET_KEYS;
    const { user } = props;
    const name = props.name ?? k8sName(user.database.replace(/_/g, '-'), 'database');
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'database-bootstrap' };
    // RDS rotates the master password (every 7 days by default): re-read it often.
    this.masterCredentials = new SyncedSecret(this, 'master-credentials', {
      store: props.secretStore,
      source: user.instance.masterUserSecret,
      namespace: props.namespace,
      secretName: k8sName(name, 'master'),
      // the keys of an RDS-managed master user secret
      properties: { [MASTER_KEYS.username]: MASTER_KEYS.username, [MASTER_KEYS.password]: MASTER_KEYS.password },
      refreshInterval: '15m',
    });
    this.appCredentials = new SyncedSecret(this, 'app-credentials', {
      store: props.secretStore,
      source: user.secret,
      namespace: props.namespace,
      secretName: k8sName(name, 'app'),
      properties: { [k.username]: k.username, [k.password]: k.password, [k.database]: k.database, [k.version]: k.version },
      refreshInterval: '1m',
    });
    const fromSecret = (envName: string, secret: SyncedSecret, key: string) => ({ name: envName, valueFrom: { secretKeyRef: secret.secretKeyRef(key) } });
    this.job = new JobV1(this, 'job', {
      metadata: { name, namespace: props.namespace, labels },
      waitForCompletion: true,
      timeouts: { create: '20m', update: '20m' },
      spec: {
        // retries wait for the Secret's new version after a rotation (10 s, 20 s, 40 s, … between pods)
        backoffLimit: 6,
        activeDeadlineSeconds: POSTGRES_APP_DATABASE_DEADLINE_SECONDS,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: providerPodSecurityContext(POSTGRES_IMAGE_USER.uid, POSTGRES_IMAGE_USER.gid),
            container: [
              {
                name: 'bootstrap',
                image: `${IMAGES.postgres.repository}:${IMAGES.postgres.tag}`,
                command: ['/bin/sh', '-c', postgresAppDatabaseScript()],
                env: [
                  { name: e.host, value: user.instance.address },
                  { name: e.port, value: String(user.instance.port) },
                  fromSecret(e.masterUser, this.masterCredentials, MASTER_KEYS.username),
                  fromSecret(e.masterPassword, this.masterCredentials, MASTER_KEYS.password),
                  fromSecret(e.appUser, this.appCredentials, k.username),
                  fromSecret(e.appPassword, this.appCredentials, k.password),
                  fromSecret(e.appDatabase, this.appCredentials, k.database),
                  fromSecret(e.secretVersion, this.appCredentials, k.version),
                  { name: e.expectedVersion, value: String(user.version) },
                  // psql keeps no history in a non-interactive run, but its home must be writable
                  { name: 'HOME', value: '/tmp' },
                ],
                resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
                volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
                securityContext: containerSecurityContext(),
              },
            ],
            volume: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }],
          },
        },
      },
      dependsOn: [this.masterCredentials.manifest, this.appCredentials.manifest, ...(props.dependsOn ?? [])],
    });
  }
}
