/**
 * `VectorDatabaseCloud` (cloud layer): the AWS half of a vector database, and the place its
 * definition is validated.
 *
 * - the bucket (`backup-bucket`): snapshots (Qdrant, Weaviate) or object storage (Milvus);
 * - the Pod Identity role of the database's service account, allowed exactly that bucket (and, for
 *   Weaviate, only its `weaviate/` prefix), plus the bucket's KMS key if it has one;
 * - Milvus only: a second bucket for backups (`milvus-backup-bucket`, expiring after the retention)
 *   and the Pod Identity role of the milvus-backup job, which reads Milvus' data (`milvus/` prefix)
 *   and writes backups, but cannot delete them or write live data (unless `milvus.restoreAccess`);
 * - the credentials as a `GeneratedSecret` (value generated at apply, never in JSON or state),
 *   registered with the External Secrets Operator's role (`secretsAccess.grantRead`).
 *
 * Pass it to `VectorDatabasePlatform` (namespace, NetworkPolicies) and `VectorDatabase` (workloads:
 * synced Secret, Helm release, snapshot job).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { s3BucketPrefix } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { kmsViaS3Statement, s3ListStatement } from '../core/s3-access';
import { ExternalSecretsAccess } from '../core/secrets/external-secrets-access';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { Schemas } from '../core/schemas';
import { failProp, requireProps, validateProps } from '../core/validation';
import { SecureBucket } from '../core/secure-bucket';
import { MILVUS_BACKUP_FACTS, MILVUS_ROOT_PATH, VECTOR_DB_BACKUP_PREFIXES } from './constants';
import { API_KEY_LENGTH, EngineProfile, engineProfile } from './engines/engine-profile';
import { resolveVectorDatabaseSpec, ResolvedVectorDatabaseSpec, VectorDatabaseSpec } from './spec';

/** S3 object actions the database needs under its prefix. */
export const VECTOR_DB_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'] as const;

/** Where the cloud half runs and whom it grants. */
export interface VectorDatabaseCloudOptions {
  /** Name of the EKS cluster (for the Pod Identity association). */
  readonly clusterName: string;
  /**
   * The External Secrets Operator's access: the credentials secret is granted to it.
   * @default - no grant (grant the secret yourself: `access.grantRead(cloud.secret)`)
   */
  readonly secretsAccess?: ExternalSecretsAccess;
  /**
   * Prefix of the Secrets Manager secret name (`<prefix>/<namespace>/<name>`).
   * @default - `<project>/<environment>` of the enclosing `CloudStack`, else 'vectordb'
   */
  readonly secretsPrefix?: string;
  /**
   * Customer managed KMS key for the bucket and the secret.
   * @default - SSE-KMS with the AWS managed key aws/s3 for the bucket, `aws/secretsmanager` for the secret
   */
  readonly kmsKeyArn?: string;
  /**
   * AWS region of the bucket (clients' S3 endpoint).
   * @default - the region of the enclosing `CloudStack`
   */
  readonly region?: string;
}

/** Props of {@link VectorDatabaseCloud}: the database definition plus where it runs. */
export type VectorDatabaseCloudProps = VectorDatabaseSpec & VectorDatabaseCloudOptions;

const optionsSchema = Schemas.props<VectorDatabaseCloudOptions>()({
  clusterName: Schemas.eksClusterName(),
  secretsAccess: z.custom<ExternalSecretsAccess>((v) => v instanceof ExternalSecretsAccess, { message: 'is not an ExternalSecretsAccess; pass the one of the cloud layer (or leave it out and grant the secret yourself)' }).optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  region: Schemas.region().optional(),
});

/** Bucket, Pod Identity role and generated credentials of a vector database. */
export class VectorDatabaseCloud extends Construct {
  /** The validated definition, defaults applied (read by the platform and workloads halves). */
  public readonly spec: ResolvedVectorDatabaseSpec;
  /** Engine-specific facts (services, ports, secret layout). */
  public readonly profile: EngineProfile;
  /** The engine's bucket: snapshots (Qdrant, Weaviate) or Milvus' object storage (live data). */
  public readonly bucket: SecureBucket;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** The bucket backups go to: `bucket` itself (Qdrant, Weaviate) or Milvus' separate backup bucket. */
  public readonly backupBucket: SecureBucket;
  /** The backup job's Pod Identity role, when the job needs AWS access of its own (Milvus). */
  public readonly backupRole?: PodIdentityRole;
  /** Region of the bucket. */
  public readonly region: string;
  /** The database's Pod Identity role. */
  public readonly role: PodIdentityRole;
  /** The generated credentials in Secrets Manager. */
  public readonly secret: GeneratedSecret;

  constructor(scope: Construct, id: string, props: VectorDatabaseCloudProps) {
    super(scope, id);
    requireProps(this, props);
    const { clusterName, secretsAccess, secretsPrefix, kmsKeyArn, region, ...spec } = props;
    validateProps(this, optionsSchema, { clusterName, secretsAccess, secretsPrefix, kmsKeyArn, region });
    this.spec = resolveVectorDatabaseSpec(this, spec as VectorDatabaseSpec);
    requireLayer(this, ['data', 'cloud'], 'VectorDatabaseCloud');
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    const resolvedRegion = region ?? mlops?.region;
    if (!resolvedRegion) failProp(this, 'region', region, 'is required outside a CloudStack; pass the AWS region of the bucket');
    this.region = resolvedRegion;
    this.profile = engineProfile(this.spec);
    const { spec: s, profile } = this;

    // Snapshot buckets (Qdrant, Weaviate) expire old snapshots; Milvus' bucket is live data.
    this.bucket = new SecureBucket(this, 'backup-bucket', {
      bucketPrefix: s3BucketPrefix(s.name, s.namespace),
      noncurrentVersionDays: s.backup.retentionDays,
      expirationDays: profile.primaryBucket === 'snapshots' ? s.backup.retentionDays : undefined,
      kmsKeyArn,
      region: this.region,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.backupBucket =
      profile.primaryBucket === 'snapshots'
        ? this.bucket
        : new SecureBucket(this, 'milvus-backup-bucket', {
            bucketPrefix: s3BucketPrefix(s.name, 'backup', s.namespace),
            noncurrentVersionDays: s.backup.retentionDays,
            expirationDays: s.backup.retentionDays,
            kmsKeyArn,
            region: this.region,
          });

    this.role = new PodIdentityRole(this, 'server-role', {
      clusterName,
      namespace: s.namespace,
      serviceAccount: profile.serviceAccountName,
      policy: policyDocument({ Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: this.bucketArn }),
    });
    grantDatabaseBucket(this.bucket, this.role, VECTOR_DB_BACKUP_PREFIXES[s.engine]);
    if (profile.backupServiceAccountName) {
      this.backupRole = new PodIdentityRole(this, 'backup-role', {
        clusterName,
        namespace: s.namespace,
        serviceAccount: profile.backupServiceAccountName,
        policy: milvusBackupPolicy({
          dataBucketArn: this.bucketArn,
          backupBucketArn: this.backupBucket.bucketArn,
          region: this.region,
          kmsKeyArn,
          restoreAccess: s.milvusRestoreAccess,
        }),
      });
    }

    const prefix = secretsPrefix ?? (mlops ? `${mlops.project}/${mlops.environment}` : 'vectordb');
    const credentials = profile.credentials;
    this.secret = new GeneratedSecret(this, 'credentials', {
      secretName: `${prefix}/${s.namespace}/${s.name}`,
      description: `${s.engine} credentials of vector database ${s.namespace}/${s.name}`,
      kmsKeyArn,
      preset: s.preset,
      ...(credentials.kind === 'key-pair'
        ? { password: { length: 2 * API_KEY_LENGTH, requireEachIncludedType: false } }
        : { jsonFields: { [credentials.usernameKey]: credentials.username }, passwordKey: credentials.passwordKey }),
    });
    secretsAccess?.grantRead(this.secret);
  }
}

/**
 * Least privilege of the database on its bucket: listing (under `prefix` when given), object
 * read/write/delete and multipart uploads under `prefix` (or the whole bucket, which belongs to this
 * database alone), and the bucket's KMS key through S3 in its region only (`SecureBucket.grantReadWrite`).
 * With `GetBucketLocation` (granted where the role is created) that is all the engines' S3 clients do.
 */
export function grantDatabaseBucket(bucket: SecureBucket, role: PodIdentityRole, prefix?: string): void {
  bucket.grantReadWrite(role, prefix, { sid: 'Data', listActions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], objectActions: VECTOR_DB_OBJECT_ACTIONS });
}

/** What {@link milvusBackupPolicy} grants on. */
export interface MilvusBackupPolicyProps {
  /** Milvus' object storage (read under `milvus/`). */
  readonly dataBucketArn: string;
  /** Where backups are written. */
  readonly backupBucketArn: string;
  readonly region: string;
  /** Key of both buckets, when customer managed. */
  readonly kmsKeyArn?: string;
  /** Also write and delete the data bucket's `restore-temp-*` objects (`milvus-backup restore`). */
  readonly restoreAccess: boolean;
}

/**
 * The milvus-backup job (v0.5.16): read Milvus' objects under its root path, write (never delete)
 * backups in the backup bucket (S3 copies them server-side: GetObject on the source, PutObject on
 * the target; copies over 500 MiB are multipart: AbortMultipartUpload), and — only with
 * `restoreAccess` — stage a restore under `restore-temp-*` in the data bucket. Listing the backup
 * bucket is unconditioned: milvus-backup checks the bucket exists by listing one object at its root.
 * No GetBucketLocation: the region is configured, so the client never asks.
 */
export function milvusBackupPolicy(props: MilvusBackupPolicyProps): PolicyDocument {
  const { dataBucketArn, backupBucketArn, region, kmsKeyArn, restoreAccess } = props;
  const restore = MILVUS_BACKUP_FACTS.restoreTempPrefix;
  const dataPrefixes = [MILVUS_ROOT_PATH, `${MILVUS_ROOT_PATH}/*`, ...(restoreAccess ? [`${restore}*`] : [])];
  const statements: PolicyStatement[] = [
    s3ListStatement('ListData', dataBucketArn, dataPrefixes),
    { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${dataBucketArn}/${MILVUS_ROOT_PATH}/*` },
    s3ListStatement('ListBackups', backupBucketArn),
    { Sid: 'WriteBackups', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: `${backupBucketArn}/*` },
  ];
  if (restoreAccess) {
    statements.push({ Sid: 'StageRestore', Effect: 'Allow', Action: [...VECTOR_DB_OBJECT_ACTIONS], Resource: `${dataBucketArn}/${restore}*` });
  }
  if (kmsKeyArn) statements.push(kmsViaS3Statement('BucketKey', kmsKeyArn, region, 'read-write'));
  return policyDocument(...statements);
}
