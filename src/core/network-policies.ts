/**
 * `isolateNamespace`: the ingress NetworkPolicies of a namespace that holds one component — deny by
 * default, let the namespace's pods reach each other, and let named client namespaces reach named
 * pods on named ports only. Egress stays open (S3, STS, the Pod Identity agent and DNS).
 */
import { Construct } from 'constructs';
import { KubernetesNetworkPolicyV1 } from './resources/kubernetes-network-policy';

/** Label Kubernetes sets on every namespace with its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Client namespaces admitted to some pods on some ports. */
export interface NamespaceClients {
  /** Suffix of the policy's name and construct id. */
  readonly name: string;
  /** Namespaces whose pods are admitted. */
  readonly namespaces: readonly string[];
  /**
   * Address ranges admitted as well (e.g. the VPC, for a load balancer that sends traffic to pod
   * IPs). No namespace and no range: no policy is created.
   * @default - none
   */
  readonly cidrs?: readonly string[];
  /** Labels of the pods they may reach. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Ports they may reach. */
  readonly ports: readonly number[];
}

/** Options of {@link isolateNamespace}. */
export interface NamespaceIsolationOptions {
  /** The namespace (its name, or the name attribute of its resource so the policies wait for it). */
  readonly namespace: string;
  /** Prefix of the policies' names. */
  readonly prefix: string;
  /** Labels of the policies. */
  readonly labels: Readonly<Record<string, string>>;
  /** Clients from other namespaces. @default - none */
  readonly clients?: readonly NamespaceClients[];
}

/** Creates `<prefix>-default-deny`, `<prefix>-same-namespace` and one `<prefix>-<client name>` per client group. */
export function isolateNamespace(scope: Construct, options: NamespaceIsolationOptions): KubernetesNetworkPolicyV1[] {
  const metadata = (name: string) => ({ name: `${options.prefix}-${name}`, namespace: options.namespace, labels: { ...options.labels } });
  const policies = [
    new KubernetesNetworkPolicyV1(scope, 'default-deny', { metadata: metadata('default-deny'), spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
    new KubernetesNetworkPolicyV1(scope, 'same-namespace', {
      metadata: metadata('same-namespace'),
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
    }),
  ];
  for (const client of options.clients ?? []) {
    const cidrs = client.cidrs ?? [];
    if (client.namespaces.length === 0 && cidrs.length === 0) continue;
    const from: Array<Record<string, unknown>> = [];
    if (client.namespaces.length > 0) {
      from.push({ namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...new Set(client.namespaces)].sort() }] } });
    }
    for (const cidr of cidrs) from.push({ ipBlock: { cidr } });
    policies.push(
      new KubernetesNetworkPolicyV1(scope, client.name, {
        metadata: metadata(client.name),
        spec: {
          podSelector: { matchLabels: { ...client.podLabels } },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from,
              ports: client.ports.map((port) => ({ port: String(port), protocol: 'TCP' })),
            },
          ],
        },
      }),
    );
  }
  return policies;
}
