/**
 * `MlflowPlatform` (platform layer): the namespace of the MLflow tracking server and the
 * NetworkPolicies around it. The namespace belongs to MLflow alone, so the policies select every pod
 * in it (server, its init containers' pod, nothing else):
 *
 * - ingress to the server port only from the namespace itself, the client namespaces
 *   (default `kserve` and `monitoring`) and, optionally, CIDRs (an internal load balancer);
 * - a LimitRange giving requests/limits to the chart's init containers that have none;
 * - egress only to cluster DNS, the server port inside the namespace (the client user bootstrap
 *   Job), the database port in the VPC, HTTPS (S3) and the EKS Pod Identity agent. The database's
 *   security group admits only the cluster's nodes.
 */
import { Construct } from 'constructs';
import { KubernetesNetworkPolicyV1 } from '../core/resources/kubernetes-network-policy';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { MLFLOW_DEFAULTS, MLFLOW_PORTS, MLFLOW_NAMESPACE_NAME_LABEL, MLFLOW_POD_IDENTITY_AGENT_CIDR } from './constants';
import { MLOPS_LABELS } from '../core/labels';
import { KubernetesLimitRangeV1, KubernetesNamespaceV1 } from '../core/resources/kubernetes-core';

/** Label on the MLflow namespace and its policies. */
export const MLFLOW_COMPONENT_LABEL = { key: MLOPS_LABELS.component, value: 'mlflow' } as const;

/** Where cluster DNS runs (CoreDNS of EKS). */
export const MLFLOW_CLUSTER_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

/**
 * Container defaults of the namespace: the chart sets no resources on its `dbchecker` and
 * `ini-file-initializer` init containers, so they get these.
 */
export const MLFLOW_CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: '50m', memory: '64Mi' },
  default: { cpu: '500m', memory: '256Mi' },
} as const;

/** What {@link MlflowPlatform} needs of the cloud half. */
export interface MlflowPlatformCloud {
  /** Namespace of the server. */
  readonly namespace: string;
  /** CIDR of the VPC (where the database is). */
  readonly vpcCidr: string;
}

/** Props of {@link MlflowPlatform}. */
export interface MlflowPlatformProps {
  /** The cloud half (`MlflowCloud`). */
  readonly cloud: MlflowPlatformCloud;
  /**
   * Namespaces whose pods may call the server.
   * @default MLFLOW_DEFAULTS.clientNamespaces (['kserve', 'monitoring'])
   */
  readonly clientNamespaces?: readonly string[];
  /**
   * CIDRs that may call the server directly, e.g. the VPC CIDR for an internal ALB with IP targets.
   * @default - none
   */
  readonly allowedCidrs?: readonly string[];
}

const schema = Schemas.props<MlflowPlatformProps>()({
  cloud: Schemas.construct('the MlflowCloud of the cloud layer', { namespace: z.string(), vpcCidr: z.string() }),
  clientNamespaces: z.array(Schemas.k8sName()).optional(),
  allowedCidrs: z.array(Schemas.cidr()).optional(),
});

/** Namespace and NetworkPolicies of the MLflow tracking server. */
export class MlflowPlatform extends Construct {
  public readonly namespace: KubernetesNamespaceV1;
  /** Name of the namespace. */
  public readonly namespaceName: string;
  public readonly ingressPolicy: KubernetesNetworkPolicyV1;
  public readonly egressPolicy: KubernetesNetworkPolicyV1;
  public readonly limitRange: KubernetesLimitRangeV1;

  constructor(scope: Construct, id: string, props: MlflowPlatformProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'MlflowPlatform');
    const labels = { [MLFLOW_COMPONENT_LABEL.key]: MLFLOW_COMPONENT_LABEL.value };
    this.namespaceName = props.cloud.namespace;
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: this.namespaceName, labels } });
    const namespace = this.namespace.metadata.name;
    this.limitRange = new KubernetesLimitRangeV1(this, 'limit-range', {
      metadata: { name: 'mlflow-container-defaults', namespace, labels },
      spec: { limit: [{ type: 'Container', defaultRequest: { ...MLFLOW_CONTAINER_DEFAULTS.defaultRequest }, default: { ...MLFLOW_CONTAINER_DEFAULTS.default } }] },
    });
    const clients = [...(props.clientNamespaces ?? MLFLOW_DEFAULTS.clientNamespaces)].sort();
    const serverPort = [{ port: String(MLFLOW_PORTS.container), protocol: 'TCP' }];

    const from: Array<Record<string, unknown>> = [{ podSelector: {} }];
    if (clients.length > 0) {
      from.push({ namespaceSelector: { matchExpressions: [{ key: MLFLOW_NAMESPACE_NAME_LABEL, operator: 'In', values: clients }] } });
    }
    from.push(...(props.allowedCidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })));
    this.ingressPolicy = new KubernetesNetworkPolicyV1(this, 'ingress', {
      metadata: { name: 'mlflow-ingress', namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from, ports: serverPort }] },
    });

    const tcp = (port: number) => [{ port: String(port), protocol: 'TCP' }];
    this.egressPolicy = new KubernetesNetworkPolicyV1(this, 'egress', {
      metadata: { name: 'mlflow-egress', namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [MLFLOW_NAMESPACE_NAME_LABEL]: MLFLOW_CLUSTER_DNS.namespace } }, podSelector: { matchLabels: { ...MLFLOW_CLUSTER_DNS.podLabels } } }],
            ports: [
              { port: String(MLFLOW_CLUSTER_DNS.port), protocol: 'UDP' },
              { port: String(MLFLOW_CLUSTER_DNS.port), protocol: 'TCP' },
            ],
          },
          { to: [{ podSelector: {} }], ports: tcp(MLFLOW_PORTS.container) },
          { to: [{ ipBlock: { cidr: props.cloud.vpcCidr } }], ports: tcp(MLFLOW_PORTS.postgres) },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: tcp(443) },
          { to: [{ ipBlock: { cidr: MLFLOW_POD_IDENTITY_AGENT_CIDR } }], ports: tcp(80) },
        ],
      },
    });
  }
}
