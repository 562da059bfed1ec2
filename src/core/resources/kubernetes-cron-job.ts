/**
 * `KubernetesCronJobV1`: a Kubernetes scheduled Job (`CronJob`) as the `kubernetes_cron_job_v1` resource, typed and
 * synthesized like the provider binding's `CronJobV1` without loading it (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { CronJobV1Config } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

/** A `kubernetes_cron_job_v1` resource. */
export class KubernetesCronJobV1 extends ProviderResource<CronJobV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_cron_job_v1';
  private static readonly TYPE: ProviderResourceType = {
    terraformResourceType: KubernetesCronJobV1.tfResourceType,
    generatorMetadata: GENERATOR_METADATA.kubernetes,
    mapArguments: POD_SPEC_MAP_ARGUMENTS,
  };

  constructor(scope: Construct, id: string, config: CronJobV1Config) {
    super(scope, id, KubernetesCronJobV1.TYPE, config);
  }

  /** `metadata` as given (what the binding's `metadataInput` returns; the namespace ordering reads it). */
  public get metadataInput(): CronJobV1Config['metadata'] {
    return this.config.metadata;
  }
}
