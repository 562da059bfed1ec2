/**
 * `KubernetesJobV1`: a Kubernetes run-to-completion `Job` as the `kubernetes_job_v1` resource, typed and
 * synthesized like the provider binding's `JobV1` without loading it (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { JobV1Config } from '@cdktf/provider-kubernetes/lib/job-v1';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

/** A `kubernetes_job_v1` resource. */
export class KubernetesJobV1 extends ProviderResource<JobV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_job_v1';
  private static readonly TYPE: ProviderResourceType = {
    terraformResourceType: KubernetesJobV1.tfResourceType,
    generatorMetadata: GENERATOR_METADATA.kubernetes,
    mapArguments: POD_SPEC_MAP_ARGUMENTS,
  };

  constructor(scope: Construct, id: string, config: JobV1Config) {
    super(scope, id, KubernetesJobV1.TYPE, config);
  }

  /** `metadata` as given (what the binding's `metadataInput` returns; the namespace ordering reads it). */
  public get metadataInput(): JobV1Config['metadata'] {
    return this.config.metadata;
  }
}
