/**
 * Common tags. Every stack the library builds configures its AWS provider with `default_tags`, so
 * every taggable AWS resource gets them without each construct repeating them; resources that AWS
 * launches on our behalf (instances of node groups and Karpenter) get them through launch template
 * tag specifications and EC2NodeClass `tags`.
 */

import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Tag keys the library sets. */
export const TAG_KEYS = {
  project: 'mlops:project',
  environment: 'mlops:environment',
  managedBy: 'mlops:managed-by',
  stack: 'mlops:stack',
} as const;

/** Value of the `mlops:managed-by` tag. */
export const MANAGED_BY = 'cdktf-mlops';

/** The tags every AWS resource of a stack gets. */
export function commonTags(project: string, environment: string, stack?: string, extra: Record<string, string> = {}): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG_KEYS.project]: project,
    [TAG_KEYS.environment]: environment,
    [TAG_KEYS.managedBy]: MANAGED_BY,
  };
  if (stack) tags[TAG_KEYS.stack] = stack;
  return sortKeys({ ...tags, ...extra });
}

/** A copy of `record` with its keys sorted, for deterministic output. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

/**
 * The common tags of the library stack that contains `scope` (empty for stacks not made by the
 * library). For tags that `default_tags` does not reach: instances and volumes launched from launch
 * templates, Karpenter EC2NodeClass `tags`.
 */
export function stackTags(scope: IConstruct): Record<string, string> {
  const stack = TerraformStack.of(scope) as TerraformStack & { project?: string; environment?: string };
  if (typeof stack.project !== 'string' || typeof stack.environment !== 'string') return {};
  return commonTags(stack.project, stack.environment, stack.node.id);
}
