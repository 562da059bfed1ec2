/**
 * `AwsLoadBalancerController` (platform layer): the `aws-load-balancer-controller` chart (pinned in
 * `CHARTS`, app v3.5.0; its crds/ install IngressClassParams and TargetGroupBinding) for the AWS side
 * of an {@link AwsLoadBalancerControllerCloud}. It turns the front door's Ingresses into one ALB and
 * the serving gateway's LoadBalancer Service into an NLB — both declared in the workloads layer,
 * so `cdktf destroy` deletes them while the controller still runs and it deletes the load balancers,
 * target groups and security groups it made (the deployability check enforces that order).
 *
 * Values, each a key of the pinned chart's values.yaml (contract test):
 * - `clusterName`, `region` and `vpcId` set explicitly: the controller never asks the instance
 *   metadata service (the nodes' IMDS hop limit would have to allow pods);
 * - two replicas on the system nodes, a PodDisruptionBudget, requests and limits;
 * - webhook certificates: by default the chart's own self-signed CA, kept across upgrades
 *   (`keepTLSSecret`), because not every set runs cert-manager and the webhooks must serve before
 *   anything else in the cluster needs them; with `certManager` (e.g. KServe's) cert-manager issues
 *   and rotates them (`enableCertManager`);
 * - `enableServiceMutatorWebhook: false`: the chart's default registers a webhook on every Service
 *   creation with failure policy Fail, so while the controller is not ready no chart in the cluster
 *   could create a Service. The library's load balancer Services name the controller themselves
 *   (`loadBalancerClass: service.k8s.aws/nlb`);
 * - `defaultTargetType: ip` (the VPC CNI gives pods VPC addresses), `defaultSSLPolicy` the modern
 *   TLS policy, `enableWaf: false` (AWS WAF Classic is retired; WAFv2 stays on), and no access to
 *   Secrets outside namespaced Roles (`clusterSecretsPermissions.allowAllSecrets: false`; the front
 *   door grants the one OIDC Secret per namespace).
 *
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/
 */
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { IClusterRef } from '../core/layers/cluster-connection';
import { KubernetesStack, requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { HelmChart } from '../core/helm-chart';
import { ContainerResources, containerResourcesSchema, resourcesBlock } from '../core/pod-security';
import { failProp, Schemas, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { systemNodeSelector } from '../core/labels';
import { AwsLoadBalancerControllerCloudRef } from './aws-load-balancer-controller-cloud';
import { DEFAULT_TLS_POLICY, LOAD_BALANCER_CONTROLLER_DEFAULTS } from './constants';

/** Requests and limits of the controller (it caches Services, Endpoints and Ingresses of the cluster). */
export const LOAD_BALANCER_CONTROLLER_RESOURCES: ContainerResources = {
  requests: { cpu: '100m', memory: '256Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

/** Props of {@link AwsLoadBalancerController}. */
export interface AwsLoadBalancerControllerProps {
  /** The AWS side (`AwsLoadBalancerControllerCloud`), or the names of an existing role's association. */
  readonly cloud: AwsLoadBalancerControllerCloudRef;
  /**
   * The cluster (its VPC and region are set explicitly).
   * @default - the cluster of the enclosing platform stack
   */
  readonly cluster?: IClusterRef;
  /**
   * Controller replicas (one leader; all serve the webhooks).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Requests and limits of the controller.
   * @default LOAD_BALANCER_CONTROLLER_RESOURCES
   */
  readonly resources?: ContainerResources;
  /**
   * Node selector of the controller.
   * @default { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * A cert-manager release (e.g. `KServe.certManager`) that issues the webhook certificates.
   * @default - the chart's own self-signed CA, kept across upgrades
   */
  readonly certManager?: ITerraformDependable;
  /**
   * Helm values deep-merged on top of the library's.
   * @default - none
   */
  readonly overrides?: PlainObject;
}

const schema = Schemas.object({
  cloud: Schemas.construct('an AwsLoadBalancerControllerCloud (or { clusterName, namespace, serviceAccount })', {
    clusterName: z.string().min(1, { message: 'is empty; pass the EKS cluster name' }),
    namespace: Schemas.k8sName(),
    serviceAccount: Schemas.k8sName(),
  }),
  cluster: Schemas.construct('a ClusterRef').optional(),
  replicas: z.number().int().min(1, { message: 'is below 1; run at least one controller (2 keep the webhooks up during a rollout)' }).max(10, { message: 'is above 10; one leader does the work, 2 suffice' }).optional(),
  resources: containerResourcesSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  certManager: Schemas.construct('the cert-manager Helm release').optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** The AWS Load Balancer Controller. */
export class AwsLoadBalancerController extends Construct {
  public readonly chart: HelmChart;
  public readonly namespace: string;
  /** The IngressClass the chart creates (`alb`; the front door makes its own, with parameters). */
  public readonly ingressClassName = 'alb';

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'AwsLoadBalancerController');
    const stack = TerraformStack.of(this);
    const cluster = props.cluster ?? (stack instanceof KubernetesStack ? stack.cluster : undefined);
    if (!cluster) failProp(this, 'cluster', undefined, 'is required outside a platform stack of the library; pass the ClusterRef');
    if (cluster.clusterName !== props.cloud.clusterName) {
      failProp(this, 'cloud.clusterName', props.cloud.clusterName, `is not the cluster of this stack ("${cluster.clusterName}"); pass the AwsLoadBalancerControllerCloud of that cluster`);
    }
    const attributes = cluster.bind(this);
    this.namespace = props.cloud.namespace;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.awsLoadBalancerController,
      releaseName: LOAD_BALANCER_CONTROLLER_DEFAULTS.releaseName,
      namespace: this.namespace,
      values: loadBalancerControllerValues({
        clusterName: props.cloud.clusterName,
        serviceAccount: props.cloud.serviceAccount,
        region: attributes.region,
        vpcId: attributes.vpcId,
        replicas: props.replicas,
        resources: props.resources,
        nodeSelector: props.nodeSelector,
        certManager: props.certManager !== undefined,
      }),
      overrides: props.overrides,
      dependsOn: props.certManager ? [props.certManager] : undefined,
    });
  }
}

/** What {@link loadBalancerControllerValues} builds from. */
export interface LoadBalancerControllerValuesInput {
  readonly clusterName: string;
  readonly serviceAccount: string;
  readonly region: string;
  readonly vpcId: string;
  readonly replicas?: number;
  readonly resources?: ContainerResources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Webhook certificates from cert-manager instead of the chart's self-signed CA. */
  readonly certManager: boolean;
}

/** The chart values (before overrides). */
export function loadBalancerControllerValues(input: LoadBalancerControllerValuesInput): PlainObject {
  return {
    clusterName: input.clusterName,
    region: input.region,
    vpcId: input.vpcId,
    replicaCount: input.replicas ?? LOAD_BALANCER_CONTROLLER_DEFAULTS.replicas,
    serviceAccount: { create: true, name: input.serviceAccount },
    nodeSelector: systemNodeSelector(input.nodeSelector),
    resources: resourcesBlock(input.resources ?? LOAD_BALANCER_CONTROLLER_RESOURCES),
    podDisruptionBudget: { maxUnavailable: 1 },
    enableCertManager: input.certManager,
    keepTLSSecret: !input.certManager,
    enableServiceMutatorWebhook: false,
    defaultTargetType: 'ip',
    defaultSSLPolicy: DEFAULT_TLS_POLICY,
    enableWaf: false,
    clusterSecretsPermissions: { allowAllSecrets: false },
  };
}
