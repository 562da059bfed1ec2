/**
 * `EksAddons` (cloud layer): the EKS managed add-ons every cluster of the library runs — vpc-cni,
 * kube-proxy and eks-pod-identity-agent (before nodes join), coredns and aws-ebs-csi-driver (after a
 * node group exists), the EBS CSI controller with its own Pod Identity role.
 *
 * NetworkPolicy: the vpc-cni add-on runs its network policy agent (`enableNetworkPolicy: "true"`),
 * so the NetworkPolicies every component creates are enforced; without it they are accepted by the
 * API server and silently ignored.
 *
 * Versions: each add-on runs the version EKS marks as default for the cluster's Kubernetes version
 * (`aws_eks_addon_version` with `most_recent = false`), so a plan changes add-on versions only when
 * `KUBERNETES_VERSION` in versions.ts changes (or AWS changes its default). Pin exact versions with
 * `versions`.
 */
import { Construct } from 'constructs';
import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { ITerraformDependable } from 'cdktf';
import { awsManagedPolicyArn } from '../core/iam';
import { PodIdentityRole } from '../core/pod-identity-role';
import { AwsEksAddon } from '../core/resources/aws-eks';

/** Add-ons installed before nodes join (networking and credentials). */
export const PRE_NODE_ADDONS = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'] as const;
/** Add-ons that need running nodes. */
export const POST_NODE_ADDONS = ['coredns', 'aws-ebs-csi-driver'] as const;
/** Every add-on the library installs. */
export type AddonName = (typeof PRE_NODE_ADDONS)[number] | (typeof POST_NODE_ADDONS)[number];

/** Configuration of the vpc-cni add-on: enforce Kubernetes NetworkPolicies (the add-on's own schema key). */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: 'true' } as const;

/** Service account of the EBS CSI controller. */
export const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

/** Props of {@link EksAddons}. */
export interface EksAddonsProps {
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /**
   * Exact add-on versions (e.g. `{ 'vpc-cni': 'v1.20.4-eksbuild.1' }`).
   * @default - EKS's default version for the Kubernetes version
   */
  readonly versions?: Partial<Record<AddonName, string>>;
  /** What the pre-node add-ons wait for (the cluster). */
  readonly cluster: ITerraformDependable;
}

/**
 * The managed add-ons of a cluster. The constructor adds the pre-node add-ons; call
 * {@link addPostNodeAddons} once a node group exists.
 */
export class EksAddons extends Construct {
  public readonly addons: Partial<Record<AddonName, AwsEksAddon>> = {};
  public readonly ebsCsiRole: PodIdentityRole;
  private readonly props: EksAddonsProps;

  constructor(scope: Construct, id: string, props: EksAddonsProps) {
    super(scope, id);
    this.props = props;
    this.ebsCsiRole = new PodIdentityRole(this, 'ebs-csi-role', {
      clusterName: props.clusterName,
      namespace: 'kube-system',
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT,
      managedPolicyArns: [awsManagedPolicyArn('service-role/AmazonEBSCSIDriverPolicy')],
      createAssociation: false,
    });
    for (const name of PRE_NODE_ADDONS) this.addons[name] = this.addon(name, props.cluster);
  }

  /** Adds the add-ons that need nodes (CoreDNS, EBS CSI), ordered after `nodes`. */
  public addPostNodeAddons(nodes: ITerraformDependable): void {
    for (const name of POST_NODE_ADDONS) this.addons[name] = this.addon(name, nodes);
  }

  /** The pre-node add-ons, for nodes to wait on. */
  public get preNodeAddons(): AwsEksAddon[] {
    return PRE_NODE_ADDONS.map((n) => this.addons[n]!);
  }

  private addon(name: AddonName, dependsOn: ITerraformDependable): AwsEksAddon {
    const version =
      this.props.versions?.[name] ??
      new DataAwsEksAddonVersion(this, `${name}-version`, { addonName: name, kubernetesVersion: this.props.kubernetesVersion, mostRecent: false }).version;
    return new AwsEksAddon(this, name, {
      clusterName: this.props.clusterName,
      addonName: name,
      addonVersion: version,
      configurationValues: name === 'vpc-cni' ? JSON.stringify(VPC_CNI_CONFIGURATION) : undefined,
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'PRESERVE',
      podIdentityAssociation:
        name === 'aws-ebs-csi-driver' ? [{ roleArn: this.ebsCsiRole.roleArn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }] : undefined,
      dependsOn: [dependsOn],
    });
  }
}
