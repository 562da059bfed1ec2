/**
 * `PostgresAppUser` (cloud layer; stateful, so it belongs in the data layer once a stack set has
 * one): the credentials of one application's own database and login role on a `PostgresInstance` —
 * a `GeneratedSecret` (value generated at apply, never in the synthesized JSON, the plan or the
 * state) shaped `{ username, password, database, host, port, version }`.
 *
 * The role and the database are created in the cluster by `PostgresAppDatabase` (workloads layer),
 * a Job that logs in as the RDS-managed master user: RDS has no API for roles, and Terraform's
 * PostgreSQL provider would need network reach to the private instance and would keep the password
 * in state. The application never sees the master password, and the master password's rotation by
 * RDS does not touch the application's login.
 *
 * Rotation: bump `version`. A new password is generated; the `PostgresAppDatabase` Job (replaced
 * because its expected version changes) waits until the synced Secret holds that version and sets
 * it with `ALTER ROLE`; restart the application afterwards (it reads the password at start).
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../layers/mlops-stack';
import { Preset, presetSchema } from '../presets';
import { ExternalSecretsAccess } from '../secrets/external-secrets-access';
import { GeneratedSecret } from '../secrets/generated-secret';
import { Schemas, validateProps } from '../validation';
import { IPostgresInstance, postgresIdentifierSchema } from './postgres-instance';

/**
 * Keys of the credentials secret (and of the Kubernetes Secrets synced from it). No host or port:
 * the value is write-only and rewritten only when `version` changes, so an address in it would go
 * stale when the instance is replaced; clients take `instance.address` and `instance.port`.
 */
export const POSTGRES_APP_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  database: 'database',
  /** The credentials version the password belongs to (see `PostgresAppDatabase`). */
  version: 'version',
} as const;

/** Props of {@link PostgresAppUser}. */
export interface PostgresAppUserProps {
  /** The instance the database lives on. */
  readonly instance: IPostgresInstance;
  /** Database of the application (created if missing, owned by the role). */
  readonly database: string;
  /** Login role of the application. */
  readonly username: string;
  /** Secrets Manager name of the credentials, e.g. `llm-rag/dev/langfuse/db`. */
  readonly secretName: string;
  /** Customer managed KMS key of the secret. @default - aws/secretsmanager */
  readonly kmsKeyArn?: string;
  /** Version of the generated password; bump it to rotate. @default 1 */
  readonly version?: number;
  /** External Secrets Operator's role: the secret is granted to it. @default - no grant */
  readonly secretsAccess?: ExternalSecretsAccess;
  /** @default 'prod' */
  readonly preset?: Preset;
}

const schema = z.object({
  database: postgresIdentifierSchema,
  username: postgresIdentifierSchema.refine((u) => !['postgres', 'rdsadmin', 'rds_superuser', 'public'].includes(u), {
    message: 'is a role RDS or PostgreSQL reserves; choose the application\'s own name',
  }),
  version: Schemas.positiveInt('version').optional(),
  preset: presetSchema.optional(),
});

/** Generated credentials of an application's database and role. */
export class PostgresAppUser extends Construct {
  /** The credentials (JSON keys: {@link POSTGRES_APP_SECRET_KEYS}). */
  public readonly secret: GeneratedSecret;
  public readonly instance: IPostgresInstance;
  public readonly database: string;
  public readonly username: string;
  /** The password's version. */
  public readonly version: number;

  constructor(scope: Construct, id: string, props: PostgresAppUserProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'PostgresAppUser');
    const k = POSTGRES_APP_SECRET_KEYS;
    this.instance = props.instance;
    this.database = props.database;
    this.username = props.username;
    this.version = props.version ?? 1;
    // Letters and digits only: the password goes into connection URLs unescaped.
    this.secret = new GeneratedSecret(this, 'credentials', {
      secretName: props.secretName,
      description: `PostgreSQL login ${props.username} of database ${props.database}`,
      kmsKeyArn: props.kmsKeyArn,
      jsonFields: {
        [k.username]: props.username,
        [k.database]: props.database,
        [k.version]: String(this.version),
      },
      passwordKey: k.password,
      password: { length: 32, excludePunctuation: true },
      version: this.version,
      preset: props.preset,
    });
    props.secretsAccess?.grantRead(this.secret);
    props.secretsAccess?.grantRead(props.instance.masterUserSecret);
  }
}
