/**
 * What layers 2 and 3 need of "the cluster". `ClusterRef` (src/cluster) implements it for a cluster
 * created by `EksCluster` in the cloud layer or for one that already exists.
 */
import { Construct } from 'constructs';

/** Attributes of a cluster, valid inside the stack they were bound to. */
export interface ClusterAttributes {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** API server endpoint (https URL). */
  readonly endpoint: string;
  /** Base64-encoded cluster CA certificate. */
  readonly certificateAuthorityData: string;
  /** AWS region of the cluster. */
  readonly region: string;
  /** OIDC issuer URL (for IRSA). */
  readonly oidcIssuerUrl: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets for nodes. */
  readonly privateSubnetIds: string[];
  /** Security group of nodes (the EKS cluster security group for managed nodes and Karpenter). */
  readonly nodeSecurityGroupId: string;
  /**
   * Value of the `karpenter.sh/discovery` tag on the cluster's private subnets and node security
   * group, when they are tagged; Karpenter selectors use it, else the ids above.
   */
  readonly karpenterDiscoveryTag?: string;
}

/** "The cluster", as layers 2 and 3 see it. */
export interface IClusterRef {
  /** The cluster name, known at synth time. */
  readonly clusterName: string;
  /** The AWS region of the cluster, known at synth time. */
  readonly region: string;
  /**
   * The cluster's attributes for use inside `scope`'s stack. Implementations create what that stack
   * needs (data sources, or nothing when the values cross stacks as references).
   */
  bind(scope: Construct): ClusterAttributes;
}
