/**
 * `AwsCloudwatchEventTarget`: an EventBridge rule target as the `aws_cloudwatch_event_target`
 * resource, typed and synthesized like the provider binding's `CloudwatchEventTarget` without
 * building its 17 attribute-reference objects (see {@link ProviderResource}). Used for Karpenter's
 * interruption rules.
 */
import { Construct } from 'constructs';
import type { CloudwatchEventTargetConfig } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

const TYPE: ProviderResourceType = { terraformResourceType: 'aws_cloudwatch_event_target', generatorMetadata: GENERATOR_METADATA.aws, mapArguments: new Set(['header_parameters', 'input_paths', 'query_string_parameters', 'tags']) };

/** An `aws_cloudwatch_event_target` resource. */
export class AwsCloudwatchEventTarget extends ProviderResource<CloudwatchEventTargetConfig> {
  constructor(scope: Construct, id: string, config: CloudwatchEventTargetConfig) {
    super(scope, id, TYPE, config);
  }
}
