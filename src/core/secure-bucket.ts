/**
 * `SecureBucket` (data layer): the hardened S3 bucket every component of the library uses for data
 * (MLflow artifacts, Feast offline data, vector database backups).
 *
 * - `bucket_prefix` (Terraform appends a unique suffix), `force_destroy = false`,
 *   `lifecycle.prevent_destroy = true`: a bucket holding data is never deleted by a plan;
 * - public access block (all four flags) and `BucketOwnerEnforced` object ownership (no ACLs);
 * - default encryption SSE-KMS with an S3 Bucket Key — with the given customer managed key, or the
 *   AWS managed key `aws/s3` — or, for AWS services that write only there, SSE-S3 (`encryption`);
 * - versioning, and a lifecycle rule that expires noncurrent versions and aborts incomplete
 *   multipart uploads (optionally expires current objects too, for caches/snapshots);
 * - a bucket policy that denies every request not made over TLS (plus caller statements);
 * - `grantRead(role, prefix)` / `grantReadWrite(role, prefix)`: a Pod Identity role's access to one
 *   prefix, with the key usable only by S3 in the bucket's region for this bucket (src/core/s3-access.ts).
 *
 * Logical ids: the bucket is `<id>/bucket`; tests of components pin it (renaming destroys data).
 * Created in a `CloudStack` with a data stack, its resources go to the data stack at the same
 * construct path (`dataScope`).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { z } from 'zod';
import { denyInsecureTransport, policyDocument, policyJson, PolicyStatement } from './iam';
import { dataScope } from './layers/data-scope';
import { MlopsStack, requireLayer } from './layers/mlops-stack';
import { NAME_LIMITS, s3BucketPrefix } from './naming';
import { PodIdentityRole } from './pod-identity-role';
import { AwsS3Bucket } from './resources/aws-s3-bucket';
import { AwsS3BucketLifecycleConfiguration, AwsS3BucketOwnershipControls, AwsS3BucketPolicy, AwsS3BucketPublicAccessBlock, AwsS3BucketServerSideEncryptionConfiguration, AwsS3BucketVersioning } from './resources/aws-s3-bucket-settings';
import { s3AccessStatements, S3AccessOptions, S3PrefixAccessLevel } from './s3-access';
import { Schemas } from './schemas';
import { failProp, validateProps } from './validation';

/** Lifecycle defaults of {@link SecureBucket}. */
export const SECURE_BUCKET_DEFAULTS = {
  /** Days a noncurrent (overwritten or deleted) object version is kept. */
  noncurrentVersionDays: 90,
  /** Days after which an incomplete multipart upload is aborted. */
  abortIncompleteUploadDays: 7,
} as const;

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /**
   * `bucket_prefix` of the bucket (≤ 37 characters, lowercase; Terraform appends a unique suffix).
   * @default - `s3BucketPrefix(<project>, <environment>, <id>)` in a library stack, else `s3BucketPrefix(<id>)`
   */
  readonly bucketPrefix?: string;
  /**
   * Customer managed KMS key for default encryption (SSE-KMS with a Bucket Key).
   * @default - SSE-KMS with the AWS managed key `aws/s3`
   */
  readonly kmsKeyArn?: string;
  /**
   * Days noncurrent object versions are kept before they expire.
   * @default SECURE_BUCKET_DEFAULTS.noncurrentVersionDays (90)
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default SECURE_BUCKET_DEFAULTS.abortIncompleteUploadDays (7)
   */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Expire current objects after this many days (snapshots, caches — never for primary data).
   * @default - current objects never expire
   */
  readonly expirationDays?: number;
  /**
   * Extra bucket policy statements (after the TLS-only deny), or a function of the bucket's ARN
   * that returns them (for statements on the bucket's own objects).
   * @default - none
   */
  readonly policyStatements?: readonly PolicyStatement[] | ((bucketArn: string) => readonly PolicyStatement[]);
  /**
   * Default encryption: `sse-kms` (a KMS key, `kmsKeyArn` or `aws/s3`, with a Bucket Key) or
   * `sse-s3` (S3-managed keys, AES256) for AWS services that can write only there — load balancer
   * access logs are the case: Elastic Load Balancing supports no other encryption for them.
   * @default 'sse-kms'
   */
  readonly encryption?: 'sse-kms' | 'sse-s3';
  /**
   * Region of the bucket, for the `kms:ViaService` condition of grants.
   * @default - the region of the stack (a library layer stack); required for grants with `kmsKeyArn` in other stacks
   */
  readonly region?: string;
  /**
   * Send the bucket's events (object created, deleted, …) to Amazon EventBridge, where rules pick
   * what they need (e.g. a training pipeline's new-data trigger). A bucket has one notification
   * configuration, so this is the bucket's setting, not each consumer's.
   * @default false
   */
  readonly eventBridgeNotifications?: boolean;
}

const days = (what: string) =>
  z.number().int({ message: `must be a whole number of days; give ${what} as an integer` }).min(1, { message: `must be at least 1 day; give ${what} as a positive number of days` });

const schema = Schemas.props<SecureBucketProps>()({
  bucketPrefix: z
    .string()
    .max(NAME_LIMITS.s3BucketPrefix, { message: `is longer than ${NAME_LIMITS.s3BucketPrefix} characters; shorten it (Terraform appends a 26-character suffix)` })
    .regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'is not an S3 bucket prefix; use lowercase letters, digits, "-" and ".", starting with a letter or digit (see s3BucketPrefix)' })
    .refine((p) => !p.includes('..') && !/^(xn--|sthree-|amzn-s3-demo-)/.test(p), { message: 'has ".." or a prefix S3 reserves (xn--, sthree-, amzn-s3-demo-); choose another prefix' })
    .optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  noncurrentVersionDays: days('noncurrentVersionDays').optional(),
  abortIncompleteUploadDays: days('abortIncompleteUploadDays').optional(),
  expirationDays: days('expirationDays').optional(),
  region: Schemas.region().optional(),
  policyStatements: z
    .union([z.array(Schemas.policyStatement()), z.custom<(bucketArn: string) => readonly PolicyStatement[]>((v) => typeof v === 'function', { message: 'is not a list of policy statements or a function of the bucket ARN returning them' })])
    .optional(),
  eventBridgeNotifications: z.boolean().optional(),
  encryption: z.enum(['sse-kms', 'sse-s3'], { message: 'must be "sse-kms" or "sse-s3"' }).optional(),
});

/** A versioned, SSE-KMS encrypted, private, TLS-only S3 bucket that Terraform never destroys. */
export class SecureBucket extends Construct {
  /** The `aws_s3_bucket`. */
  public readonly bucket: AwsS3Bucket;
  /** The versioning configuration (lifecycle rules on versions depend on it). */
  public readonly versioning: AwsS3BucketVersioning;
  /** The bucket policy. */
  public readonly policy: AwsS3BucketPolicy;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** The customer managed key of default encryption, or undefined for `aws/s3`. */
  public readonly kmsKeyArn?: string;
  /** Region of the bucket, when known (`region` prop or the library stack's). */
  public readonly region?: string;
  /** Whether the bucket sends its events to EventBridge (`eventBridgeNotifications`). */
  public readonly eventBridgeNotifications: boolean;

  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'SecureBucket');
    const sseS3 = props.encryption === 'sse-s3';
    if (sseS3 && props.kmsKeyArn !== undefined) failProp(this, 'kmsKeyArn', props.kmsKeyArn, 'is not used with encryption "sse-s3" (S3-managed keys); drop it or use "sse-kms"');
    const stack = TerraformStack.of(this);
    const data = dataScope(this);
    const bucketPrefix = props.bucketPrefix ?? (stack instanceof MlopsStack ? s3BucketPrefix(stack.project, stack.environment, id) : s3BucketPrefix(id));
    this.kmsKeyArn = props.kmsKeyArn;
    this.region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    this.bucket = new AwsS3Bucket(data, 'bucket', { bucketPrefix, forceDestroy: false, lifecycle: { preventDestroy: true } });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    const bucket = this.bucket.id;

    new AwsS3BucketPublicAccessBlock(data, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new AwsS3BucketOwnershipControls(data, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new AwsS3BucketServerSideEncryptionConfiguration(data, 'encryption', {
      bucket,
      rule: [sseS3 ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } } : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    this.versioning = new AwsS3BucketVersioning(data, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    this.policy = new AwsS3BucketPolicy(data, 'policy', {
      bucket,
      policy: policyJson(policyDocument(denyInsecureTransport([this.bucketArn, `${this.bucketArn}/*`], 's3:*'), ...extraStatements(props.policyStatements, this.bucketArn))),
    });
    this.eventBridgeNotifications = props.eventBridgeNotifications ?? false;
    if (this.eventBridgeNotifications) new S3BucketNotification(data, 'notifications', { bucket, eventbridge: true });
    new AwsS3BucketLifecycleConfiguration(data, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-noncurrent-and-abort-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: props.abortIncompleteUploadDays ?? SECURE_BUCKET_DEFAULTS.abortIncompleteUploadDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? SECURE_BUCKET_DEFAULTS.noncurrentVersionDays }],
          ...(props.expirationDays !== undefined ? { expiration: [{ days: props.expirationDays }] } : {}),
        },
      ],
      dependsOn: [this.versioning],
    });
  }

  /** ARN of the objects under `prefix` (`<bucketArn>/<prefix>/*`), or of all objects without one. */
  public objectsArn(prefix?: string): string {
    return prefix ? `${this.bucketArn}/${prefix}/*` : `${this.bucketArn}/*`;
  }

  /** The statements of `access` under `options.prefixes` (see {@link s3AccessStatements}): list, objects, and the key through S3. */
  public accessStatements(access: S3PrefixAccessLevel, options: S3AccessOptions = {}): PolicyStatement[] {
    if (this.kmsKeyArn && this.region === undefined) {
      failProp(this, 'region', this.region, 'is unknown outside a library layer stack; give the bucket\'s region so grants can limit its KMS key to S3 there');
    }
    return s3AccessStatements({ bucketArn: this.bucketArn, region: this.region, kmsKeyArn: this.kmsKeyArn, bucketKey: true }, access, options);
  }

  /** Lets `role` list and read the objects under `prefix` (the whole bucket without one). */
  public grantRead(role: PodIdentityRole, prefix?: string, options: Omit<S3AccessOptions, 'prefixes'> = {}): void {
    role.addToPolicy(...this.accessStatements('read', { ...options, prefixes: prefix === undefined ? undefined : [prefix] }));
  }

  /** Lets `role` list, read, write, delete and abort uploads of the objects under `prefix` (the whole bucket without one). */
  public grantReadWrite(role: PodIdentityRole, prefix?: string, options: Omit<S3AccessOptions, 'prefixes'> = {}): void {
    role.addToPolicy(...this.accessStatements('read-write', { ...options, prefixes: prefix === undefined ? undefined : [prefix] }));
  }
}

function extraStatements(statements: SecureBucketProps['policyStatements'], bucketArn: string): PolicyStatement[] {
  if (statements === undefined) return [];
  return [...(typeof statements === 'function' ? statements(bucketArn) : statements)];
}
