/**
 * `SystemNodeGroup` (cloud layer): a small on-demand EKS managed node group for controllers
 * (Karpenter, CoreDNS, the platform's operators). Its launch template enforces IMDSv2 with a hop
 * limit of at most 2 and an encrypted gp3 root volume. GPU capacity never comes from here: it comes
 * from Karpenter `GpuNodePool`s.
 */
import { Construct } from 'constructs';
import { AwsIamRole, AwsIamRolePolicyAttachment } from '../core/resources/aws-iam-role';
import { ITerraformDependable } from 'cdktf';
import { z } from 'zod';
import { awsManagedPolicyArn, policyJson, serviceTrustPolicy } from '../core/iam';
import { awsName, iamRoleName } from '../core/naming';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { stackTags } from '../core/tags';
import { SYSTEM_NODE_LABEL } from '../core/labels';
import { SYSTEM_NODE_AMI_TYPE } from '../core/versions';
import { instanceArchitecture, isAcceleratedInstanceType, Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { AwsEksNodeGroup, AwsLaunchTemplate } from '../core/resources/aws-eks';

/** Managed policies of the node role. */
export const NODE_ROLE_MANAGED_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonSSMManagedInstanceCore',
] as const;

/** Settings of the system node group. */
export interface SystemNodeGroupOptions {
  /**
   * Instance types (on-demand).
   * @default ['m7i.large']
   */
  readonly instanceTypes?: string[];
  /**
   * Desired number of nodes.
   * @default - 2 for `dev`, 3 for `prod`
   */
  readonly desiredSize?: number;
  /**
   * Minimum number of nodes.
   * @default - the desired size
   */
  readonly minSize?: number;
  /**
   * Maximum number of nodes.
   * @default - desired size + 2
   */
  readonly maxSize?: number;
  /**
   * Root volume size in GiB (encrypted gp3).
   * @default 50
   */
  readonly diskSizeGiB?: number;
  /**
   * IMDSv2 hop limit: 1 keeps pods away from the node's credentials; 2 lets containers without
   * host networking reach IMDS (some agents need it). Pods get AWS access through Pod Identity.
   * @default 2
   */
  readonly metadataHopLimit?: 1 | 2;
}

/** Props of {@link SystemNodeGroup}. */
export interface SystemNodeGroupProps extends SystemNodeGroupOptions {
  readonly clusterName: string;
  readonly subnetIds: string[];
  readonly preset?: Preset;
  readonly dependsOn?: ITerraformDependable[];
}

/** Architecture of the system node AMI type (`AL2023_x86_64_STANDARD` → `x86_64`). */
const SYSTEM_NODE_ARCHITECTURE = SYSTEM_NODE_AMI_TYPE.includes('ARM_64') ? 'arm64' : 'x86_64';

/** Schema of {@link SystemNodeGroupOptions} (`EksCluster` checks `systemNodes` with it before it creates anything). */
export const systemNodeGroupOptionsSchema = Schemas.props<SystemNodeGroupOptions>()({
  instanceTypes: z
    .array(
      Schemas.instanceType()
        .refine((t) => instanceArchitecture(t) === SYSTEM_NODE_ARCHITECTURE, {
          message: `is not an ${SYSTEM_NODE_ARCHITECTURE} instance type, but system nodes run the ${SYSTEM_NODE_AMI_TYPE} AMI; use an ${SYSTEM_NODE_ARCHITECTURE} type such as "m7i.large"`,
        })
        .refine((t) => !isAcceleratedInstanceType(t), {
          message: 'has GPUs or other accelerators, which the standard system node AMI cannot drive; use a general-purpose type such as "m7i.large" (GPU capacity comes from a GpuNodePool)',
        }),
    )
    .min(1, { message: 'is empty; give at least one instance type' })
    .refine((types) => new Set(types).size === types.length, { message: 'lists an instance type twice; give distinct types' })
    .optional(),
  desiredSize: z.number().int().min(1, { message: 'is below 1; controllers need at least one system node' }).max(100, { message: 'is above 100; system nodes run controllers only, use 2-10' }).optional(),
  minSize: z.number().int().min(1, { message: 'is below 1; keep at least one system node' }).optional(),
  maxSize: z.number().int().min(1, { message: 'is below 1; allow at least one system node' }).optional(),
  diskSizeGiB: z.number().int().min(20, { message: 'is below 20 GiB; the AMI and images need at least 20 GiB' }).max(16384, { message: 'is above 16384 GiB, the gp3 maximum' }).optional(),
  metadataHopLimit: z.union([z.literal(1), z.literal(2)], { message: 'must be 1 or 2; a larger hop limit exposes node credentials to containers' }).optional(),
});

const schema = systemNodeGroupOptionsSchema.extend({
  clusterName: Schemas.eksClusterName(),
  subnetIds: z.array(z.string()).min(1, { message: 'is empty; pass the private subnets of the cluster' }),
  preset: presetSchema.optional(),
  dependsOn: z.array(z.any()).optional(),
});

/**
 * Desired, minimum and maximum size of the system node group, or the prop that makes them
 * inconsistent (`EksCluster` checks it before it creates anything).
 */
export function systemNodeSizes(
  options: SystemNodeGroupOptions,
  preset: Preset | undefined,
): { desired: number; min: number; max: number } | { prop: string; value: number; problem: string } {
  const desired = options.desiredSize ?? byPreset(preset, { dev: 2, prod: 3 });
  const min = options.minSize ?? desired;
  const max = options.maxSize ?? desired + 2;
  if (min > desired) return { prop: 'minSize', value: min, problem: `is above desiredSize (${desired}); lower minSize or raise desiredSize` };
  if (max < desired) return { prop: 'maxSize', value: max, problem: `is below desiredSize (${desired}); raise maxSize` };
  return { desired, min, max };
}

/** The managed node group that runs the platform's controllers. */
export class SystemNodeGroup extends Construct {
  public readonly nodeRole: AwsIamRole;
  public readonly launchTemplate: AwsLaunchTemplate;
  public readonly nodeGroup: AwsEksNodeGroup;

  constructor(scope: Construct, id: string, props: SystemNodeGroupProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const sizes = systemNodeSizes(props, props.preset);
    if ('problem' in sizes) failProp(this, sizes.prop, sizes.value, sizes.problem);
    const { desired, min, max } = sizes;

    this.nodeRole = new AwsIamRole(this, 'node-role', {
      name: iamRoleName(props.clusterName, 'system-node'),
      assumeRolePolicy: policyJson(serviceTrustPolicy('ec2.amazonaws.com')),
    });
    for (const policy of NODE_ROLE_MANAGED_POLICIES) {
      new AwsIamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRole.name, policyArn: awsManagedPolicyArn(policy) });
    }

    this.launchTemplate = new AwsLaunchTemplate(this, 'launch-template', {
      name: awsName(128, props.clusterName, 'system-nodes'),
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: props.metadataHopLimit ?? 2,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: props.diskSizeGiB ?? 50, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
        },
      ],
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { ...stackTags(this), Name: `${props.clusterName}-system`, [SYSTEM_NODE_LABEL.key]: SYSTEM_NODE_LABEL.value },
      })),
    });

    const policies = this.node.children.filter((c): c is AwsIamRolePolicyAttachment => c instanceof AwsIamRolePolicyAttachment);
    this.nodeGroup = new AwsEksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: 'system-',
      nodeRoleArn: this.nodeRole.arn,
      subnetIds: props.subnetIds,
      amiType: SYSTEM_NODE_AMI_TYPE,
      capacityType: 'ON_DEMAND',
      instanceTypes: props.instanceTypes ?? ['m7i.large'],
      scalingConfig: { desiredSize: desired, minSize: min, maxSize: max },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: `${this.launchTemplate.latestVersion}` },
      labels: { [SYSTEM_NODE_LABEL.key]: SYSTEM_NODE_LABEL.value },
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: [...policies, ...(props.dependsOn ?? [])],
    });
  }
}
