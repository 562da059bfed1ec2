/**
 * `KubernetesCronJobV1`: a Kubernetes scheduled Job (`CronJob`) as the `kubernetes_cron_job_v1` resource, typed and
 * synthesized like the provider binding's `CronJobV1` without loading it (see {@link KubernetesResource}).
 */
import { Construct } from 'constructs';
import type { CronJobV1Config } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { KubernetesResource } from './kubernetes-resource';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';

/** A `kubernetes_cron_job_v1` resource. */
export class KubernetesCronJobV1 extends KubernetesResource<CronJobV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_cron_job_v1';

  constructor(scope: Construct, id: string, config: CronJobV1Config) {
    super(scope, id, KubernetesCronJobV1.tfResourceType, config, POD_SPEC_MAP_ARGUMENTS);
  }
}
