/**
 * `MlflowDatabase` (data layer): the RDS for PostgreSQL instance behind MLflow's tracking store,
 * model registry and basic-auth users — a `PostgresInstance` (private, TLS only, encrypted, RDS-managed
 * master password, protected; see its doc) with MLflow's database, master user and descriptions.
 * Its construct paths are those of `PostgresInstance` under this construct's id, as before.
 */
import { Construct } from 'constructs';
import { MIN_BACKUP_RETENTION_DAYS, POSTGRES_INSTANCE_PRESETS, POSTGRES_TLS_PARAMETERS, PostgresInstance, postgresInstanceOptionsSchema, PostgresInstanceProps } from '../core/databases/postgres-instance';
import { MLFLOW_DEFAULTS } from './constants';

/** Size defaults of the instance by preset (those of every `PostgresInstance`). */
export const MLFLOW_DATABASE_PRESETS = POSTGRES_INSTANCE_PRESETS;

/** Parameters of the instance's parameter group (TLS only). */
export const MLFLOW_DB_PARAMETERS = POSTGRES_TLS_PARAMETERS;

export { MIN_BACKUP_RETENTION_DAYS };

/** Props of {@link MlflowDatabase}: those of `PostgresInstance` without the names MLflow fixes. */
export type MlflowDatabaseProps = Omit<PostgresInstanceProps, 'databaseName' | 'masterUsername' | 'purpose'>;

/** Schema of the settings a user may change (also checked by `MlflowCloud` before it creates anything). */
export const mlflowDatabaseOptionsSchema = postgresInstanceOptionsSchema;

/** Private, encrypted, TLS-only, backed-up RDS for PostgreSQL for MLflow. */
export class MlflowDatabase extends PostgresInstance {
  constructor(scope: Construct, id: string, props: MlflowDatabaseProps) {
    super(scope, id, { ...props, databaseName: MLFLOW_DEFAULTS.databaseName, masterUsername: MLFLOW_DEFAULTS.masterUsername, purpose: 'MLflow database' });
  }
}
