/**
 * Namespace wiring: every namespaced object is created after its namespace — the namespace is
 * created by an earlier stack of the set, or by the same stack with a dependency path (`depends_on`
 * or a reference) from the object to it; or it is a namespace every cluster has.
 */
import { dependencyClosure, KubeObject, SetJson } from './model';
import { BUILT_IN_NAMESPACES } from './upstream-objects';

/** The namespace an object creates: a Namespace, or a Helm release with `create_namespace`. */
function createdNamespace(o: KubeObject): string | undefined {
  if (o.kind === 'Namespace') return o.name;
  if (o.kind === 'HelmRelease' && o.resource.body.create_namespace === true) return o.namespace;
  return undefined;
}

/** Problems of the namespace wiring of one set (empty when every object can be created on a first apply). */
export function namespaceProblems(set: SetJson, objects: readonly KubeObject[]): string[] {
  const creators = new Map<string, KubeObject>();
  for (const o of objects) {
    const created = createdNamespace(o);
    if (created !== undefined && !creators.has(created)) creators.set(created, o);
  }
  const problems: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Namespace' || o.rawNamespace === undefined) continue;
    const what = `${o.resource.stack} ${o.resource.address} (${o.kind} ${o.rawNamespace}/${o.name})`;
    if (o.namespace === undefined) {
      problems.push(`${what}: its namespace ${o.rawNamespace} does not resolve to a namespace of the set`);
      continue;
    }
    const creator = creators.get(o.namespace);
    if (creator === o || BUILT_IN_NAMESPACES.has(o.namespace)) continue;
    if (!creator) {
      problems.push(`${what}: no stack of the set creates namespace "${o.namespace}"`);
    } else if (creator.resource.stackIndex > o.resource.stackIndex) {
      problems.push(`${what}: namespace "${o.namespace}" is created later, by ${creator.resource.stack} ${creator.resource.address}`);
    } else if (creator.resource.stackIndex === o.resource.stackIndex) {
      const stack = set.stacks[o.resource.stackIndex];
      if (!dependencyClosure(stack, o.resource.address).has(creator.resource.address)) {
        problems.push(`${what}: no dependency path to ${creator.resource.address}, which creates namespace "${o.namespace}" in the same stack (a first apply creates both at once and the API server rejects the object)`);
      }
    }
  }
  return problems;
}
