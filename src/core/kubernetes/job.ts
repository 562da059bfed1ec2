/**
 * `KubernetesJobV1`: a Kubernetes run-to-completion `Job` as the `kubernetes_job_v1` resource, typed and
 * synthesized like the provider binding's `JobV1` without loading it (see {@link KubernetesResource}).
 */
import { Construct } from 'constructs';
import type { JobV1Config } from '@cdktf/provider-kubernetes/lib/job-v1';
import { KubernetesResource } from './kubernetes-resource';
import { POD_SPEC_MAP_ARGUMENTS } from './pod-spec';

/** A `kubernetes_job_v1` resource. */
export class KubernetesJobV1 extends KubernetesResource<JobV1Config> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_job_v1';

  constructor(scope: Construct, id: string, config: JobV1Config) {
    super(scope, id, KubernetesJobV1.tfResourceType, config, POD_SPEC_MAP_ARGUMENTS);
  }
}
