/**
 * Names of cluster objects claimed at construction, per app and cluster: two constructs that would
 * write the same object (two InferenceServices `llm` in one namespace, two GPU operator releases)
 * fail when the second is created, naming the first, instead of fighting over the object at apply.
 */
import { Construct, IConstruct } from 'constructs';
import { failProp } from '../validation';
import { clusterNameOf } from './stack-region';

const claims = new WeakMap<IConstruct, Map<string, IConstruct>>();

/**
 * Claims `kind` `namespace/name` on the cluster of `scope`'s stack for `scope`; fails (on `prop`)
 * when another construct of the app claimed it for the same cluster.
 */
export function claimClusterObject(scope: Construct, prop: string, kind: string, namespace: string | undefined, name: string): void {
  const root = scope.node.root;
  const byKey = claims.get(root) ?? new Map<string, IConstruct>();
  claims.set(root, byKey);
  const cluster = clusterNameOf(scope);
  const id = namespace === undefined ? name : `${namespace}/${name}`;
  const key = `${cluster}\u0000${kind}\u0000${id}`;
  const owner = byKey.get(key);
  if (owner !== undefined && owner !== scope && isAttached(owner)) {
    failProp(
      scope,
      prop,
      name,
      `names ${kind} ${id}${cluster ? ` on cluster "${cluster}"` : ''}, which ${owner.node.path} already creates; give one of them another name${namespace === undefined ? '' : ' or namespace'}`,
    );
  }
  byKey.set(key, scope);
}

/** False once the construct (or an ancestor) was removed from the tree (`tryRemoveChild`). */
function isAttached(construct: IConstruct): boolean {
  for (let c = construct; c.node.scope !== undefined; c = c.node.scope) {
    if (c.node.scope.node.tryFindChild(c.node.id) !== c) return false;
  }
  return true;
}
