/**
 * `MlflowTrackingServer` (workloads layer): MLflow tracking server and model registry, installed from
 * the pinned community chart, with its credentials synced from AWS Secrets Manager.
 *
 * Why the workloads layer: the pods need the Kubernetes Secrets that `ExternalSecret`s (custom
 * resources, workloads layer) create. The Helm release `depends_on` both `SyncedSecret`s, which
 * wait until External Secrets Operator reports them `Ready`, so the pods start with their Secrets
 * and Helm's `wait` succeeds in the same apply.
 *
 * Secrets: the database credentials come from the RDS-managed master secret (`mlflow-db`), the
 * basic-auth admin from a `GeneratedSecret` (`mlflow-admin`), and the client user `mlflow-client`
 * (not an admin) from another (`mlflow-client`, which also carries `MLFLOW_TRACKING_USERNAME`/
 * `MLFLOW_TRACKING_PASSWORD` for clients). The `MlflowClientUser` Job creates that user through
 * MLflow's API after the release is up. No value is in the synthesized JSON, the Helm values, the
 * plan or the state.
 *
 * Implements {@link IMlflowTrackingServer}, the handle other constructs use.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart } from '../core/helm-chart';
import { PolicyStatement } from '../core/iam';
import { requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { Preset, presetSchema } from '../core/presets';
import { ISecretStoreRef, secretStoreRefSchema } from '../core/secrets/secret-store';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { ArtifactLocation, artifactReadStatements } from './artifact-policy';
import { MLFLOW_DEFAULTS, MLFLOW_PORTS, MLFLOW_SECRET_KEYS, MLFLOW_SECRET_NAMES, MLFLOW_URLENCODED_PASSWORD_TEMPLATE } from './constants';
import { MlflowClientUser } from './mlflow-client-user';
import { MlflowCloud } from './mlflow-cloud';
import { MlflowIngress, MlflowResources, mlflowValues } from './mlflow-values';
import type { FrontDoorBackend } from '../frontdoor/front-door';

/** What other constructs need of an MLflow tracking server. */
export interface IMlflowTrackingServer {
  /** In-cluster tracking URI, e.g. `http://mlflow.mlflow.svc.cluster.local` (set as `MLFLOW_TRACKING_URI`). */
  readonly trackingUri: string;
  /** Namespace of the server. */
  readonly namespace: string;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
  /** ARN of the artifact bucket. */
  readonly artifactBucketArn: string;
  /** Key prefix of the artifacts in the bucket. */
  readonly artifactPrefix: string;
  /** `s3://<bucket>/<prefix>`: where `mlflow-artifacts:/<path>` resolves to. */
  readonly artifactRootUri: string;
  /**
   * Kubernetes Secret (in {@link namespace}) with `MLFLOW_TRACKING_USERNAME` and
   * `MLFLOW_TRACKING_PASSWORD` for clients (`envFrom`).
   */
  readonly clientSecretName: string;
  /** Read-only IAM statements on the artifacts (or those under `subPrefix`), for a model server's role. */
  modelReadStatements(subPrefix?: string): PolicyStatement[];
}

/** Props of {@link MlflowTrackingServer}. */
export interface MlflowTrackingServerProps {
  /** The cloud half: database, bucket, role, secrets. */
  readonly cloud: MlflowCloud;
  /** The `ClusterSecretStore` the Secrets are synced through (must allow the MLflow namespace). */
  readonly store: ISecretStoreRef;
  /** `dev` or `prod`. @default - the cloud half's preset */
  readonly preset?: Preset;
  /** Server replicas. @default 2 (prod), 1 (dev) */
  readonly replicas?: number;
  /** Requests and limits of the server. @default MLFLOW_RESOURCES[preset] */
  readonly resources?: MlflowResources;
  /**
   * Node selector of the server.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Permission of authenticated users on resources they did not create.
   * @default 'READ'
   */
  readonly defaultPermission?: 'READ' | 'EDIT' | 'MANAGE' | 'NO_PERMISSIONS';
  /**
   * An ingress (internal ALB by default annotations); allow its source in `MlflowPlatform.allowedCidrs`.
   * @default - none: ClusterIP only
   */
  readonly ingress?: MlflowIngress;
  /**
   * Host names a front door serves the server on (e.g. `FrontDoorCloud.hostFor('mlflow')`): MLflow
   * (≥ 3.5) accepts requests only for the Host headers it knows. Route the front door to {@link MlflowTrackingServer.ui}.
   * @default - none
   */
  readonly externalHosts?: readonly string[];
  /**
   * How often the database Secret is re-read from Secrets Manager (RDS rotates the master password).
   * @default '15m'
   */
  readonly databaseSecretRefreshInterval?: string;
  /**
   * Helm value overrides, deep-merged on top (keys must exist in the pinned chart).
   * @default - none
   */
  readonly overrides?: PlainObject;
}

const schema = Schemas.props<MlflowTrackingServerProps>()({
  cloud: z.custom<MlflowCloud>((v) => v instanceof MlflowCloud, { message: 'is not an MlflowCloud; pass the MlflowCloud of the cloud layer' }),
  store: secretStoreRefSchema(),
  preset: presetSchema.optional(),
  replicas: z.number().int().min(1, { message: 'must be at least 1; run at least one server' }).max(20, { message: 'is over 20; the server is stateless but the database limits connections' }).optional(),
  resources: Schemas.resources({ cpuLimitRequired: true }).optional(),
  nodeSelector: Schemas.labels().optional(),
  defaultPermission: z.enum(['READ', 'EDIT', 'MANAGE', 'NO_PERMISSIONS'], { message: 'must be READ, EDIT, MANAGE or NO_PERMISSIONS' }).optional(),
  ingress: Schemas.object({
    host: z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, { message: 'is not a DNS host name; use e.g. "mlflow.internal.example.com"' }),
    className: Schemas.k8sName().optional(),
    annotations: z.record(Schemas.labelKey(), z.string()).optional(),
  }).optional(),
  externalHosts: z.array(Schemas.dnsName()).optional(),
  databaseSecretRefreshInterval: Schemas.duration('"15m" or "1h"').optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** ESO template of credentials: the variables the MLflow client reads. */
const MLFLOW_CLIENT_CREDENTIALS_TEMPLATE = {
  [MLFLOW_SECRET_KEYS.trackingUsername]: '{{ .username }}',
  [MLFLOW_SECRET_KEYS.trackingPassword]: '{{ .password }}',
} as const;

/**
 * The same for the client user at credentials `version`: a Go-template comment (renders nothing)
 * carries the version, so bumping it changes the ExternalSecret's spec and ESO re-syncs at once
 * instead of at its next refresh.
 */
function clientCredentialsTemplate(version: number): Record<string, string> {
  return { ...MLFLOW_CLIENT_CREDENTIALS_TEMPLATE, [MLFLOW_SECRET_KEYS.trackingPassword]: `{{ .password }}{{/* credentials version ${version} */}}` };
}

/** MLflow tracking server and model registry (Helm release + synced Secrets). */
export class MlflowTrackingServer extends Construct implements IMlflowTrackingServer {
  public readonly chart: HelmChart;
  /** Database credentials Secret. */
  public readonly databaseSecret: SyncedSecret;
  /** Admin credentials Secret (the server's `existingAdminSecret`). */
  public readonly adminSecret: SyncedSecret;
  /** Client user credentials Secret in the MLflow namespace (`clientSecretName`). */
  public readonly clientUserSecret: SyncedSecret;
  /** The Job that creates the client user. */
  public readonly clientUser: MlflowClientUser;
  public readonly trackingUri: string;
  /**
   * The server's Service, for a front door (`FrontDoor` routes; give it `apiPaths: MLFLOW_API_PATHS`
   * so SDK calls reach MLflow's basic-auth, not a login page). `/health` answers without credentials.
   */
  public readonly ui: FrontDoorBackend;
  public readonly namespace: string;
  public readonly artifactBucketName: string;
  public readonly artifactBucketArn: string;
  public readonly artifactPrefix: string;
  public readonly artifactRootUri: string;
  public readonly clientSecretName: string;
  private readonly location: ArtifactLocation;
  private readonly cloud: MlflowCloud;
  private readonly store: ISecretStoreRef;

  constructor(scope: Construct, id: string, props: MlflowTrackingServerProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'MlflowTrackingServer');
    const { cloud, store } = props;
    this.cloud = cloud;
    this.store = store;
    if (store.allowedNamespaces && !store.allowedNamespaces.includes(cloud.namespace)) {
      failProp(this, 'store', store.storeName, `does not allow namespace "${cloud.namespace}" (allowed: ${store.allowedNamespaces.join(', ')}); add it to the SecretStore's namespaces`);
    }
    const preset = props.preset ?? cloud.preset;
    const releaseName = MLFLOW_DEFAULTS.releaseName;
    this.namespace = cloud.namespace;

    this.databaseSecret = new SyncedSecret(this, 'database-secret', {
      store,
      source: cloud.databaseSecret,
      namespace: this.namespace,
      secretName: MLFLOW_SECRET_NAMES.database,
      template: { [MLFLOW_SECRET_KEYS.passwordUrlEncoded]: MLFLOW_URLENCODED_PASSWORD_TEMPLATE },
      mergeTemplate: true,
      refreshInterval: props.databaseSecretRefreshInterval ?? '15m',
    });
    const credentials = (sid: string, source: typeof cloud.adminSecret, secretName: string, template: Record<string, string>) =>
      new SyncedSecret(this, sid, { store, source, namespace: this.namespace, secretName, template, mergeTemplate: true });
    this.adminSecret = credentials('admin-secret', cloud.adminSecret, MLFLOW_SECRET_NAMES.admin, { ...MLFLOW_CLIENT_CREDENTIALS_TEMPLATE });
    // the client user's; its `version` key comes from the secret value itself (the user Job checks it)
    this.clientUserSecret = credentials('client-secret', cloud.clientSecret, MLFLOW_SECRET_NAMES.clientUser, clientCredentialsTemplate(cloud.clientSecret.version));

    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.mlflow,
      releaseName,
      namespace: this.namespace,
      values: mlflowValues({
        preset,
        releaseName,
        namespace: this.namespace,
        serviceAccount: cloud.serviceAccount,
        region: cloud.region,
        databaseHost: cloud.database.address,
        databasePort: cloud.database.port,
        databaseName: cloud.database.databaseName,
        databaseSecretName: this.databaseSecret.secretName,
        adminSecretName: this.adminSecret.secretName,
        bucketName: cloud.bucketName,
        artifactPrefix: cloud.artifactPrefix,
        replicas: props.replicas,
        resources: props.resources,
        nodeSelector: props.nodeSelector,
        defaultPermission: props.defaultPermission,
        ingress: props.ingress,
        externalHosts: props.externalHosts,
      }),
      overrides: props.overrides,
      dependsOn: [this.databaseSecret.manifest, this.adminSecret.manifest],
    });

    this.ui = { namespace: this.namespace, serviceName: releaseName, port: MLFLOW_PORTS.service, healthPath: '/health' };
    this.trackingUri = `http://${releaseName}.${this.namespace}.svc.cluster.local${MLFLOW_PORTS.service === 80 ? '' : `:${MLFLOW_PORTS.service}`}`;
    this.artifactBucketName = cloud.bucketName;
    this.artifactBucketArn = cloud.bucketArn;
    this.artifactPrefix = cloud.artifactPrefix;
    this.artifactRootUri = `s3://${cloud.bucketName}/${cloud.artifactPrefix}`;
    this.clientSecretName = this.clientUserSecret.secretName;
    this.location = cloud.artifactLocation;

    this.clientUser = new MlflowClientUser(this, 'client-user', {
      namespace: this.namespace,
      trackingUri: this.trackingUri,
      adminSecretName: this.adminSecret.secretName,
      clientSecretName: this.clientUserSecret.secretName,
      clientSecretVersion: cloud.clientSecret.version,
      labels: { 'app.kubernetes.io/name': 'mlflow-client-user', 'app.kubernetes.io/part-of': releaseName },
      dependsOn: [this.chart.release, this.adminSecret.manifest, this.clientUserSecret.manifest],
    });
  }

  /**
   * Syncs the client user's credentials (`mlflow-client`, not an admin: the server's default
   * permission on others' experiments and models, MANAGE on its own) as `MLFLOW_TRACKING_USERNAME`
   * and `MLFLOW_TRACKING_PASSWORD`, and only those, so `envFrom` adds nothing else, into a client's
   * namespace, e.g. for training jobs.
   * `scope` must be in a workloads stack; the store must allow `namespace`.
   */
  public syncClientCredentials(scope: Construct, id: string, options: { readonly namespace: string; readonly secretName?: string }): SyncedSecret {
    return new SyncedSecret(scope, id, {
      store: this.store,
      source: this.cloud.clientSecret,
      namespace: options.namespace,
      secretName: options.secretName ?? MLFLOW_SECRET_NAMES.client,
      template: clientCredentialsTemplate(this.cloud.clientSecret.version),
    });
  }

  public modelReadStatements(subPrefix?: string): PolicyStatement[] {
    return artifactReadStatements(this.location, subPrefix);
  }
}
