/**
 * `KubernetesDeploymentV1`: a Kubernetes `Deployment` as the `kubernetes_deployment_v1` resource, typed and
 * synthesized like the provider binding's `DeploymentV1` without loading it (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { DeploymentV1Config } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

/** A `kubernetes_deployment_v1` resource. */
export class KubernetesDeploymentV1 extends ProviderResource<DeploymentV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_deployment_v1';
  private static readonly TYPE: ProviderResourceType = {
    terraformResourceType: KubernetesDeploymentV1.tfResourceType,
    generatorMetadata: GENERATOR_METADATA.kubernetes,
    mapArguments: POD_SPEC_MAP_ARGUMENTS,
  };

  constructor(scope: Construct, id: string, config: DeploymentV1Config) {
    super(scope, id, KubernetesDeploymentV1.TYPE, config);
  }

  /** `metadata` as given (what the binding's `metadataInput` returns; the namespace ordering reads it). */
  public get metadataInput(): DeploymentV1Config['metadata'] {
    return this.config.metadata;
  }
}
