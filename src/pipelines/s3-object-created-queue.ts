/**
 * `S3ObjectCreatedQueue` (cloud layer): new objects under an S3 prefix become messages in an SQS
 * queue that an Argo Events SQS EventSource reads — S3 → EventBridge → SQS:
 *
 * - an EventBridge rule on `Object Created` of exactly this bucket, with keys under the prefix and,
 *   by default, ending in a marker (`_SUCCESS`): a producer writes its batch, then the marker, and
 *   one batch starts one run instead of one run per file (EventBridge `wildcard` matching);
 * - the queue: SSE-SQS, 4 days' retention, long polling; its policy lets only EventBridge send,
 *   only from this rule (`aws:SourceArn`), and refuses requests without TLS;
 * - the reader's Pod Identity role (the EventSource's service account in `argo-events`): receive,
 *   delete and look up this queue, nothing else. Argo Events v1.9.10 builds its SQS client with
 *   aws-sdk-go v1.47.11's default credential chain when the EventSource names no keys and no role
 *   (`pkg/eventsources/common/aws/aws.go` `GetAWSSessionWithoutCreds`), and v1.47.11 is the release
 *   that added EKS Pod Identity to it (CHANGELOG: "Add support for dynamic auth token from file and
 *   EKS container host in configured URI").
 *
 * The bucket must send its events to EventBridge (`SecureBucket({ eventBridgeNotifications: true })`).
 */
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { AwsCloudwatchEventTarget } from '../core/resources/aws-cloudwatch-event-target';
import { z } from 'zod';
import { denyInsecureTransport, policyDocument, policyJson } from '../core/iam';
import { awsName, NAME_LIMITS } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { failProp, Schemas, validateProps } from '../core/validation';
import { AwsCloudwatchEventRule, AwsSqsQueue, AwsSqsQueuePolicy } from '../core/resources/aws-events';

/** A bucket whose events may be matched (a `SecureBucket` satisfies it). */
export interface IEventBridgeBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** Whether the bucket sends its events to EventBridge. */
  readonly eventBridgeNotifications?: boolean;
}

/** SQS actions the Argo Events SQS EventSource uses (GetQueueUrl, ReceiveMessage, DeleteMessage). */
export const SQS_READER_ACTIONS = ['sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'] as const;

/** Settings of the queue. */
export const S3_TRIGGER_QUEUE = { retentionSeconds: 345600, visibilityTimeoutSeconds: 120, receiveWaitTimeSeconds: 20 } as const;

/** Props of {@link S3ObjectCreatedQueue}. */
export interface S3ObjectCreatedQueueProps {
  /** Name of the queue and the rule (`<cluster>-<pipeline>-new-data`). */
  readonly name: string;
  /** The bucket. */
  readonly bucket: IEventBridgeBucket;
  /** Key prefix watched (no leading or trailing slash). */
  readonly prefix: string;
  /**
   * Only keys ending in this start a run (a batch's completion marker); `''` for every object.
   * @default '_SUCCESS'
   */
  readonly markerSuffix?: string;
  /** The reader: EKS cluster, namespace and service account of the EventSource. */
  readonly reader: { readonly clusterName: string; readonly namespace: string; readonly serviceAccount: string };
}

const schema = Schemas.object({
  name: z.string().min(1),
  bucket: Schemas.construct('a bucket (a SecureBucket, or { bucketName, bucketArn })', { bucketName: z.string(), bucketArn: z.string() }),
  reader: Schemas.object({ clusterName: z.string().min(1), namespace: Schemas.k8sName(), serviceAccount: Schemas.k8sName() }),
  prefix: z.string().regex(/^[^/*?\s"]([^*?\s"]*[^/*?\s"])?$/, { message: 'is not a plain key prefix; give it without leading or trailing "/" and without wildcards' }),
  markerSuffix: z.string().regex(/^[^*?\s"/]*$/, { message: 'is not a plain key suffix; no "/", wildcards or spaces' }).optional(),
});

/** The EventBridge pattern of new objects under `prefix` (ending in `markerSuffix`). */
export function objectCreatedPattern(bucketName: string, prefix: string, markerSuffix: string): Record<string, unknown> {
  const key = markerSuffix === '' ? { prefix: `${prefix}/` } : { wildcard: `${prefix}/*${markerSuffix}` };
  return { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [bucketName] }, object: { key: [key] } } };
}

/** New objects under an S3 prefix → EventBridge → an SQS queue read through Pod Identity. */
export class S3ObjectCreatedQueue extends Construct {
  public readonly queue: AwsSqsQueue;
  public readonly rule: AwsCloudwatchEventRule;
  /** The EventSource's role. */
  public readonly readerRole: PodIdentityRole;
  /** Name of the queue. */
  public readonly queueName: string;
  /** The watched prefix as `s3://bucket/prefix/`. */
  public readonly prefixUri: string;

  constructor(scope: Construct, id: string, props: S3ObjectCreatedQueueProps) {
    super(scope, id);
    validateProps(this, schema, props);
    if (props.bucket.eventBridgeNotifications === false) {
      failProp(this, 'bucket', props.bucket.bucketName, 'does not send its events to EventBridge; create it with SecureBucket({ eventBridgeNotifications: true })');
    }
    if (props.bucket.eventBridgeNotifications === undefined) {
      Annotations.of(this).addWarning(`${this.node.path}: make sure bucket ${props.bucket.bucketName} sends its events to EventBridge (aws_s3_bucket_notification eventbridge = true), or no run will start`);
    }
    this.queueName = awsName(NAME_LIMITS.sqsQueue, props.name);
    this.prefixUri = `s3://${props.bucket.bucketName}/${props.prefix}/`;
    this.queue = new AwsSqsQueue(this, 'queue', {
      name: this.queueName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: S3_TRIGGER_QUEUE.retentionSeconds,
      visibilityTimeoutSeconds: S3_TRIGGER_QUEUE.visibilityTimeoutSeconds,
      receiveWaitTimeSeconds: S3_TRIGGER_QUEUE.receiveWaitTimeSeconds,
    });
    this.rule = new AwsCloudwatchEventRule(this, 'rule', {
      name: awsName(NAME_LIMITS.eventRule, props.name),
      description: `New objects under ${this.prefixUri}`,
      eventPattern: JSON.stringify(objectCreatedPattern(props.bucket.bucketName, props.prefix, props.markerSuffix ?? '_SUCCESS')),
    });
    new AwsCloudwatchEventTarget(this, 'target', { rule: this.rule.name, targetId: 'sqs', arn: this.queue.arn });
    new AwsSqsQueuePolicy(this, 'queue-policy', {
      queueUrl: this.queue.url,
      policy: policyJson(
        policyDocument(
          {
            Sid: 'EventBridgeFromThisRule',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: this.queue.arn,
            Condition: { ArnEquals: { 'aws:SourceArn': this.rule.arn } },
          },
          denyInsecureTransport([this.queue.arn], 'sqs:*'),
        ),
      ),
    });
    this.readerRole = new PodIdentityRole(this, 'reader-role', {
      clusterName: props.reader.clusterName,
      namespace: props.reader.namespace,
      serviceAccount: props.reader.serviceAccount,
      policy: policyDocument({ Sid: 'ReadTriggerQueue', Effect: 'Allow', Action: [...SQS_READER_ACTIONS], Resource: this.queue.arn }),
    });
  }
}
