/**
 * The EKS resources besides the cluster (managed node group and its launch template, add-ons, access
 * entries), typed and synthesized like their provider bindings without loading them (the launch
 * template's is 0.8 MiB of JavaScript; see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { EksAccessEntryConfig } from '@cdktf/provider-aws/lib/eks-access-entry';
import type { EksAddonConfig } from '@cdktf/provider-aws/lib/eks-addon';
import type { EksNodeGroupConfig } from '@cdktf/provider-aws/lib/eks-node-group';
import type { LaunchTemplateConfig } from '@cdktf/provider-aws/lib/launch-template';
import { AwsResource } from './aws-resource';

/** An `aws_eks_node_group` resource (the binding's `EksNodeGroup`). */
export class AwsEksNodeGroup extends AwsResource<EksNodeGroupConfig> {
  constructor(scope: Construct, id: string, config: EksNodeGroupConfig) {
    super(scope, id, 'aws_eks_node_group', ['labels', 'tags', 'tags_all'], config);
  }
}

/** An `aws_launch_template` resource (the binding's `LaunchTemplate`). */
export class AwsLaunchTemplate extends AwsResource<LaunchTemplateConfig> {
  constructor(scope: Construct, id: string, config: LaunchTemplateConfig) {
    super(scope, id, 'aws_launch_template', ['tags', 'tags_all'], config);
  }

  /** The template's latest version (a reference). */
  public get latestVersion(): number {
    return this.getNumberAttribute('latest_version');
  }
}

/** An `aws_eks_addon` resource (the binding's `EksAddon`). */
export class AwsEksAddon extends AwsResource<EksAddonConfig> {
  constructor(scope: Construct, id: string, config: EksAddonConfig) {
    super(scope, id, 'aws_eks_addon', ['tags', 'tags_all'], config);
  }

  /** `addonName` as given (what the binding's `addonNameInput` returns; the destroy-order check reads it). */
  public get addonNameInput(): EksAddonConfig['addonName'] {
    return this.config.addonName;
  }

  /** `clusterName` as given (what the binding's `clusterNameInput` returns; the destroy-order check reads it). */
  public get clusterNameInput(): EksAddonConfig['clusterName'] {
    return this.config.clusterName;
  }
}

/** An `aws_eks_access_entry` resource (the binding's `EksAccessEntry`). */
export class AwsEksAccessEntry extends AwsResource<EksAccessEntryConfig> {
  constructor(scope: Construct, id: string, config: EksAccessEntryConfig) {
    super(scope, id, 'aws_eks_access_entry', ['tags', 'tags_all'], config);
  }
}
