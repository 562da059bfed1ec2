/**
 * Constants of the MLflow tracking server: install defaults, Kubernetes names, ports, label keys of
 * the community `mlflow` chart (1.11.5, `templates/_helpers.tpl` `mlflow.selectorLabels`) and the
 * keys of the Secrets the chart reads.
 */

/** Where and how the library installs MLflow by default. */
export const MLFLOW_DEFAULTS = {
  /** Namespace of the server. */
  namespace: 'mlflow',
  /** Helm release name (the chart names its Deployment and Service after it: `mlflow`). */
  releaseName: 'mlflow',
  /** Service account of the server (the Pod Identity association names it). */
  serviceAccount: 'mlflow',
  /** Database created in the RDS instance (`db_name`), used by tracking, registry and basic-auth. */
  databaseName: 'mlflow',
  /** Master user of the RDS instance (its password is managed by RDS in Secrets Manager). */
  masterUsername: 'mlflow',
  /** Key prefix of artifacts in the bucket (`--artifacts-destination s3://<bucket>/<prefix>`). */
  artifactPrefix: 'artifacts',
  /** User name of the MLflow basic-auth admin. */
  adminUsername: 'admin',
  /**
   * Basic-auth user of clients (training and retraining jobs): not an admin, so it has the server's
   * default permission on what others created and MANAGE on what it creates.
   */
  clientUsername: 'mlflow-client',
  /**
   * Namespaces whose pods may reach the server: KServe (`kserve`, model serving) and `monitoring`
   * (Prometheus). Pods of the MLflow namespace itself are always allowed.
   */
  clientNamespaces: ['kserve', 'monitoring'],
} as const;

/** Ports. */
export const MLFLOW_PORTS = {
  /** Port of the `mlflow server` container (chart `service.containerPort`). */
  container: 5000,
  /** Port of the ClusterIP Service (chart `service.port`). */
  service: 80,
  /** PostgreSQL. */
  postgres: 5432,
} as const;

/** Names of the Kubernetes Secrets the `SyncedSecret`s create in the MLflow namespace. */
export const MLFLOW_SECRET_NAMES = {
  /** Database credentials (RDS-managed master secret): `username`, `password`, `password-urlencoded`. */
  database: 'mlflow-db',
  /** Admin credentials: `username`, `password`, `MLFLOW_TRACKING_USERNAME`, `MLFLOW_TRACKING_PASSWORD`. */
  admin: 'mlflow-admin',
  /** Client user credentials in the MLflow namespace: `username`, `password`, `MLFLOW_TRACKING_USERNAME`, `MLFLOW_TRACKING_PASSWORD`. */
  clientUser: 'mlflow-client',
  /** Client credentials synced into other namespaces: `MLFLOW_TRACKING_USERNAME`, `MLFLOW_TRACKING_PASSWORD`. */
  client: 'mlflow-credentials',
} as const;

/** Keys of the Secrets above. */
export const MLFLOW_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  /**
   * The database password URL-encoded (Go `urlquery`) with `%` doubled: the chart writes it into
   * `basic_auth.ini` (`auth_ini_configmap.yaml`, via `sed`) inside a SQLAlchemy URL, which MLflow
   * reads with `configparser` (where `%%` means `%`). RDS-generated passwords contain punctuation
   * that would otherwise break the URL, `sed` or `configparser`.
   */
  passwordUrlEncoded: 'password-urlencoded',
  trackingUsername: 'MLFLOW_TRACKING_USERNAME',
  trackingPassword: 'MLFLOW_TRACKING_PASSWORD',
  /** The client credentials version, a field of the client secret's value (the user Job checks it). */
  credentialsVersion: 'version',
} as const;

/** ESO template (engine v2) of {@link MLFLOW_SECRET_KEYS.passwordUrlEncoded}. */
export const MLFLOW_URLENCODED_PASSWORD_TEMPLATE = '{{ .password | urlquery | replace "%" "%%" }}';

/** Labels the chart puts on the server pods (`mlflow.selectorLabels`, no `nameOverride`). */
export function mlflowPodLabels(releaseName: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': releaseName, 'app.kubernetes.io/name': 'mlflow' };
}

/** Label Kubernetes sets on every namespace with its name (NetworkPolicy namespace selectors). */
export const MLFLOW_NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** EKS Pod Identity agent address (credentials endpoint `http://169.254.170.23/v1/credentials`). */
export const MLFLOW_POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';

/** libpq's TLS mode for the server's connections (`PGSSLMODE`); `rds.force_ssl=1` refuses plain text. */
export const MLFLOW_POSTGRES_SSL_MODE = 'require';
