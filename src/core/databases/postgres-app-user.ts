/**
 * `PostgresAppUser` (cloud or data layer): the credentials of one application's database and
 * its owner on a PostgreSQL instance the application shares (e.g. MLflow's RDS instance) — a
 * {@link GeneratedSecret} whose JSON value is `{ username, database, version, password }`, the
 * password generated during apply and never in the synthesized JSON, the plan or the state.
 *
 * It declares *what* should exist; {@link PostgresAppDatabaseJob} (platform or workloads layer) makes
 * it exist on the instance, and the application reads the password from a Kubernetes copy of the
 * secret (`WriteOnlyKubernetesSecret` in the platform layer, `SyncedSecret` in the workloads layer).
 *
 * The value carries its `version` next to the password (one write-only value), so the Job can tell
 * a Kubernetes copy that already holds the rotated password from one that does not yet.
 *
 * Used by Argo Workflows' archive (`ArgoWorkflowsStorage`); meant for any component that needs its
 * own database on a shared instance.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { Preset, presetSchema } from '../presets';
import { GeneratedSecret } from '../secrets/generated-secret';
import { Schemas, validateProps } from '../validation';

/** Keys of the JSON value of a {@link PostgresAppUser} secret. */
export const POSTGRES_APP_USER_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  database: 'database',
  version: 'version',
} as const;

/** Props of {@link PostgresAppUser}. */
export interface PostgresAppUserProps {
  /** Name of the Secrets Manager secret, e.g. `mlops/dev/argo-workflows/archive-db`. */
  readonly secretName: string;
  /** Login role that owns the database (lowercase letters, digits and `_`). */
  readonly username: string;
  /**
   * Name of the database.
   * @default - the username
   */
  readonly databaseName?: string;
  /**
   * Version of the password: bump it to rotate (a new value is generated and the Job sets it).
   * @default 1
   */
  readonly version?: number;
  /**
   * Customer managed KMS key of the secret.
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly kmsKeyArn?: string;
  /** `dev` or `prod` (recovery window and `prevent_destroy` of the secret). @default 'prod' */
  readonly preset?: Preset;
}

/** A PostgreSQL identifier the Job can use unquoted-safe: lowercase, digits and `_`, ≤ 63 bytes, not `pg_*`. */
const identifier = (what: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: `is not a plain PostgreSQL ${what} name; use lowercase letters, digits and "_", starting with a letter or "_", at most 63 characters` })
    .refine((v) => !v.startsWith('pg_'), { message: `starts with "pg_", which PostgreSQL reserves; choose another ${what} name` })
    .refine((v) => !['postgres', 'rdsadmin', 'template0', 'template1', 'public'].includes(v), { message: `is a name PostgreSQL or RDS uses itself; choose another ${what} name` });

const schema = Schemas.object({
  secretName: z.string().min(1),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  preset: presetSchema.optional(),
  username: identifier('role'),
  databaseName: identifier('database').optional(),
  version: Schemas.positiveInt('version').optional(),
});

/** The generated credentials of a database and its owner on a shared PostgreSQL instance. */
export class PostgresAppUser extends Construct {
  /** The Secrets Manager secret (JSON `username`, `database`, `version`, `password`). */
  public readonly secret: GeneratedSecret;
  /** The login role. */
  public readonly username: string;
  /** The database it owns. */
  public readonly databaseName: string;
  /** The password version (bump to rotate). */
  public readonly version: number;

  constructor(scope: Construct, id: string, props: PostgresAppUserProps) {
    super(scope, id);
    validateProps(this, schema, props);
    this.username = props.username;
    this.databaseName = props.databaseName ?? props.username;
    this.version = props.version ?? 1;
    const k = POSTGRES_APP_USER_SECRET_KEYS;
    this.secret = new GeneratedSecret(this, 'secret', {
      secretName: props.secretName,
      description: `PostgreSQL role ${this.username}, owner of database ${this.databaseName}`,
      kmsKeyArn: props.kmsKeyArn,
      jsonFields: { [k.username]: this.username, [k.database]: this.databaseName, [k.version]: String(this.version) },
      passwordKey: k.password,
      // letters and digits: the value goes into a libpq connection and a SQL literal without escaping worries
      password: { length: 32, excludePunctuation: true },
      version: this.version,
      preset: props.preset,
    });
  }
}
