/**
 * The pod-spec resources: `KubernetesCronJobV1`, `KubernetesDeploymentV1` and `KubernetesJobV1`
 * declare `kubernetes_cron_job_v1`, `kubernetes_deployment_v1` and `kubernetes_job_v1`, typed and
 * synthesized like the provider bindings' `CronJobV1`, `DeploymentV1` and `JobV1` without loading
 * them (~4.6 MiB of JavaScript each; see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { CronJobV1Config } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import type { DeploymentV1Config } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { JobV1Config } from '@cdktf/provider-kubernetes/lib/job-v1';
import { KubernetesObjectResource } from './kubernetes-object-resource';

/**
 * The map arguments of the pod spec (label keys, resource names: data, copied verbatim). Pinned
 * against the bindings by test/core/provider-resources.test.ts.
 */
export const POD_SPEC_MAP_ARGUMENTS: ReadonlySet<string> = new Set([
  'annotations',
  'labels',
  'limits',
  'match_labels',
  'node_selector',
  'options',
  'requests',
  'volume_attributes',
]);

/** The three pod-spec resources: they differ only in type and config. */
export abstract class PodSpecResource<C extends CronJobV1Config | DeploymentV1Config | JobV1Config> extends KubernetesObjectResource<C> {
  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: C) {
    super(scope, id, terraformResourceType, POD_SPEC_MAP_ARGUMENTS, config);
  }
}

/** A Kubernetes scheduled Job (`CronJob`): the `kubernetes_cron_job_v1` resource. */
export class KubernetesCronJobV1 extends PodSpecResource<CronJobV1Config> {
  constructor(scope: Construct, id: string, config: CronJobV1Config) {
    super(scope, id, 'kubernetes_cron_job_v1', config);
  }
}

/** A Kubernetes `Deployment`: the `kubernetes_deployment_v1` resource. */
export class KubernetesDeploymentV1 extends PodSpecResource<DeploymentV1Config> {
  constructor(scope: Construct, id: string, config: DeploymentV1Config) {
    super(scope, id, 'kubernetes_deployment_v1', config);
  }
}

/** A Kubernetes run-to-completion `Job`: the `kubernetes_job_v1` resource. */
export class KubernetesJobV1 extends PodSpecResource<JobV1Config> {
  constructor(scope: Construct, id: string, config: JobV1Config) {
    super(scope, id, 'kubernetes_job_v1', config);
  }
}
