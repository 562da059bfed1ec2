/**
 * `KubernetesNetworkPolicyV1`: a Kubernetes `NetworkPolicy` as the `kubernetes_network_policy_v1`
 * resource, typed and synthesized like the provider binding's `NetworkPolicyV1` without loading it
 * (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { NetworkPolicyV1Config } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

/** A `kubernetes_network_policy_v1` resource. */
export class KubernetesNetworkPolicyV1 extends ProviderResource<NetworkPolicyV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_network_policy_v1';
  private static readonly TYPE: ProviderResourceType = {
    terraformResourceType: KubernetesNetworkPolicyV1.tfResourceType,
    generatorMetadata: GENERATOR_METADATA.kubernetes,
    mapArguments: new Set(['annotations', 'labels', 'match_labels']),
  };

  constructor(scope: Construct, id: string, config: NetworkPolicyV1Config) {
    super(scope, id, KubernetesNetworkPolicyV1.TYPE, config);
  }

  /** `metadata` as given (what the binding's `metadataInput` returns; the namespace ordering reads it). */
  public get metadataInput(): NetworkPolicyV1Config['metadata'] {
    return this.config.metadata;
  }
}
