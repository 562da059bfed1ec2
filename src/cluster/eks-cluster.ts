/**
 * `EksCluster` (cloud layer): an EKS cluster that is private and audited by default.
 *
 * - access entries (`API` authentication mode), cluster-admin access entries for the principals you name;
 * - envelope encryption of Secrets with a customer-managed KMS key (rotated, kept on destroy; in the
 *   data stack when the cloud stack has one, so destroying the cluster does not stop at it);
 * - control-plane logs (all five types by default) to a KMS-encrypted log group created before
 *   the cluster, with a retention;
 * - endpoint private; public access is opt-in and needs an explicit CIDR allow-list (never 0.0.0.0/0);
 * - managed add-ons (vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, aws-ebs-csi-driver with
 *   its Pod Identity role) and a small on-demand system node group with IMDSv2 and encrypted disks;
 * - the cluster security group tagged `karpenter.sh/discovery=<name>` so Karpenter finds it.
 *
 * The default gp3 StorageClass is a Kubernetes object, so it lives in the platform layer
 * (`DefaultStorageClass`, added by the reference stacks).
 */
import { Fn } from 'cdktf';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { Construct } from 'constructs';
import { AwsIamRole, AwsIamRolePolicyAttachment } from '../core/resources/aws-iam-role';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { EksCluster as AwsEksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { z } from 'zod';
import { awsManagedPolicyArn, policyJson, serviceTrustPolicy } from '../core/iam';
import { IrsaProvider } from '../core/pod-identity-role';
import { logsKeyPolicy } from '../core/kms-policies';
import { dataScope } from '../core/layers/data-scope';
import { requireLayer } from '../core/layers/mlops-stack';
import { iamRoleName } from '../core/naming';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../core/versions';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { AddonName, EksAddons, POST_NODE_ADDONS, PRE_NODE_ADDONS } from './eks-addons';
import { Network, SUBNET_TAGS } from './network';
import { SystemNodeGroup, SystemNodeGroupOptions, systemNodeGroupOptionsSchema, systemNodeSizes } from './system-node-group';
import { AwsEksAccessEntry } from '../core/resources/aws-eks';
import { AwsCloudwatchLogGroup } from '../core/resources/aws-events';
import { AwsKmsAlias, AwsKmsKey } from '../core/resources/aws-kms';
import { AwsVpcSecurityGroupIngressRule } from '../core/resources/aws-network';
import { attributeString, dependencyStrings } from '../core/resources/reference-tokens';

/** Control-plane log types. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
/** Log types that may not be turned off. */
export const REQUIRED_LOG_TYPES = ['api', 'audit', 'authenticator'] as const;
/** Access policy granted to `adminPrincipalArns`. */
export const CLUSTER_ADMIN_POLICY = 'AmazonEKSClusterAdminPolicy';

/** Props of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name (1–100 characters; letters, digits, `-` and `_`). */
  readonly name: string;
  /** The VPC (a {@link Network}), or its id and private subnets. */
  readonly network: Network | { readonly vpcId: string; readonly privateSubnetIds: string[] };
  /**
   * `dev`: 2 system nodes, 30-day log retention, no deletion protection; `prod`: 3 nodes, 365 days, deletion protection.
   * @default 'prod'
   */
  readonly preset?: Preset;
  /**
   * Kubernetes version.
   * @default KUBERNETES_VERSION from versions.ts
   */
  readonly kubernetesVersion?: string;
  /**
   * CIDRs allowed to reach the public API endpoint. Empty keeps the endpoint private (reach it from
   * inside the VPC: VPN, bastion, or CI runners in the VPC). 0.0.0.0/0 is refused.
   * @default [] (private endpoint only)
   */
  readonly endpointPublicAccessCidrs?: string[];
  /**
   * CIDRs inside the VPC (or connected to it: VPN, peering) allowed to reach the private API
   * endpoint on 443, e.g. the VPC CIDR for a bastion or CI runners in the VPC. The cluster security
   * group admits only itself, so without this nothing outside the cluster reaches a private endpoint.
   * @default [] (only the cluster's own nodes and pods)
   */
  readonly endpointPrivateAccessCidrs?: string[];
  /**
   * Control-plane log types; must include api, audit and authenticator.
   * @default all five
   */
  readonly logTypes?: Array<(typeof CONTROL_PLANE_LOG_TYPES)[number]>;
  /**
   * Days to keep control-plane logs.
   * @default - 30 for `dev`, 365 for `prod`
   */
  readonly logRetentionDays?: number;
  /**
   * IAM principals (role or user ARNs) given cluster-admin access entries, e.g. the CI role that runs
   * `cdktf deploy`. The principal that creates the cluster always gets admin access.
   * @default []
   */
  readonly adminPrincipalArns?: string[];
  /**
   * Protect the cluster from deletion.
   * @default - false for `dev`, true for `prod`
   */
  readonly deletionProtection?: boolean;
  /**
   * Create the cluster's IAM OIDC provider, for IRSA (`PodIdentityRole({ irsa: cluster.irsa })`).
   * Pod Identity, the library's default, does not need it.
   * @default false
   */
  readonly irsaOidcProvider?: boolean;
  /**
   * The system node group.
   * @default - see SystemNodeGroupOptions
   */
  readonly systemNodes?: SystemNodeGroupOptions;
  /**
   * Exact add-on versions.
   * @default - EKS's default for the Kubernetes version
   */
  readonly addonVersions?: Partial<Record<AddonName, string>>;
}

const ADDON_NAMES = [...PRE_NODE_ADDONS, ...POST_NODE_ADDONS] as const;

const schema = Schemas.props<EksClusterProps>()({
  name: Schemas.eksClusterName(),
  network: Schemas.construct('a Network (or { vpcId, privateSubnetIds })', {
    vpcId: z.string({ message: 'is required; pass the VPC id' }),
    privateSubnetIds: z.array(z.string(), { message: 'is required; pass the private subnet ids' }).min(2, { message: 'has fewer than 2 subnets; EKS needs subnets in at least 2 availability zones' }),
  }),
  preset: presetSchema.optional(),
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}$/, { message: 'is not a Kubernetes minor version; use e.g. "1.34"' })
    .refine((v) => (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(v), {
      message: `is not a version the library supports; use ${SUPPORTED_KUBERNETES_VERSIONS.join(' or ')} (SUPPORTED_KUBERNETES_VERSIONS, what the pinned charts are tested with)`,
    })
    .optional(),
  endpointPublicAccessCidrs: z
    .array(Schemas.publicCidr())
    .refine((a) => new Set(a).size === a.length, { message: 'lists a CIDR twice; give distinct CIDRs' })
    .optional(),
  endpointPrivateAccessCidrs: z
    .array(
      Schemas.cidr().refine((c) => Number(c.split('/')[1]) >= 8, {
        message: 'is wider than /8; the private endpoint rule is for your VPC, VPN or runner CIDRs',
      }),
    )
    .optional(),
  logTypes: z
    .array(z.enum(CONTROL_PLANE_LOG_TYPES, { message: `is not a control-plane log type; use ${CONTROL_PLANE_LOG_TYPES.join(', ')}` }))
    .refine((t) => REQUIRED_LOG_TYPES.every((r) => t.includes(r)), { message: `must include ${REQUIRED_LOG_TYPES.join(', ')}; these logs are needed to audit who did what` })
    .refine((t) => new Set(t).size === t.length, { message: 'lists a log type twice; give each once' })
    .optional(),
  logRetentionDays: Schemas.logRetentionDays().optional(),
  adminPrincipalArns: z
    .array(Schemas.iamPrincipalArn())
    .refine((a) => new Set(a).size === a.length, { message: 'lists a principal twice; each gets one access entry, give distinct ARNs' })
    .optional(),
  deletionProtection: z.boolean().optional(),
  irsaOidcProvider: z.boolean().optional(),
  systemNodes: systemNodeGroupOptionsSchema.optional(),
  addonVersions: z
    .partialRecord(
      z.enum(ADDON_NAMES, { message: `is not an add-on of the cluster; use ${ADDON_NAMES.join(', ')}` }),
      z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { message: 'is not an EKS add-on version; use e.g. "v1.20.4-eksbuild.1" (aws eks describe-addon-versions)' }),
    )
    .optional(),
});

/** An EKS cluster with encryption, logging, private endpoint, add-ons and system nodes. */
export class EksCluster extends Construct {
  public readonly cluster: AwsEksCluster;
  public readonly clusterRole: AwsIamRole;
  /** Customer-managed key for Secrets envelope encryption and the control-plane log group. */
  public readonly kmsKey: AwsKmsKey;
  public readonly logGroup: AwsCloudwatchLogGroup;
  public readonly addons: EksAddons;
  public readonly systemNodes: SystemNodeGroup;
  /** Cluster name (a plain string, known at synth time). */
  public readonly clusterName: string;
  public readonly kubernetesVersion: string;
  public readonly region: string;
  public readonly vpcId: string;
  public readonly privateSubnetIds: string[];
  /** The EKS-created cluster security group, which managed and Karpenter nodes use. */
  public readonly clusterSecurityGroupId: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  /** The IAM OIDC provider for IRSA roles, when `irsaOidcProvider` is on. */
  public readonly irsa?: IrsaProvider;
  public readonly arn: string;
  public readonly preset: Preset;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'EksCluster');
    const preset = (this.preset = props.preset ?? 'prod');
    const sizes = systemNodeSizes(props.systemNodes ?? {}, preset);
    if ('problem' in sizes) failProp(this, `systemNodes.${sizes.prop}`, sizes.value, sizes.problem);
    const logTypes = props.logTypes ?? [...CONTROL_PLANE_LOG_TYPES];
    const publicCidrs = props.endpointPublicAccessCidrs ?? [];
    if (publicCidrs.includes('0.0.0.0/0')) {
      failProp(this, 'endpointPublicAccessCidrs', publicCidrs, 'opens the Kubernetes API endpoint to the whole internet; list the CIDRs of your office, VPN or CI runners instead');
    }
    this.clusterName = props.name;
    this.kubernetesVersion = props.kubernetesVersion ?? KUBERNETES_VERSION;
    this.vpcId = props.network instanceof Network ? props.network.vpcId : props.network.vpcId;
    this.privateSubnetIds = props.network.privateSubnetIds;

    const partition = new DataAwsPartition(this, 'partition');
    const caller = new DataAwsCallerIdentity(this, 'caller');
    const region = new DataAwsRegion(this, 'region');
    this.region = attributeString(region, 'region');

    // The key outlives the cluster: in the data stack when there is one, with data sources of its own there.
    const data = dataScope(this);
    const keyContext = data === this ? { partition, caller, region } : { partition: new DataAwsPartition(data, 'partition'), caller: new DataAwsCallerIdentity(data, 'caller'), region: new DataAwsRegion(data, 'region') };
    this.kmsKey = new AwsKmsKey(data, 'kms-key', {
      description: `EKS ${props.name}: Secrets envelope encryption and control-plane logs`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(logsKeyPolicy(attributeString(keyContext.partition, 'partition'), attributeString(keyContext.caller, 'account_id'), attributeString(keyContext.region, 'region'))),
      lifecycle: { preventDestroy: true },
    });
    new AwsKmsAlias(data, 'kms-alias', { name: `alias/eks/${props.name}`, targetKeyId: this.kmsKey.keyId });

    // EKS would create this group itself, unencrypted and kept forever; we create it first.
    this.logGroup = new AwsCloudwatchLogGroup(this, 'log-group', {
      name: `/aws/eks/${props.name}/cluster`,
      retentionInDays: props.logRetentionDays ?? byPreset(preset, { dev: 30, prod: 365 }),
      kmsKeyId: this.kmsKey.arn,
    });

    this.clusterRole = new AwsIamRole(this, 'cluster-role', {
      name: iamRoleName(props.name, 'cluster'),
      assumeRolePolicy: policyJson(serviceTrustPolicy('eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession'])),
    });
    const clusterPolicy = new AwsIamRolePolicyAttachment(this, 'cluster-policy', {
      role: this.clusterRole.name,
      policyArn: awsManagedPolicyArn('AmazonEKSClusterPolicy'),
    });

    this.cluster = new AwsEksCluster(this, 'cluster', {
      name: props.name,
      version: this.kubernetesVersion,
      roleArn: this.clusterRole.arn,
      vpcConfig: {
        subnetIds: this.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
      },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: this.kmsKey.arn } },
      enabledClusterLogTypes: logTypes,
      bootstrapSelfManagedAddons: false,
      deletionProtection: props.deletionProtection ?? byPreset(preset, { dev: false, prod: true }),
    });
    this.cluster.dependsOn = dependencyStrings([this.logGroup, clusterPolicy]);
    // Read across stacks (the platform and workloads stacks' providers): references without a stack trace.
    this.endpoint = attributeString(this.cluster, 'endpoint');
    this.certificateAuthorityData = attributeString(this.cluster, 'certificate_authority[0].data');
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    if (props.irsaOidcProvider) {
      // AWS no longer needs thumbprints for EKS issuers (it trusts the issuer's CA itself).
      const provider = new IamOpenidConnectProvider(this, 'oidc-provider', { url: this.oidcIssuerUrl, clientIdList: ['sts.amazonaws.com'] });
      this.irsa = { oidcProviderArn: provider.arn, oidcIssuer: Fn.replace(this.oidcIssuerUrl, 'https://', '') };
    }
    this.arn = this.cluster.arn;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

    [...new Set(props.endpointPrivateAccessCidrs ?? [])].sort().forEach((cidr, i) => {
      new AwsVpcSecurityGroupIngressRule(this, `private-endpoint-${i}`, {
        securityGroupId: this.clusterSecurityGroupId,
        description: `Kubernetes API (private endpoint) from ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    });

    new Ec2Tag(this, 'cluster-sg-discovery-tag', {
      resourceId: this.clusterSecurityGroupId,
      key: SUBNET_TAGS.karpenterDiscovery,
      value: props.name,
    });

    (props.adminPrincipalArns ?? []).forEach((principal, i) => {
      const entry = new AwsEksAccessEntry(this, `admin-${i}`, { clusterName: this.cluster.name, principalArn: principal, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `admin-${i}-policy`, {
        clusterName: this.cluster.name,
        principalArn: principal,
        policyArn: `arn:aws:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_POLICY}`,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    });

    // Literal names (not this.cluster.name) so derived resource names stay stable; ordering comes from dependsOn.
    this.addons = new EksAddons(this, 'addons', {
      clusterName: props.name,
      kubernetesVersion: this.kubernetesVersion,
      versions: props.addonVersions,
      cluster: this.cluster,
    });
    this.systemNodes = new SystemNodeGroup(this, 'system-nodes', {
      ...props.systemNodes,
      clusterName: props.name,
      subnetIds: this.privateSubnetIds,
      preset,
      dependsOn: this.addons.preNodeAddons,
    });
    this.addons.addPostNodeAddons(this.systemNodes.nodeGroup);
  }
}
