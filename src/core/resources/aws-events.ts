/**
 * SQS queues and their policies, EventBridge rules and CloudWatch log groups, typed and synthesized
 * like their provider bindings without loading them or building their attribute-reference objects
 * (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { CloudwatchEventRuleConfig } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import type { CloudwatchLogGroupConfig } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { SqsQueueConfig } from '@cdktf/provider-aws/lib/sqs-queue';
import type { SqsQueuePolicyConfig } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { AwsResource } from './aws-resource';

/** An `aws_sqs_queue` resource (the binding's `SqsQueue`). */
export class AwsSqsQueue extends AwsResource<SqsQueueConfig> {
  constructor(scope: Construct, id: string, config: SqsQueueConfig) {
    super(scope, id, 'aws_sqs_queue', ['tags', 'tags_all'], config);
  }

  /** The queue's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  /** The queue's URL (a reference). */
  public get url(): string {
    return this.getStringAttribute('url');
  }
}

/** An `aws_sqs_queue_policy` resource (the binding's `SqsQueuePolicy`). */
export class AwsSqsQueuePolicy extends AwsResource<SqsQueuePolicyConfig> {
  constructor(scope: Construct, id: string, config: SqsQueuePolicyConfig) {
    super(scope, id, 'aws_sqs_queue_policy', [], config);
  }
}

/** An `aws_cloudwatch_event_rule` resource (the binding's `CloudwatchEventRule`). */
export class AwsCloudwatchEventRule extends AwsResource<CloudwatchEventRuleConfig> {
  constructor(scope: Construct, id: string, config: CloudwatchEventRuleConfig) {
    super(scope, id, 'aws_cloudwatch_event_rule', ['tags', 'tags_all'], config);
  }

  /** The rule's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  /** The rule's name (a reference). */
  public get name(): string {
    return this.getStringAttribute('name');
  }
}

/** An `aws_cloudwatch_log_group` resource (the binding's `CloudwatchLogGroup`). */
export class AwsCloudwatchLogGroup extends AwsResource<CloudwatchLogGroupConfig> {
  constructor(scope: Construct, id: string, config: CloudwatchLogGroupConfig) {
    super(scope, id, 'aws_cloudwatch_log_group', ['tags', 'tags_all'], config);
  }

  /** The log group's ARN. */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }
}
