/**
 * `LangfusePlatform` (platform layer): Langfuse's namespace and the NetworkPolicies around it —
 * ingress denied by default, the namespace's pods (web, worker, ClickHouse, the backup job) reach
 * each other, and the client namespaces (the LLM servers and apps that send traces) reach only the
 * web pods on port 3000. ClickHouse is reachable from the namespace only. Egress stays open
 * (RDS, ElastiCache, S3, STS, the Pod Identity agent, DNS).
 *
 * The namespace holds ClickHouse's volume: in prod it is protected from destroy.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../../core/layers/mlops-stack';
import { isolateNamespace } from '../../core/network-policies';
import { Schemas, validateProps } from '../../core/validation';
import { LANGFUSE_COMPONENT, LANGFUSE_DEFAULTS, LANGFUSE_LABELS, LANGFUSE_PORTS, langfuseWebPodLabels } from './constants';
import { LangfuseCloud } from './langfuse-cloud';
import { KubernetesNetworkPolicyV1 } from '../../core/resources/kubernetes-network-policy';
import { KubernetesNamespaceV1 } from '../../core/resources/kubernetes-core';

/** Props of {@link LangfusePlatform}. */
export interface LangfusePlatformProps {
  /** The cloud half (namespace, preset). */
  readonly cloud: LangfuseCloud;
  /** Namespaces whose pods send traces or use the API. @default - none */
  readonly clientNamespaces?: readonly string[];
  /**
   * Address ranges that may reach the web pods too — e.g. the VPC CIDR for a load balancer of the
   * front door that targets pod IPs.
   * @default - none
   */
  readonly webIngressCidrs?: readonly string[];
}

const schema = Schemas.props<LangfusePlatformProps>()({
  cloud: Schemas.construct('the LangfuseCloud of the cloud layer'),
  clientNamespaces: z.array(Schemas.k8sName()).optional(),
  webIngressCidrs: z.array(Schemas.cidr()).optional(),
});

/** Namespace and NetworkPolicies of Langfuse. */
export class LangfusePlatform extends Construct {
  public readonly cloud: LangfuseCloud;
  public readonly namespace: KubernetesNamespaceV1;
  public readonly namespaceName: string;
  /** Namespaces admitted to the web pods. */
  public readonly clientNamespaces: readonly string[];
  public readonly networkPolicies: KubernetesNetworkPolicyV1[];

  constructor(scope: Construct, id: string, props: LangfusePlatformProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'LangfusePlatform');
    this.cloud = props.cloud;
    this.namespaceName = props.cloud.namespace;
    this.clientNamespaces = [...new Set(props.clientNamespaces ?? [])].sort();
    const labels = { [LANGFUSE_LABELS.component]: LANGFUSE_COMPONENT };
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', {
      metadata: { name: this.namespaceName, labels },
      lifecycle: { preventDestroy: props.cloud.data.preset === 'prod' },
    });
    this.networkPolicies = isolateNamespace(this, {
      namespace: this.namespace.metadata.name,
      prefix: 'langfuse',
      labels,
      clients: [
        {
          name: 'web-clients',
          namespaces: this.clientNamespaces,
          cidrs: props.webIngressCidrs,
          podLabels: langfuseWebPodLabels(LANGFUSE_DEFAULTS.releaseName),
          ports: [LANGFUSE_PORTS.web],
        },
      ],
    });
  }
}
