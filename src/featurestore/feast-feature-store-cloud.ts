/**
 * `FeastFeatureStoreCloud` (cloud layer, stateful parts in the data layer): the AWS half of a Feast
 * feature store, and the place its definition is validated and its `feature_store.yaml` generated.
 * In the cloud stack of a `StackSet`, the key, buckets, online store and AUTH token go to the data
 * stack at the same construct path (`dataScope`); the role and the cache's ingress rule from the
 * cluster's nodes stay in the cloud stack.
 *
 * - a KMS key (unless one is given) for the cache, the buckets and the AUTH token secret;
 * - the registry bucket (`registry-bucket`): Feast's file registry `s3://<bucket>/<project>/registry.db`;
 * - the offline store bucket (`offline-bucket`): the project's parquet data under `<project>/`;
 * - the online store (`online-store`): ElastiCache for Redis OSS, see {@link FeastOnlineStore};
 * - the Redis AUTH token as a `GeneratedSecret`, granted to the External Secrets Operator;
 * - the Pod Identity role of Feast's service account: exactly the registry object, the offline
 *   prefix (read) and the key through S3.
 *
 * ## Why the S3 file registry (and not the SQL registry on Postgres)
 * The registry is small, read far more than written (servers cache it for `cacheTtlSeconds`) and
 * written by `feast apply` from one CI pipeline plus the materialization job. A file on a
 * versioned, KMS-encrypted bucket needs no database, no second credential and no network path to
 * Postgres, and every registry version is kept (roll back by restoring an object version). Its
 * limit is concurrency: writes replace the whole object, so two simultaneous `feast apply` runs can
 * lose one's changes — run applies from a single pipeline. The SQL registry (e.g. on the MLflow RDS
 * instance) removes that limit but needs a database and user created inside Postgres, which
 * Terraform cannot do here without a Postgres provider; it is not offered.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { z } from 'zod';
import { customerManagedKey } from '../core/customer-managed-key';
import { IClusterRef } from '../core/layers/cluster-connection';
import { dataScope } from '../core/layers/data-scope';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { elasticacheId, s3BucketPrefix } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { ExternalSecretsAccess } from '../core/secrets/external-secrets-access';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { SecureBucket } from '../core/secure-bucket';
import { bindCluster } from '../core/layers/stack-region';
import { Schemas } from '../core/schemas';
import { failProp, requireProps, validateProps } from '../core/validation';
import { registryKey } from './constants';
import { feastPolicy } from './feast-policy';
import { FeatureStoreDocument, featureStoreDocument, renderFeatureStoreYaml } from './feature-store-yaml';
import { FeastOnlineStore } from './online-store';
import { FeastFeatureStoreSpec, resolveFeastSpec, ResolvedFeastSpec } from './spec';
import { AwsKmsKey } from '../core/resources/aws-kms';
import { attributeString } from '../core/resources/reference-tokens';

/** Length of the generated Redis AUTH token (ElastiCache accepts 16–128). */
export const REDIS_AUTH_TOKEN_LENGTH = 64;

/** Where the cloud half runs and whom it grants. */
export interface FeastFeatureStoreCloudOptions {
  /** The cluster (VPC, private subnets, node security group, name for Pod Identity). */
  readonly cluster: IClusterRef;
  /**
   * The External Secrets Operator's access: the AUTH token secret is granted to it.
   * @default - no grant (call `access.grantRead(cloud.authToken)` yourself)
   */
  readonly secretsAccess?: ExternalSecretsAccess;
  /**
   * Prefix of the Secrets Manager secret name (`<prefix>/<namespace>/<name>-redis-auth`).
   * @default - `<project>/<environment>` of the enclosing `CloudStack`, else 'feast'
   */
  readonly secretsPrefix?: string;
  /**
   * Customer managed KMS key for the cache, the buckets and the secret.
   * @default - a new key with rotation, kept on destroy
   */
  readonly kmsKeyArn?: string;
  /**
   * Region of the buckets (the IAM `kms:ViaService` condition).
   * @default - the region of the enclosing `CloudStack`
   */
  readonly region?: string;
}

/** Props of {@link FeastFeatureStoreCloud}: the feature store definition plus where it runs. */
export type FeastFeatureStoreCloudProps = FeastFeatureStoreSpec & FeastFeatureStoreCloudOptions;

const optionsSchema = Schemas.props<FeastFeatureStoreCloudOptions>()({
  cluster: Schemas.construct('a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)', { clusterName: z.string(), region: z.string() }),
  secretsAccess: z.custom<ExternalSecretsAccess>((v) => v instanceof ExternalSecretsAccess, { message: 'is not an ExternalSecretsAccess; pass the one of the cloud layer (or leave it out and grant the secret yourself)' }).optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  region: Schemas.region().optional(),
});

/** Buckets, online store, secret and role of a Feast feature store. */
export class FeastFeatureStoreCloud extends Construct {
  /** The validated definition, defaults applied (read by the platform and workloads halves). */
  public readonly spec: ResolvedFeastSpec;
  /** The KMS key the construct created (undefined when one was given). */
  public readonly kmsKey?: AwsKmsKey;
  /** ARN of the KMS key in use. */
  public readonly kmsKeyArn: string;
  public readonly registryBucket: SecureBucket;
  public readonly offlineBucket: SecureBucket;
  public readonly onlineStore: FeastOnlineStore;
  /** The Redis AUTH token in Secrets Manager. */
  public readonly authToken: GeneratedSecret;
  /** Pod Identity role of Feast's service account. */
  public readonly role: PodIdentityRole;
  /** Region of the buckets. */
  public readonly region: string;
  /** CIDR of the cluster's VPC: where the online store is (the platform's egress policy allows only it). */
  public readonly vpcCidr: string;
  /** Online store endpoint, `host:port` (TLS, AUTH required). */
  public readonly onlineStoreEndpoint: string;
  /** Registry location, `s3://<registry bucket>/<project>/registry.db`. */
  public readonly registryPath: string;
  /** Where the project's offline parquet data goes: `s3://<offline bucket>/<project>/`. */
  public readonly offlineDataUri: string;
  /** The generated `feature_store.yaml` document (validated). */
  public readonly featureStoreDocument: FeatureStoreDocument;
  /** Its YAML text (holds Terraform tokens: embed it only through `Fn` calls). */
  public readonly featureStoreYaml: string;

  constructor(scope: Construct, id: string, props: FeastFeatureStoreCloudProps) {
    super(scope, id);
    requireProps(this, props);
    const { cluster, secretsAccess, secretsPrefix, kmsKeyArn, region, ...spec } = props;
    validateProps(this, optionsSchema, { cluster, secretsAccess, secretsPrefix, kmsKeyArn, region });
    this.spec = resolveFeastSpec(this, spec);
    requireLayer(this, ['data', 'cloud'], 'FeastFeatureStoreCloud');
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    const resolvedRegion = region ?? mlops?.region;
    if (!resolvedRegion) failProp(this, 'region', region, 'is required outside a CloudStack; pass the AWS region of the buckets');
    this.region = resolvedRegion;
    const s = this.spec;
    const nameParts = mlops ? [mlops.project, mlops.environment, id] : [id];
    const attrs = bindCluster(this, 'cluster', cluster);
    // The online store's VPC and subnets as the stack that holds it sees them (the data stack, if any).
    const network = cluster.bind(dataScope(this));
    // Read where the VPC lives (the data stack, if any), like the online store's subnets.
    this.vpcCidr = attributeString(new DataAwsVpc(dataScope(this), 'vpc', { id: network.vpcId }), 'cidr_block');

    if (kmsKeyArn) {
      this.kmsKeyArn = kmsKeyArn;
    } else {
      this.kmsKey = customerManagedKey(this, { description: `Feast ${nameParts.join('/')}: online store, registry and offline buckets, AUTH token`, alias: nameParts.join('/') });
      this.kmsKeyArn = this.kmsKey.arn;
    }

    this.registryBucket = new SecureBucket(this, 'registry-bucket', { bucketPrefix: s3BucketPrefix(...nameParts, 'registry'), kmsKeyArn: this.kmsKeyArn });
    this.offlineBucket = new SecureBucket(this, 'offline-bucket', { bucketPrefix: s3BucketPrefix(...nameParts, 'offline'), kmsKeyArn: this.kmsKeyArn });

    const prefix = secretsPrefix ?? (mlops ? `${mlops.project}/${mlops.environment}` : 'feast');
    this.authToken = new GeneratedSecret(this, 'redis-auth-token', {
      secretName: `${prefix}/${s.namespace}/${s.name}-redis-auth`,
      description: `Redis AUTH token of Feast online store ${s.namespace}/${s.name}`,
      kmsKeyArn: this.kmsKeyArn,
      preset: s.preset,
      password: { length: REDIS_AUTH_TOKEN_LENGTH },
      version: s.onlineStore.authTokenVersion,
    });
    secretsAccess?.grantRead(this.authToken);

    this.onlineStore = new FeastOnlineStore(this, 'online-store', {
      replicationGroupId: elasticacheId(...nameParts),
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      clientSecurityGroupId: attrs.nodeSecurityGroupId,
      kmsKeyArn: this.kmsKeyArn,
      authToken: this.authToken,
      nodeType: s.onlineStore.nodeType,
      numCacheClusters: s.onlineStore.numCacheClusters,
      snapshotRetentionDays: s.onlineStore.snapshotRetentionDays,
      preventDestroy: s.onlineStore.preventDestroy,
    });

    const key = registryKey(s.project);
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: attrs.clusterName,
      namespace: s.namespace,
      serviceAccount: s.name,
      policy: feastPolicy({
        registryBucketArn: this.registryBucket.bucketArn,
        registryKey: key,
        offlineBucketArn: this.offlineBucket.bucketArn,
        offlinePrefix: s.project,
        kmsKeyArn: this.kmsKeyArn,
        region: this.region,
      }),
    });

    this.onlineStoreEndpoint = `${this.onlineStore.host}:${this.onlineStore.port}`;
    this.registryPath = `s3://${this.registryBucket.bucketName}/${key}`;
    this.offlineDataUri = `s3://${this.offlineBucket.bucketName}/${s.project}/`;
    this.featureStoreDocument = featureStoreDocument({
      project: s.project,
      registryPath: this.registryPath,
      registryCacheTtlSeconds: s.registry.cacheTtlSeconds,
      redisHost: this.onlineStore.host,
      redisPort: this.onlineStore.port,
      keyTtlSeconds: s.onlineStore.keyTtlSeconds,
    });
    this.featureStoreYaml = renderFeatureStoreYaml(`${this.node.path}: feature_store.yaml`, this.featureStoreDocument);
  }
}
