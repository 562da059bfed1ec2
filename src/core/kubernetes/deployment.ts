/**
 * `KubernetesDeploymentV1`: a Kubernetes `Deployment` as the `kubernetes_deployment_v1` resource, typed and
 * synthesized like the provider binding's `DeploymentV1` without loading it (see {@link KubernetesResource}).
 */
import { Construct } from 'constructs';
import type { DeploymentV1Config } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesResource } from './kubernetes-resource';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';

/** A `kubernetes_deployment_v1` resource. */
export class KubernetesDeploymentV1 extends KubernetesResource<DeploymentV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_deployment_v1';

  constructor(scope: Construct, id: string, config: DeploymentV1Config) {
    super(scope, id, KubernetesDeploymentV1.tfResourceType, config, POD_SPEC_MAP_ARGUMENTS);
  }
}
