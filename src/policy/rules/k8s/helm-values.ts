/**
 * Best-effort scanning of Helm values. Charts differ in shape, so the scan does not require fields
 * (a chart's own defaults are not visible in the release); it reports values that are *explicitly*
 * insecure wherever they appear in the values tree — `privileged: true`, `runAsNonRoot: false`,
 * `hostNetwork: true`, an image tag `latest`, a `resources` map without requests, a literal password —
 * which is exactly what the library's typed values and a user's overrides can introduce.
 */
import { isObject, Json } from '../../values';

/** One node of the values tree. */
export interface ValueNode {
  /** Dotted path from the values root, e.g. `controller.securityContext.privileged`. */
  readonly path: string;
  /** The key under its parent (array indices as numbers). */
  readonly key: string | number;
  readonly value: unknown;
  /** The object or array holding it. */
  readonly parent: unknown;
}

/** Every node of `values`, depth first, in key order. */
export function walkValues(values: Json): ValueNode[] {
  // the rules over Helm values all walk the same (memoized) values tree: walk it once
  let nodes = WALKED.get(values);
  if (!nodes) WALKED.set(values, (nodes = walk(values)));
  return nodes;
}

const WALKED = new WeakMap<Json, ValueNode[]>();

function walk(values: Json): ValueNode[] {
  const out: ValueNode[] = [];
  const visit = (value: unknown, path: string, key: string | number, parent: unknown): void => {
    if (path !== '') out.push({ path, key, value, parent });
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`, i, value));
    else if (isObject(value)) for (const k of Object.keys(value).sort()) visit(value[k], path === '' ? k : `${path}.${k}`, k, value);
  };
  visit(values, '', '', undefined);
  return out;
}

/** `values.<path> = <value>` for messages. */
export function valueAt(node: ValueNode): string {
  return `values.${node.path} = ${JSON.stringify(node.value)}`;
}
