/**
 * `MlflowCloud` (cloud layer, stateful parts in the data layer): the AWS half of the MLflow tracking server.
 *
 * - a KMS key (unless one is given) for the database, its master user secret, the bucket and the
 *   admin secret;
 * - the backend store: {@link MlflowDatabase} (RDS for PostgreSQL, RDS-managed master password);
 * - the artifact store: a {@link SecureBucket}; artifacts live under `artifactPrefix` and are served
 *   through the tracking server (proxied artifacts), so clients need no AWS credentials;
 * - the server's Pod Identity role, allowed exactly that bucket prefix and the key through S3;
 * - the basic-auth admin credentials and the client user's (`mlflow-client`, not an admin) as
 *   {@link GeneratedSecret}s (values generated at apply, never in JSON or state), and read grants of
 *   the three secrets for the External Secrets Operator.
 *
 * Pass it to `MlflowPlatform` (namespace, NetworkPolicies) and `MlflowTrackingServer` (workloads).
 *
 * Layers: in the cloud stack of a `StackSet`, the key, database, bucket and secrets are created in
 * the data stack at the same construct path (`dataScope`), so they outlive the cluster; the role and
 * the database's ingress rule from the cluster's nodes stay in the cloud stack. On an existing
 * cluster with no cloud layer to speak of, create it in the data stack: everything goes there.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { z } from 'zod';
import { IClusterRef } from '../core/layers/cluster-connection';
import { PolicyStatement } from '../core/iam';
import { customerManagedKey } from '../core/customer-managed-key';
import { dataScope } from '../core/layers/data-scope';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { rdsIdentifier, s3BucketPrefix } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { Preset, presetSchema } from '../core/presets';
import { ExternalSecretsAccess } from '../core/secrets/external-secrets-access';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { ISecretsManagerSecret, rdsManagedMasterUserSecret } from '../core/secrets/secret-source';
import { SecureBucket } from '../core/secure-bucket';
import { postgresStorageProblem } from '../core/databases/postgres-instance';
import { bindCluster } from '../core/layers/stack-region';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { ArtifactLocation, artifactReadStatements, MLFLOW_SERVER_OBJECT_ACTIONS } from './artifact-policy';
import { MLFLOW_DEFAULTS, MLFLOW_SECRET_KEYS } from './constants';
import { MlflowDatabase, mlflowDatabaseOptionsSchema, MlflowDatabaseProps } from './mlflow-database';
import { AwsKmsKey } from '../core/resources/aws-kms';
import { attributeString } from '../core/resources/reference-tokens';

/** Database settings a user may change. */
export type MlflowDatabaseOptions = Partial<Pick<MlflowDatabaseProps, 'instanceClass' | 'engineVersion' | 'allocatedStorage' | 'maxAllocatedStorage' | 'backupRetentionDays' | 'multiAz'>>;

/** Props of {@link MlflowCloud}. */
export interface MlflowCloudProps {
  /** The cluster: its name (Pod Identity), VPC, private subnets and node security group (database). */
  readonly cluster: IClusterRef;
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /**
   * The External Secrets Operator's role: the database and admin secrets are granted to it.
   * @default - no grant (call `access.grantRead(cloud.databaseSecret)` and `(cloud.adminSecret)` yourself)
   */
  readonly secretsAccess?: ExternalSecretsAccess;
  /**
   * Customer managed KMS key for the database, the bucket and the secrets.
   * @default - a new key with rotation, usable by this account's IAM principals only
   */
  readonly kmsKeyArn?: string;
  /**
   * Key prefix of the artifacts in the bucket (no leading or trailing slash).
   * @default MLFLOW_DEFAULTS.artifactPrefix ('artifacts')
   */
  readonly artifactPrefix?: string;
  /** Database size, version and backups. @default - the preset's (MLFLOW_DATABASE_PRESETS) */
  readonly database?: MlflowDatabaseOptions;
  /** Namespace of the server. @default MLFLOW_DEFAULTS.namespace ('mlflow') */
  readonly namespace?: string;
  /** Service account of the server. @default MLFLOW_DEFAULTS.serviceAccount ('mlflow') */
  readonly serviceAccount?: string;
  /**
   * Prefix of the Secrets Manager names of the admin and client secrets (`<prefix>/mlflow/admin`,
   * `<prefix>/mlflow/client`).
   * @default - `<project>/<environment>` of the enclosing `CloudStack`
   */
  readonly secretsPrefix?: string;
  /**
   * Version of the client user's generated password: bump it to rotate (a new value is generated;
   * the synced Secrets re-sync at once and the `MlflowClientUser` Job sets the new password).
   * @default 1
   */
  readonly clientCredentialsVersion?: number;
}

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const schema = Schemas.props<MlflowCloudProps>()({
  cluster: Schemas.construct('a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)', { clusterName: z.string(), region: z.string() }),
  preset: presetSchema.optional(),
  secretsAccess: z.custom<ExternalSecretsAccess>((v) => v instanceof ExternalSecretsAccess, { message: 'is not an ExternalSecretsAccess; pass the one of the cloud layer (or leave it out and grant the secrets yourself)' }).optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  artifactPrefix: z
    .string()
    .refine((p) => !p.startsWith('/'), { message: 'starts with "/"; give the key prefix without a leading slash, e.g. "artifacts"' })
    .refine((p) => !p.endsWith('/'), { message: 'ends with "/"; give the key prefix without a trailing slash, e.g. "artifacts"' })
    .refine((p) => p.startsWith('/') || p.endsWith('/') || p.split('/').every((s) => segment.test(s)), {
      message: 'is not a simple S3 key prefix; use segments of letters, digits, ".", "_" and "-" separated by "/"',
    })
    .optional(),
  database: mlflowDatabaseOptionsSchema.omit({ preset: true }).optional(),
  namespace: Schemas.k8sName().optional(),
  serviceAccount: Schemas.dnsSubdomain().optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
  clientCredentialsVersion: Schemas.positiveInt('version').optional(),
});

/** Database, artifact bucket, IAM role and admin secret of an MLflow tracking server. */
export class MlflowCloud extends Construct {
  public readonly preset: Preset;
  /** The backend store. */
  public readonly database: MlflowDatabase;
  /** The artifact store. */
  public readonly bucket: SecureBucket;
  /** Name of the artifact bucket. */
  public readonly bucketName: string;
  /** ARN of the artifact bucket. */
  public readonly bucketArn: string;
  /** Key prefix of the artifacts. */
  public readonly artifactPrefix: string;
  /** The KMS key of database, bucket and secrets. */
  public readonly kmsKeyArn: string;
  /** The key, when the construct created it. */
  public readonly kmsKey?: AwsKmsKey;
  /** Region of the bucket and database. */
  public readonly region: string;
  /** CIDR of the cluster's VPC (the database is in it; NetworkPolicy egress uses it). */
  public readonly vpcCidr: string;
  /** The server's Pod Identity role. */
  public readonly role: PodIdentityRole;
  /** RDS-managed master user secret (JSON `username`, `password`; rotated by RDS). */
  public readonly databaseSecret: ISecretsManagerSecret;
  /** Basic-auth admin credentials (JSON `username`, `password`). */
  public readonly adminSecret: GeneratedSecret;
  /** Basic-auth client user credentials (JSON `username` = `mlflow-client`, `password`); not an admin. */
  public readonly clientSecret: GeneratedSecret;
  /** Namespace of the server. */
  public readonly namespace: string;
  /** Service account of the server. */
  public readonly serviceAccount: string;
  /** Where the artifacts are (for policies). */
  public readonly artifactLocation: ArtifactLocation;

  constructor(scope: Construct, id: string, props: MlflowCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'MlflowCloud');
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    this.preset = props.preset ?? 'prod';
    const storage = postgresStorageProblem(props.database ?? {}, this.preset);
    if (storage) failProp(this, `database.${storage.prop}`, storage.value, storage.message);
    this.region = mlops?.region ?? props.cluster.region;
    this.namespace = props.namespace ?? MLFLOW_DEFAULTS.namespace;
    this.serviceAccount = props.serviceAccount ?? MLFLOW_DEFAULTS.serviceAccount;
    this.artifactPrefix = props.artifactPrefix ?? MLFLOW_DEFAULTS.artifactPrefix;
    const nameParts = mlops ? [mlops.project, mlops.environment, id] : [id];
    if (!mlops && props.secretsPrefix === undefined) {
      failProp(this, 'secretsPrefix', props.secretsPrefix, 'is required outside a CloudStack; pass the prefix of the Secrets Manager names, e.g. "mlops/dev"');
    }
    const cluster = bindCluster(this, 'cluster', props.cluster);
    // The database's VPC and subnets as the stack that holds it sees them (the data stack, if any).
    const network = props.cluster.bind(dataScope(this));

    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      this.kmsKey = customerManagedKey(this, { description: `MLflow ${nameParts.join('/')}: database, artifacts and secrets`, alias: nameParts.join('/') });
      this.kmsKeyArn = this.kmsKey.arn;
    }

    // Read where the VPC lives (the data stack, if any), like the database's subnets; the CIDR
    // reaches the platform layer as an output of that stack.
    this.vpcCidr = attributeString(new DataAwsVpc(dataScope(this), 'vpc', { id: network.vpcId }), 'cidr_block');
    this.database = new MlflowDatabase(this, 'database', {
      identifier: rdsIdentifier(...nameParts),
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      clientSecurityGroupId: cluster.nodeSecurityGroupId,
      kmsKeyArn: this.kmsKeyArn,
      preset: this.preset,
      ...props.database,
    });

    this.bucket = new SecureBucket(this, 'artifacts', { bucketPrefix: s3BucketPrefix(...nameParts), kmsKeyArn: this.kmsKeyArn, region: this.region });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.artifactLocation = { bucketArn: this.bucketArn, prefix: this.artifactPrefix, kmsKeyArn: this.kmsKeyArn, region: this.region };

    this.role = new PodIdentityRole(this, 'server-role', {
      clusterName: cluster.clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
    });
    // list, read, write and delete under the artifact prefix only; the key only through S3 for this bucket
    this.bucket.grantReadWrite(this.role, this.artifactPrefix, { sid: 'Artifacts', objectActions: MLFLOW_SERVER_OBJECT_ACTIONS });

    this.databaseSecret = rdsManagedMasterUserSecret(this.database.masterUserSecretArn, this.kmsKeyArn);
    const prefix = props.secretsPrefix ?? `${mlops!.project}/${mlops!.environment}`;
    // Letters and digits only: the chart substitutes the admin's with `sed` into an INI file, and the
    // client user Job writes the client's into a JSON body.
    const basicAuthUser = (id: string, user: 'admin' | 'client', jsonFields: Record<string, string>, description: string, version?: number) =>
      new GeneratedSecret(this, id, {
        secretName: `${prefix}/mlflow/${user}`,
        description,
        kmsKeyArn: this.kmsKeyArn,
        jsonFields,
        passwordKey: 'password',
        password: { length: 32, excludePunctuation: true },
        preset: this.preset,
        version,
      });
    this.adminSecret = basicAuthUser('admin-secret', 'admin', { username: MLFLOW_DEFAULTS.adminUsername }, 'MLflow basic-auth admin credentials');
    // The client's value carries its version, written with the password in one write-only value: the
    // user Job checks it, so it never sets a password older than the version it was created for.
    const clientVersion = props.clientCredentialsVersion ?? 1;
    this.clientSecret = basicAuthUser(
      'client-secret',
      'client',
      { username: MLFLOW_DEFAULTS.clientUsername, [MLFLOW_SECRET_KEYS.credentialsVersion]: String(clientVersion) },
      'MLflow basic-auth client user credentials (not an admin)',
      clientVersion,
    );
    props.secretsAccess?.grantRead(this.databaseSecret);
    props.secretsAccess?.grantRead(this.adminSecret);
    props.secretsAccess?.grantRead(this.clientSecret);
  }

  /**
   * Statements granting read-only access to the artifacts (or those under `subPrefix`), for the
   * Pod Identity role of a model server (e.g. KServe's storage initializer).
   */
  public artifactReadStatements(subPrefix?: string): PolicyStatement[] {
    return artifactReadStatements(this.artifactLocation, subPrefix);
  }
}
