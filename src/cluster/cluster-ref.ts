/**
 * `ClusterRef`: "the cluster" for layers 2 and 3 — name, endpoint, CA, auth (via `aws eks
 * get-token`), OIDC issuer, VPC, private subnets and node security group.
 *
 * - `ClusterRef.fromEksCluster(cluster)`: the cluster of an `EksCluster` in the cloud layer. Its
 *   attributes cross stacks as cdktf cross-stack references (outputs of the cloud stack read through
 *   `terraform_remote_state`), so the platform stack plans against the cloud stack's state.
 * - `ClusterRef.fromName({ clusterName, region })`: a cluster that already exists. Each stack that
 *   binds it reads it with its own `aws_eks_cluster` data source; subnets and security group are
 *   given, or found (subnets tagged `kubernetes.io/role/internal-elb=1` in the cluster's VPC; the
 *   EKS cluster security group).
 */
import { Construct } from 'constructs';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { TerraformStack } from 'cdktf';
import { z } from 'zod';
import { ClusterAttributes, IClusterRef } from '../core/layers/cluster-connection';
import { Schemas } from '../core/schemas';
import { validateValue, ValidationError } from '../core/validation';
import { EksCluster } from './eks-cluster';
import { SUBNET_TAGS } from './network';

/** Props of {@link ClusterRef.fromName}. */
export interface ExistingClusterProps {
  /** Name of the existing EKS cluster. */
  readonly clusterName: string;
  /** Its region. */
  readonly region: string;
  /**
   * Private subnets for nodes (Karpenter, load balancers).
   * @default - subnets of the cluster's VPC tagged `kubernetes.io/role/internal-elb=1`
   */
  readonly privateSubnetIds?: string[];
  /**
   * Security group for nodes.
   * @default - the EKS cluster security group
   */
  readonly nodeSecurityGroupId?: string;
  /**
   * Value of the `karpenter.sh/discovery` tag on the cluster's subnets and security groups, if
   * they are tagged; else Karpenter selectors use the ids.
   * @default - not tagged
   */
  readonly karpenterDiscoveryTag?: string;
}

const existingSchema = Schemas.props<ExistingClusterProps>()({
  clusterName: Schemas.eksClusterName(),
  region: Schemas.region(),
  privateSubnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]+$/, { message: 'is not a subnet id; use subnet-…' }))
    .min(1, { message: 'is empty; list the private subnets or leave it out to find them by tag' })
    .optional(),
  nodeSecurityGroupId: z.string().regex(/^sg-[0-9a-f]+$/, { message: 'is not a security group id; use sg-…' }).optional(),
  karpenterDiscoveryTag: Schemas.labelValue().optional(),
});

/** "The cluster" for the platform and workloads layers. */
export abstract class ClusterRef implements IClusterRef {
  /** The cluster of an {@link EksCluster} created in the cloud layer. */
  public static fromEksCluster(cluster: EksCluster): ClusterRef {
    if (!(cluster instanceof EksCluster)) {
      const problem = cluster === undefined ? 'is required' : 'is not an EksCluster';
      throw new ValidationError('ClusterRef.fromEksCluster', [
        { prop: 'cluster', value: cluster, message: `${problem}; pass the EksCluster of the cloud stack, or use ClusterRef.fromName for an existing cluster` },
      ]);
    }
    return new EksClusterRef(cluster);
  }

  /** A cluster that already exists, found by name. */
  public static fromName(props: ExistingClusterProps): ClusterRef {
    validateValue('ClusterRef.fromName', existingSchema, props);
    return new ExistingClusterRef(props);
  }

  public abstract readonly clusterName: string;
  public abstract readonly region: string;
  public abstract bind(scope: Construct): ClusterAttributes;
}

class EksClusterRef extends ClusterRef {
  public readonly clusterName: string;
  public readonly region: string;
  constructor(private readonly cluster: EksCluster) {
    super();
    this.clusterName = cluster.clusterName;
    const stack = TerraformStack.of(cluster) as TerraformStack & { region?: string };
    this.region = stack.region ?? cluster.region;
  }
  public bind(_scope: Construct): ClusterAttributes {
    const c = this.cluster;
    return {
      clusterName: c.clusterName,
      endpoint: c.endpoint,
      certificateAuthorityData: c.certificateAuthorityData,
      region: this.region,
      oidcIssuerUrl: c.oidcIssuerUrl,
      vpcId: c.vpcId,
      privateSubnetIds: c.privateSubnetIds,
      nodeSecurityGroupId: c.clusterSecurityGroupId,
      karpenterDiscoveryTag: c.clusterName,
    };
  }
}

class ExistingClusterRef extends ClusterRef {
  public readonly clusterName: string;
  public readonly region: string;
  private readonly bound = new Map<TerraformStack, ClusterAttributes>();
  constructor(private readonly props: ExistingClusterProps) {
    super();
    this.clusterName = props.clusterName;
    this.region = props.region;
  }
  public bind(scope: Construct): ClusterAttributes {
    const stack = TerraformStack.of(scope);
    const cached = this.bound.get(stack);
    if (cached) return cached;
    const holder = new Construct(stack, `cluster-ref-${this.props.clusterName}`);
    const data = new DataAwsEksCluster(holder, 'cluster', { name: this.props.clusterName });
    const vpcId = data.vpcConfig.get(0).vpcId;
    const subnets =
      this.props.privateSubnetIds ??
      new DataAwsSubnets(holder, 'private-subnets', {
        filter: [
          { name: 'vpc-id', values: [vpcId] },
          { name: `tag:${SUBNET_TAGS.internalElb}`, values: ['1'] },
        ],
      }).ids;
    const attrs: ClusterAttributes = {
      clusterName: this.props.clusterName,
      endpoint: data.endpoint,
      certificateAuthorityData: data.certificateAuthority.get(0).data,
      region: this.props.region,
      oidcIssuerUrl: data.identity.get(0).oidc.get(0).issuer,
      vpcId,
      privateSubnetIds: subnets,
      nodeSecurityGroupId: this.props.nodeSecurityGroupId ?? data.vpcConfig.get(0).clusterSecurityGroupId,
      karpenterDiscoveryTag: this.props.karpenterDiscoveryTag,
    };
    this.bound.set(stack, attrs);
    return attrs;
  }
}
