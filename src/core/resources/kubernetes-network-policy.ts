/**
 * `KubernetesNetworkPolicyV1`: a Kubernetes `NetworkPolicy` as the `kubernetes_network_policy_v1`
 * resource, typed and synthesized like the provider binding's `NetworkPolicyV1` without loading it
 * (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { NetworkPolicyV1Config } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesObjectResource } from './kubernetes-object-resource';

/** A `kubernetes_network_policy_v1` resource. */
export class KubernetesNetworkPolicyV1 extends KubernetesObjectResource<NetworkPolicyV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_network_policy_v1';

  constructor(scope: Construct, id: string, config: NetworkPolicyV1Config) {
    super(scope, id, KubernetesNetworkPolicyV1.tfResourceType, new Set(['annotations', 'labels', 'match_labels']), config);
  }
}
