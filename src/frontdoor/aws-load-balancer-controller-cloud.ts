/**
 * `AwsLoadBalancerControllerCloud` (cloud layer): the AWS Load Balancer Controller's identity — the
 * upstream IAM policy of the pinned controller (`awsLoadBalancerControllerPolicy`, v3.5.0) as a
 * customer managed policy, attached to a role the controller's service account assumes through EKS
 * Pod Identity. The Helm release is {@link AwsLoadBalancerController} (platform layer).
 *
 * The role is scoped by Pod Identity's session tags to this cluster, `kube-system` and the
 * `aws-load-balancer-controller` service account; the policy itself lets the controller change only
 * load balancers, target groups and security groups tagged `elbv2.k8s.aws/cluster` (its own).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { z } from 'zod';
import { EksCluster } from '../cluster/eks-cluster';
import { policyJson } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { awsName } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { Schemas, validateProps } from '../core/validation';
import { LOAD_BALANCER_CONTROLLER_DEFAULTS } from './constants';
import { awsLoadBalancerControllerPolicy } from './load-balancer-controller-policy';
import { dependencyStrings } from '../core/resources/reference-tokens';

/** What the Helm release needs of the controller's AWS side. */
export interface AwsLoadBalancerControllerCloudRef {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** Namespace of the controller (the Pod Identity association's). */
  readonly namespace: string;
  /** Service account of the controller (the Pod Identity association's). */
  readonly serviceAccount: string;
}

/** Props of {@link AwsLoadBalancerControllerCloud}. */
export interface AwsLoadBalancerControllerCloudProps {
  /** The cluster: an `EksCluster` of the same cloud stack, or the name of an existing cluster. */
  readonly cluster: EksCluster | { readonly clusterName: string };
  /**
   * ARN partition of the policy's resources.
   * @default - from the stack's region: `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws`
   */
  readonly partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
}

const schema = Schemas.object({
  cluster: Schemas.construct('an EksCluster or { clusterName }', {
    clusterName: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, { message: 'is not an EKS cluster name (1-100 letters, digits, "-", "_"); pass the cluster name' }),
  }),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov'], { message: 'is not an AWS partition; use "aws", "aws-cn" or "aws-us-gov"' }).optional(),
});

/** The partition of a region name. */
export function partitionOfRegion(region: string | undefined): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The AWS Load Balancer Controller's IAM policy and Pod Identity role. */
export class AwsLoadBalancerControllerCloud extends Construct implements AwsLoadBalancerControllerCloudRef {
  public readonly clusterName: string;
  public readonly namespace: string = LOAD_BALANCER_CONTROLLER_DEFAULTS.namespace;
  public readonly serviceAccount: string = LOAD_BALANCER_CONTROLLER_DEFAULTS.serviceAccount;
  /** The upstream policy as a customer managed policy. */
  public readonly policy: IamPolicy;
  /** The controller's role and its Pod Identity association. */
  public readonly role: PodIdentityRole;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'AwsLoadBalancerControllerCloud');
    this.clusterName = props.cluster.clusterName;
    const stack = TerraformStack.of(this);
    const document = awsLoadBalancerControllerPolicy(props.partition ?? partitionOfRegion(stack instanceof MlopsStack ? stack.region : undefined));
    this.policy = new IamPolicy(this, 'policy', {
      name: awsName(128, 'AWSLoadBalancerController', this.clusterName),
      description: `AWS Load Balancer Controller (the pinned version's upstream iam_policy.json) for EKS cluster ${this.clusterName}`,
      policy: policyJson(document),
    });
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: this.clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      managedPolicyArns: [this.policy.arn],
    });
    // The association needs the cluster; with an EksCluster of this stack, wait for it.
    if (props.cluster instanceof EksCluster && this.role.association) this.role.association.dependsOn = dependencyStrings([props.cluster.cluster]);
  }
}
