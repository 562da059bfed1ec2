/**
 * Which Kubernetes objects make a controller create AWS resources, and which controllers those are.
 * The deployability check uses it to keep `cdktf destroy` from leaving AWS resources behind:
 * Terraform deletes an Ingress, a LoadBalancer Service, a PVC or a NodePool, and only the
 * controller that reconciles it deletes the load balancer, the volume or the instances it made. So
 * the object must be destroyed while its controller still runs — declared in a later stack (layer)
 * than the controller, never in the same one (Terraform destroys a stack's resources in parallel
 * where nothing orders them).
 *
 * Objects inside Helm charts (a chart's own Ingress or StatefulSet volume claims) are not seen:
 * keep such charts in a later layer than the controllers too (the library puts the controllers in
 * the platform layer and the applications in workloads; volume claims of StatefulSets go with
 * their namespace, which the platform layer owns).
 */

/** A controller that creates AWS resources from Kubernetes objects, and how it is installed. */
export interface AwsController {
  /** Display name. */
  readonly name: string;
  /** Helm charts that install it. */
  readonly charts?: readonly string[];
  /** EKS managed add-ons that install it (`aws_eks_addon.addon_name`). */
  readonly eksAddons?: readonly string[];
  /** Terraform resource types that are (or contain) it. */
  readonly resourceTypes?: readonly string[];
}

/** The controllers the check knows, by key. */
export const AWS_CONTROLLERS = {
  awsLoadBalancerController: { name: 'AWS Load Balancer Controller', charts: ['aws-load-balancer-controller'] },
  /** The EKS control plane's own service controller (classic and network load balancers without the AWS Load Balancer Controller). */
  eksControlPlane: { name: 'EKS control plane (in-tree service controller)', resourceTypes: ['aws_eks_cluster'] },
  ebsCsiDriver: { name: 'EBS CSI driver', charts: ['aws-ebs-csi-driver'], eksAddons: ['aws-ebs-csi-driver'] },
  karpenter: { name: 'Karpenter', charts: ['karpenter'] },
  envoyGateway: { name: 'Envoy Gateway', charts: ['gateway-helm', 'envoy-gateway'] },
} as const satisfies Record<string, AwsController>;

/** Key of {@link AWS_CONTROLLERS}. */
export type AwsControllerKey = keyof typeof AWS_CONTROLLERS;

/** A Kubernetes object a controller turns into AWS resources. */
export interface AwsBackedObject {
  /** `Kind name` for messages. */
  readonly label: string;
  /** What the controllers create from it in AWS. */
  readonly creates: string;
  /** The controllers that reconcile it (any of them may be the one running). */
  readonly controllers: readonly AwsControllerKey[];
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : Array.isArray(v) && v.length > 0 ? obj(v[0]) : {});
const name = (metadata: unknown): string => String(obj(metadata).name ?? '');

const LOAD_BALANCERS = 'a load balancer, its target groups and security groups';
const VOLUMES = 'an EBS volume';
const INSTANCES = 'EC2 instances, launch templates and instance profiles';

/**
 * The AWS-backed object a synthesized resource is, if any: `type` is the Terraform resource type,
 * `config` its synthesized body (snake_case for typed resources; `manifest` as written).
 */
export function awsBackedObject(type: string, config: Record<string, unknown>): AwsBackedObject | undefined {
  if (type === 'kubernetes_manifest') return fromManifest(obj(config.manifest));
  const spec = obj(config.spec);
  const label = (kind: string) => `${kind} ${name(config.metadata)}`;
  switch (type) {
    case 'kubernetes_ingress_v1':
    case 'kubernetes_ingress':
      return { label: label('Ingress'), creates: LOAD_BALANCERS, controllers: ['awsLoadBalancerController'] };
    case 'kubernetes_service_v1':
    case 'kubernetes_service':
      return spec.type === 'LoadBalancer' ? { label: label('Service (LoadBalancer)'), creates: LOAD_BALANCERS, controllers: ['awsLoadBalancerController', 'eksControlPlane'] } : undefined;
    case 'kubernetes_persistent_volume_claim_v1':
    case 'kubernetes_persistent_volume_claim':
      return { label: label('PersistentVolumeClaim'), creates: VOLUMES, controllers: ['ebsCsiDriver'] };
    case 'kubernetes_stateful_set_v1':
    case 'kubernetes_stateful_set':
      return spec.volume_claim_template !== undefined ? { label: label('StatefulSet (volume claims)'), creates: VOLUMES, controllers: ['ebsCsiDriver'] } : undefined;
    default:
      return undefined;
  }
}

function fromManifest(m: Json): AwsBackedObject | undefined {
  const apiVersion = String(m.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = String(m.kind ?? '');
  const spec = obj(m.spec);
  const label = `${kind} ${name(m.metadata)}`;
  if (group === 'networking.k8s.io' && kind === 'Ingress') return { label, creates: LOAD_BALANCERS, controllers: ['awsLoadBalancerController'] };
  if (group === '' && kind === 'Service' && spec.type === 'LoadBalancer') return { label: `${label} (LoadBalancer)`, creates: LOAD_BALANCERS, controllers: ['awsLoadBalancerController', 'eksControlPlane'] };
  if (group === '' && kind === 'PersistentVolumeClaim') return { label, creates: VOLUMES, controllers: ['ebsCsiDriver'] };
  if (group === 'apps' && kind === 'StatefulSet' && spec.volumeClaimTemplates !== undefined) return { label: `${label} (volume claims)`, creates: VOLUMES, controllers: ['ebsCsiDriver'] };
  if (group === 'karpenter.sh' && (kind === 'NodePool' || kind === 'NodeClaim')) return { label, creates: INSTANCES, controllers: ['karpenter'] };
  if (group === 'karpenter.k8s.aws' && kind === 'EC2NodeClass') return { label, creates: INSTANCES, controllers: ['karpenter'] };
  if (group === 'gateway.networking.k8s.io' && kind === 'Gateway') return { label, creates: `a LoadBalancer Service, and from it ${LOAD_BALANCERS}`, controllers: ['envoyGateway'] };
  return undefined;
}

/**
 * The controller a synthesized resource installs, if any: a `helm_release` of one of the charts, an
 * `aws_eks_addon`, or a resource type that is one (`aws_eks_cluster`).
 */
export function awsControllerOf(type: string, config: Record<string, unknown>): AwsControllerKey | undefined {
  const chart = type === 'helm_release' && typeof config.chart === 'string' ? config.chart.split('/').pop()! : undefined;
  const addon = type === 'aws_eks_addon' && typeof config.addon_name === 'string' ? config.addon_name : undefined;
  for (const [key, c] of Object.entries(AWS_CONTROLLERS) as Array<[AwsControllerKey, AwsController]>) {
    if (chart !== undefined && c.charts?.includes(chart)) return key;
    if (addon !== undefined && c.eksAddons?.includes(addon)) return key;
    if (c.resourceTypes?.includes(type)) return key;
  }
  return undefined;
}

/** The cluster a controller resource acts on, when its configuration names it (`aws_eks_addon`, `aws_eks_cluster`). */
export function controllerClusterName(type: string, config: Record<string, unknown>): string | undefined {
  const value = type === 'aws_eks_addon' ? config.cluster_name : type === 'aws_eks_cluster' ? config.name : undefined;
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}
