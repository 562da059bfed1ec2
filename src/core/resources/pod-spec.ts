/**
 * The map arguments of the pod-spec resources (`kubernetes_cron_job_v1`, `kubernetes_deployment_v1`,
 * `kubernetes_job_v1`): their keys are data (label keys, resource names) and are copied verbatim.
 * Pinned against the provider bindings by test/core/kubernetes.
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
