/**
 * The script of {@link PostgresAppDatabaseJob}: makes a login role and the database it owns exist on a
 * PostgreSQL instance, as the instance's master user, idempotently (run it any number of times):
 *
 * 1. fails (the Job retries with a new pod) until the user's Secret holds the expected credentials
 *    version, so a rotation never sets an older password;
 * 2. waits for the server (`pg_isready`);
 * 3. in one `psql` session with `ON_ERROR_STOP`: creates the role if missing, sets its password
 *    (also on rotation), makes the master a member of it (PostgreSQL 16+ requires the creator to be
 *    able to `SET ROLE` to a database's owner), creates the database owned by it if missing, and
 *    takes `CONNECT`/`TEMPORARY` on it away from `PUBLIC`.
 *
 * Names and the password reach SQL only through psql variables read with `\getenv` and quoted by
 * psql (`:'var'` literal, `:"var"` identifier): nothing is spliced into SQL text by the shell, and no
 * secret is on a command line. Connection settings are libpq's `PG*` variables (the master password
 * in `PGPASSWORD`, from a Secret). `CREATE DATABASE` cannot run inside a transaction or a `DO` block,
 * so the conditional creates use `SELECT format(...) WHERE NOT EXISTS (...) \gexec`.
 *
 * The script has no `${` and no `%{` (Terraform template syntax inside a manifest string).
 */

/** Env var names the script reads (besides libpq's `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, `PGDATABASE`). */
export const POSTGRES_APP_DATABASE_JOB_ENV = {
  role: 'DB_ROLE',
  password: 'DB_ROLE_PASSWORD',
  database: 'DB_NAME',
  /** The credentials version the user's Secret holds. */
  secretVersion: 'SECRET_VERSION',
  /** The version the Job was created for. */
  expectedVersion: 'EXPECTED_VERSION',
} as const;

/** SQL run by psql (variables from the environment, see the file comment). */
export function postgresAppDatabaseSql(): string {
  const e = POSTGRES_APP_DATABASE_JOB_ENV;
  return [
    `\\getenv role_name ${e.role}`,
    `\\getenv role_password ${e.password}`,
    `\\getenv db_name ${e.database}`,
    "SELECT format('CREATE ROLE %I LOGIN', :'role_name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role_name') \\gexec",
    // only LOGIN and the password: attributes such as NOSUPERUSER need a true superuser, which RDS's master is not
    'ALTER ROLE :"role_name" WITH LOGIN PASSWORD :\'role_password\';',
    // membership lets the master create (and later administer) a database owned by the role
    "SELECT format('GRANT %I TO CURRENT_USER', :'role_name') WHERE NOT pg_has_role(CURRENT_USER, :'role_name', 'MEMBER') \\gexec",
    "SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'role_name') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \\gexec",
    'ALTER DATABASE :"db_name" OWNER TO :"role_name";',
    'REVOKE CONNECT, TEMPORARY ON DATABASE :"db_name" FROM PUBLIC;',
  ].join('\n');
}

/** The Job's shell script (`sh -c`); psql reads the SQL from a here-document. */
export function postgresAppDatabaseScript(): string {
  const e = POSTGRES_APP_DATABASE_JOB_ENV;
  return [
    'set -eu',
    `[ "$${e.secretVersion}" = "$${e.expectedVersion}" ] || { echo "the user Secret holds credentials version $${e.secretVersion}, not $${e.expectedVersion} yet"; exit 1; }`,
    'until pg_isready -q -t 5; do echo "waiting for PostgreSQL at $PGHOST:$PGPORT"; sleep 5; done',
    "psql -X -q -v ON_ERROR_STOP=1 <<'SQL'",
    postgresAppDatabaseSql(),
    'SQL',
    `echo "role $${e.role} and database $${e.database} are in place (credentials version $${e.expectedVersion})"`,
  ].join('\n');
}
