/**
 * `AccessLogBucket` (cloud layer; stateful, so its resources go to the data stack of a `StackSet`):
 * the bucket the front door's load balancers write their access logs to — a `SecureBucket`
 * (versioned, private, TLS-only, never destroyed by a plan) with two differences that Elastic Load
 * Balancing imposes:
 *
 * - **SSE-S3**, not SSE-KMS: "The only server-side encryption option that's supported is Amazon
 *   S3-managed keys (SSE-S3)" (Elastic Load Balancing, "Enable access logs for your Application
 *   Load Balancer"). Log objects are encrypted at rest with AES-256; a KMS key would make delivery fail;
 * - a bucket policy statement that lets the log delivery write `<prefix>/AWSLogs/<account>/…`, nothing
 *   else: the service principal `logdelivery.elasticloadbalancing.amazonaws.com` (every region), and
 *   in the regions opened before August 2022 also the region's ELB account (`aws_elb_service_account`).
 *
 * Logs expire after `expirationDays` (90 by default).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { z } from 'zod';
import { PolicyStatement } from '../core/iam';
import { dataScope } from '../core/layers/data-scope';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { SecureBucket } from '../core/secure-bucket';
import { Schemas, validateProps } from '../core/validation';
import { ACCESS_LOG_DEFAULTS, ELB_LEGACY_LOG_DELIVERY_REGIONS, ELB_LOG_DELIVERY_PRINCIPAL } from './constants';

/** Props of {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /**
   * Days log objects are kept.
   * @default ACCESS_LOG_DEFAULTS.expirationDays (90)
   */
  readonly expirationDays?: number;
  /**
   * Key prefix the load balancers write under (`<prefix>/AWSLogs/<account>/elasticloadbalancing/…`).
   * @default ACCESS_LOG_DEFAULTS.prefix ('alb')
   */
  readonly prefix?: string;
  /**
   * Region of the load balancers (the bucket must be in the same region).
   * @default - the region of the enclosing library stack
   */
  readonly region?: string;
}

const schema = Schemas.object({
  expirationDays: Schemas.positiveInt('number of days logs are kept').optional(),
  prefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'is not a key prefix for access logs; use lowercase letters, digits and "-" (no "/")' })
    .refine((p) => !p.toLowerCase().includes('awslogs'), { message: 'contains "AWSLogs", which Elastic Load Balancing adds itself; choose another prefix' })
    .optional(),
  region: Schemas.region().optional(),
});

/** The encrypted (SSE-S3) bucket of the load balancers' access logs. */
export class AccessLogBucket extends Construct {
  public readonly bucket: SecureBucket;
  /** Name of the bucket (`access_logs.s3.bucket`). */
  public readonly bucketName: string;
  /** Key prefix of the logs (`access_logs.s3.prefix`). */
  public readonly prefix: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'AccessLogBucket');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    this.prefix = props.prefix ?? ACCESS_LOG_DEFAULTS.prefix;
    const legacyAccount = region !== undefined && ELB_LEGACY_LOG_DELIVERY_REGIONS.includes(region) ? new DataAwsElbServiceAccount(dataScope(this), 'elb-account', { region }).arn : undefined;
    this.bucket = new SecureBucket(this, 'logs', {
      encryption: 'sse-s3',
      expirationDays: props.expirationDays ?? ACCESS_LOG_DEFAULTS.expirationDays,
      noncurrentVersionDays: 1,
      policyStatements: (bucketArn): PolicyStatement[] => [
        {
          Sid: 'AllowLoadBalancerLogDelivery',
          Effect: 'Allow',
          Principal: legacyAccount ? { Service: ELB_LOG_DELIVERY_PRINCIPAL, AWS: legacyAccount } : { Service: ELB_LOG_DELIVERY_PRINCIPAL },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/${this.prefix}/AWSLogs/*`,
        },
      ],
    });
    this.bucketName = this.bucket.bucketName;
  }
}
