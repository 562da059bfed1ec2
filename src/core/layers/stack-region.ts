/**
 * The AWS region a stack deploys to, when it is known at synth time: the literal `region` of the
 * stack's AWS provider (every layer stack has one; a stack of your own may too).
 */
import { Token, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ClusterAttributes, IClusterRef } from './cluster-connection';
import { failProp } from '../validation';

/** The literal region of the stack of `scope`, or undefined (no AWS provider, or its region is a reference). */
export function stackRegion(scope: Construct): string | undefined {
  const stack = TerraformStack.of(scope);
  for (const child of stack.node.children) {
    if (child instanceof AwsProvider) {
      const region = child.region;
      return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
    }
  }
  return undefined;
}

/**
 * Fails when `cluster` is in another region than the stack of `scope` deploys to: the stack's
 * Pod Identity associations, roles' data sources and Kubernetes credentials would look for the
 * cluster in the wrong region.
 */
export function requireClusterRegion(scope: Construct, prop: string, cluster: IClusterRef): void {
  const region = stackRegion(scope);
  if (region === undefined || Token.isUnresolved(cluster.region) || cluster.region === region) return;
  failProp(
    scope,
    prop,
    cluster.region,
    `is the region of cluster "${cluster.clusterName}", but stack "${TerraformStack.of(scope).node.id}" deploys to ${region}; create the stack in ${cluster.region} (its region prop), or use the cluster of ${region}`,
  );
}

/**
 * `cluster.bind(scope)` after checking that the cluster is a cluster reference and in the region of
 * the stack of `scope` (`prop` names it in errors).
 */
export function bindCluster(scope: Construct, prop: string, cluster: IClusterRef): ClusterAttributes {
  if (cluster === undefined || cluster === null || typeof (cluster as Partial<IClusterRef>).bind !== 'function') {
    failProp(scope, prop, cluster, `${cluster === undefined ? 'is required' : 'is not a cluster reference'}; pass a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)`);
  }
  requireClusterRegion(scope, prop, cluster);
  return cluster.bind(scope);
}

/**
 * The name of the cluster the stack of `scope` talks to (a platform or workloads stack), or `''`
 * elsewhere: the key under which per-cluster registries (MIG configurations, claimed object names)
 * keep what constructs declare, so two environments in one app never mix.
 */
export function clusterNameOf(scope: Construct): string {
  const stack = TerraformStack.of(scope) as TerraformStack & { cluster?: IClusterRef };
  return stack.cluster !== undefined && typeof stack.cluster.clusterName === 'string' ? stack.cluster.clusterName : '';
}
