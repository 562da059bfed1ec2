/**
 * `AwsCloudwatchEventTarget`: an EventBridge rule target as the `aws_cloudwatch_event_target`
 * resource, typed and synthesized like the provider binding's `CloudwatchEventTarget` without
 * building its 17 attribute-reference objects (see {@link ProviderResource}). Used for Karpenter's
 * interruption rules.
 */
import { Construct } from 'constructs';
import type { CloudwatchEventTargetConfig } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { AwsResource } from './aws-resource';

/** An `aws_cloudwatch_event_target` resource. */
export class AwsCloudwatchEventTarget extends AwsResource<CloudwatchEventTargetConfig> {
  constructor(scope: Construct, id: string, config: CloudwatchEventTargetConfig) {
    super(scope, id, 'aws_cloudwatch_event_target', ['header_parameters', 'input_paths', 'query_string_parameters', 'tags'], config);
  }
}
