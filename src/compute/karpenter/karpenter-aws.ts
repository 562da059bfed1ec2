/**
 * `KarpenterAws` (cloud layer): everything Karpenter needs on the AWS side, equivalent to Karpenter
 * v1.14's getting-started CloudFormation template:
 *
 * - the **node role** (`ec2.amazonaws.com`, the four managed policies) and an EKS access entry of
 *   type `EC2_LINUX` so nodes launched with it can join the cluster;
 * - the **controller role**, assumed by the `karpenter` service account through EKS Pod Identity,
 *   with the six upstream policies as customer managed policies (see `controller-policies.ts` for
 *   the scoping and the size limits);
 * - the **interruption queue** (SSE-SQS, 5-minute retention, only EventBridge and SQS may send, TLS
 *   only) and the **five EventBridge rules** that feed it.
 *
 * The Helm release (`Karpenter`, platform layer) and the node pools (`GpuNodePool`, workloads
 * layer) take this construct — or a plain {@link KarpenterAwsRef} for an existing install.
 *
 * @see https://karpenter.sh/docs/getting-started/getting-started-with-karpenter/
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsIamRole, AwsIamRolePolicyAttachment } from '../../core/resources/aws-iam-role';
import { AwsCloudwatchEventTarget } from '../../core/resources/aws-cloudwatch-event-target';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { z } from 'zod';
import { EksCluster } from '../../cluster/eks-cluster';
import { NODE_ROLE_MANAGED_POLICIES } from '../../cluster/system-node-group';
import { awsManagedPolicyArn, denyInsecureTransport, policyJson, serviceTrustPolicy } from '../../core/iam';
import { MlopsStack, requireLayer } from '../../core/layers/mlops-stack';
import { awsName, iamRoleName, NAME_LIMITS } from '../../core/naming';
import { PodIdentityRole } from '../../core/pod-identity-role';
import { Schemas } from '../../core/schemas';
import { validateProps } from '../../core/validation';
import { KARPENTER_DEFAULTS } from './constants';
import { ControllerPolicyName, karpenterControllerPolicies } from './controller-policies';
import { INTERRUPTION_EVENT_RULES, INTERRUPTION_QUEUE_RETENTION_SECONDS, INTERRUPTION_QUEUE_SENDERS, INTERRUPTION_TARGET_ID } from './interruption-events';
import { AwsEksAccessEntry } from '../../core/resources/aws-eks';
import { AwsCloudwatchEventRule, AwsSqsQueue, AwsSqsQueuePolicy } from '../../core/resources/aws-events';
import { attributeString, dependencyStrings } from '../../core/resources/reference-tokens';

/** What the Helm release and node pools need of Karpenter's AWS side (all plain strings). */
export interface KarpenterAwsRef {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** Name of the SQS interruption queue (`settings.interruptionQueue`). */
  readonly interruptionQueueName: string;
  /** Name of the IAM role of the nodes (EC2NodeClass `role`). */
  readonly nodeRoleName: string;
  /** Namespace of the controller's Pod Identity association. */
  readonly namespace: string;
  /** Service account of the controller's Pod Identity association. */
  readonly serviceAccount: string;
}

/** Props of {@link KarpenterAws}. */
export interface KarpenterAwsProps {
  /** The cluster (an `EksCluster` in the same cloud stack), or the name of an existing one. */
  readonly cluster: EksCluster | { readonly clusterName: string };
  /**
   * Namespace the controller will run in (must match `Karpenter`).
   * @default KARPENTER_DEFAULTS.namespace ('kube-system')
   */
  readonly namespace?: string;
  /**
   * Service account of the controller (must match `Karpenter`).
   * @default KARPENTER_DEFAULTS.serviceAccount ('karpenter')
   */
  readonly serviceAccount?: string;
  /**
   * Region of the cluster, for the ARNs and conditions of the controller policies.
   * @default - the region of the enclosing `CloudStack`, else the provider's region (data source)
   */
  readonly region?: string;
}

const schema = Schemas.props<KarpenterAwsProps>()({
  cluster: Schemas.construct('an EksCluster (or { clusterName } of an existing cluster)', {
    clusterName: z
      .string({ message: 'is required; pass the EKS cluster name' })
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, { message: 'is not an EKS cluster name (1-100 letters, digits, "-", "_"); pass the cluster name' }),
  }),
  namespace: Schemas.k8sName().optional(),
  serviceAccount: Schemas.dnsSubdomain().optional(),
  region: Schemas.region().optional(),
});

/** Order in which the controller policies are created and attached (upstream's order). */
const POLICY_ORDER: readonly ControllerPolicyName[] = ['NodeLifecycle', 'IAMIntegration', 'EKSIntegration', 'Interruption', 'ZonalShift', 'ResourceDiscovery'];

/** Karpenter's node role, controller role, interruption queue and EventBridge rules. */
export class KarpenterAws extends Construct implements KarpenterAwsRef {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly serviceAccount: string;
  /** Role of the nodes Karpenter launches. */
  public readonly nodeRole: AwsIamRole;
  public readonly nodeRoleName: string;
  public readonly nodeRoleArn: string;
  /** Access entry that lets the nodes join the cluster. */
  public readonly nodeAccessEntry: AwsEksAccessEntry;
  /** The controller's Pod Identity role and association. */
  public readonly controllerRole: PodIdentityRole;
  /** The six controller policies, by upstream name. */
  public readonly controllerPolicies: Readonly<Record<ControllerPolicyName, IamPolicy>>;
  public readonly queue: AwsSqsQueue;
  public readonly interruptionQueueName: string;
  public readonly queueArn: string;
  /** The five EventBridge rules, by key of `INTERRUPTION_EVENT_RULES`. */
  public readonly rules: Readonly<Record<keyof typeof INTERRUPTION_EVENT_RULES, AwsCloudwatchEventRule>>;

  constructor(scope: Construct, id: string, props: KarpenterAwsProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'KarpenterAws');
    const cluster = props.cluster instanceof EksCluster ? props.cluster : undefined;
    const clusterName = (this.clusterName = props.cluster.clusterName);
    this.namespace = props.namespace ?? KARPENTER_DEFAULTS.namespace;
    this.serviceAccount = props.serviceAccount ?? KARPENTER_DEFAULTS.serviceAccount;
    // Creating the access entry and association needs the cluster; literal names keep resource names stable.
    const clusterDependency = cluster ? [cluster.cluster] : undefined;

    const partition = attributeString(new DataAwsPartition(this, 'partition'), 'partition');
    const accountId = attributeString(new DataAwsCallerIdentity(this, 'caller'), 'account_id');
    const region = props.region ?? stackRegion(this) ?? attributeString(new DataAwsRegion(this, 'region'), 'region');

    this.nodeRoleName = iamRoleName('KarpenterNodeRole', clusterName);
    this.nodeRole = new AwsIamRole(this, 'node-role', {
      name: this.nodeRoleName,
      description: `Nodes launched by Karpenter in EKS cluster ${clusterName}`,
      assumeRolePolicy: policyJson(serviceTrustPolicy('ec2.amazonaws.com')),
    });
    this.nodeRoleArn = this.nodeRole.arn;
    for (const policy of NODE_ROLE_MANAGED_POLICIES) {
      new AwsIamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRole.name, policyArn: awsManagedPolicyArn(policy, partition) });
    }
    this.nodeAccessEntry = new AwsEksAccessEntry(this, 'node-access-entry', {
      clusterName,
      principalArn: this.nodeRole.arn,
      type: 'EC2_LINUX',
      dependsOn: clusterDependency,
    });

    this.interruptionQueueName = awsName(NAME_LIMITS.sqsQueue, clusterName, 'karpenter');
    this.queue = new AwsSqsQueue(this, 'interruption-queue', {
      name: this.interruptionQueueName,
      messageRetentionSeconds: INTERRUPTION_QUEUE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    this.queueArn = this.queue.arn;
    new AwsSqsQueuePolicy(this, 'interruption-queue-policy', {
      queueUrl: this.queue.url,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Id: 'EC2InterruptionPolicy',
        Statement: [
          {
            Sid: 'AllowEventBridgeAndSqs',
            Effect: 'Allow',
            Principal: { Service: [...INTERRUPTION_QUEUE_SENDERS] },
            Action: 'sqs:SendMessage',
            Resource: this.queue.arn,
          },
          denyInsecureTransport([this.queue.arn], 'sqs:*'),
        ],
      }),
    });
    const rules: Partial<Record<keyof typeof INTERRUPTION_EVENT_RULES, AwsCloudwatchEventRule>> = {};
    for (const [key, rule] of Object.entries(INTERRUPTION_EVENT_RULES) as Array<[keyof typeof INTERRUPTION_EVENT_RULES, (typeof INTERRUPTION_EVENT_RULES)[keyof typeof INTERRUPTION_EVENT_RULES]]>) {
      const eventRule = new AwsCloudwatchEventRule(this, `rule-${rule.suffix}`, {
        name: awsName(NAME_LIMITS.eventRule, clusterName, 'karpenter', rule.suffix),
        description: rule.description,
        eventPattern: JSON.stringify(rule.pattern),
      });
      new AwsCloudwatchEventTarget(this, `rule-${rule.suffix}-target`, { rule: eventRule.name, targetId: INTERRUPTION_TARGET_ID, arn: this.queue.arn });
      rules[key] = eventRule;
    }
    this.rules = rules as Record<keyof typeof INTERRUPTION_EVENT_RULES, AwsCloudwatchEventRule>;

    const documents = karpenterControllerPolicies({ partition, region, accountId, clusterName, nodeRoleArn: this.nodeRole.arn, queueArn: this.queue.arn });
    const policies: Partial<Record<ControllerPolicyName, IamPolicy>> = {};
    for (const name of POLICY_ORDER) {
      policies[name] = new IamPolicy(this, `controller-${name}`, {
        name: awsName(128, `KarpenterController${name}Policy`, clusterName),
        description: `Karpenter controller (${name}) for EKS cluster ${clusterName}`,
        policy: policyJson(documents[name]),
      });
    }
    this.controllerPolicies = policies as Record<ControllerPolicyName, IamPolicy>;
    this.controllerRole = new PodIdentityRole(this, 'controller', {
      clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      managedPolicyArns: POLICY_ORDER.map((name) => this.controllerPolicies[name].arn),
    });
    if (clusterDependency && this.controllerRole.association) this.controllerRole.association.dependsOn = dependencyStrings(clusterDependency);
  }
}

function stackRegion(scope: Construct): string | undefined {
  const stack = TerraformStack.of(scope);
  return stack instanceof MlopsStack ? stack.region : undefined;
}
