/**
 * The accepted edge values (edge-values.ts) synthesize, reach the Terraform JSON unchanged (the
 * boundary the schemas accept is the value Terraform gets, not a clamped one), and form AWS-only
 * stacks, which is what lets `.ci/terraform-check` run real `terraform validate` and a plan on them.
 */
import { App, TerraformStack } from 'cdktf';
import { resourceAt, resourceList, synth, TfJson } from '../helpers/synth';
import { buildEdgeValueStacks, EDGE_STACKS } from './edge-values';

const app = buildEdgeValueStacks(new App({ skipBackendValidation: true }));
const json: Record<string, TfJson> = Object.fromEntries(EDGE_STACKS.map((name) => [name, synth(app.node.findChild(name) as TerraformStack)]));
const only = (stack: string, type: string): any => {
  const list = resourceList(json[stack], type);
  expect(list).toHaveLength(1);
  return list[0];
};

test.each(EDGE_STACKS)('%s uses the AWS provider only (the terraform check covers it)', (stack) => {
  expect(Object.keys(json[stack].terraform?.required_providers ?? {})).toEqual(['aws']);
});

test('the lower boundaries reach Terraform as given', () => {
  expect(only('edge-min', 'aws_eks_cluster').name).toBe('e');
  expect(resourceAt(json['edge-min'], 'aws_cloudwatch_log_group', 'cluster/log-group').retention_in_days).toBe(1);
  expect(resourceAt(json['edge-min'], 'aws_cloudwatch_log_group', 'network/flow-logs').retention_in_days).toBe(1);
  expect(only('edge-min', 'aws_db_instance')).toMatchObject({ allocated_storage: 20, max_allocated_storage: 21, backup_retention_period: 7 });
  expect(only('edge-min', 'aws_elasticache_replication_group')).toMatchObject({ num_cache_clusters: 1, snapshot_retention_limit: 1 });
  expect(resourceList(json['edge-min'], 'aws_iam_role').map((r) => r.name)).toContain('a');
});

test('the upper boundaries reach Terraform as given', () => {
  expect(only('edge-max', 'aws_eks_cluster').name).toBe('c'.repeat(100));
  expect(resourceAt(json['edge-max'], 'aws_cloudwatch_log_group', 'cluster/log-group').retention_in_days).toBe(3653);
  expect(resourceAt(json['edge-max'], 'aws_cloudwatch_log_group', 'network/flow-logs').retention_in_days).toBe(3653);
  expect(only('edge-max', 'aws_db_instance')).toMatchObject({ allocated_storage: 65535, max_allocated_storage: 65536, backup_retention_period: 35 });
  expect(only('edge-max', 'aws_elasticache_replication_group')).toMatchObject({ num_cache_clusters: 6, snapshot_retention_limit: 35 });
  expect(resourceList(json['edge-max'], 'aws_iam_role').map((r) => r.name)).toContain('r'.repeat(64));
  expect(resourceList(json['edge-max'], 'aws_eks_node_group')[0].scaling_config).toEqual({ desired_size: 100, min_size: 100, max_size: 100 });
});
