/**
 * The synthesized Terraform JSON of one stack set, read as a deployment sees it: its stacks in
 * deploy order, every resource with its address, and the Kubernetes objects (typed `kubernetes_*`
 * resources, `kubernetes_manifest`s, `helm_release`s) with their namespace resolved where the JSON
 * makes it knowable.
 */
import * as fs from 'fs';
import * as path from 'path';
import { referencedAddresses } from '../../../src/core/layers/deployability-check';
import { helmValues } from '../../../src/synth/helm-values';
import { TfJson } from '../synth';

/** One stack of a set. */
export interface StackJson {
  readonly name: string;
  readonly json: TfJson;
}

/** A stack set: its stacks in deploy order (data, cloud, platform, workloads). */
export interface SetJson {
  readonly name: string;
  readonly stacks: readonly StackJson[];
}

/** A resource of a set. */
export interface Resource {
  readonly stack: string;
  /** Position of its stack in deploy order. */
  readonly stackIndex: number;
  readonly type: string;
  readonly address: string;
  readonly body: any;
}

/** A Kubernetes object of a set (or a Helm release, which lives in a namespace too). */
export interface KubeObject {
  readonly resource: Resource;
  readonly kind: string;
  /** The namespace, when it is a literal or a reference the JSON resolves; undefined for cluster-scoped objects. */
  readonly namespace?: string;
  /** The namespace as written, a literal or a `${…}` reference. */
  readonly rawNamespace?: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const LAYERS = ['data', 'cloud', 'platform', 'workloads'];

/** The stack sets written under a cdktf output directory, grouped by `<set>-<layer>` stack names. */
export function readSets(outdir: string): SetJson[] {
  const names = fs.readdirSync(path.join(outdir, 'stacks')).sort();
  const sets = new Map<string, StackJson[]>();
  for (const name of names) {
    const layer = LAYERS.find((l) => name.endsWith(`-${l}`));
    const set = layer ? name.slice(0, -layer.length - 1) : name;
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TfJson;
    sets.set(set, [...(sets.get(set) ?? []), { name, json }]);
  }
  const order = (s: StackJson) => LAYERS.findIndex((l) => s.name.endsWith(`-${l}`));
  return [...sets.entries()].map(([name, stacks]) => ({ name, stacks: stacks.sort((a, b) => order(a) - order(b)) }));
}

/** Every resource of the set. */
export function resourcesOf(set: SetJson): Resource[] {
  return set.stacks.flatMap((stack, stackIndex) =>
    Object.entries(stack.json.resource ?? {}).flatMap(([type, byId]) => Object.entries(byId).map(([id, body]) => ({ stack: stack.name, stackIndex, type, address: `${type}.${id}`, body }))),
  );
}

/** `kubernetes_cron_job_v1` → `CronJob`. */
export function kindOfType(type: string): string {
  return type
    .replace(/^kubernetes_/, '')
    .replace(/_v\d+$/, '')
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.metadata\[0\]\.name\}$/;

/** A literal, or `${type.id.metadata[0].name}` of a resource in the same stack resolved to that name. */
export function resolveName(value: unknown, set: SetJson, stack: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = REFERENCE.exec(value);
  if (!ref) return value.includes('${') ? undefined : value;
  const target = set.stacks.find((s) => s.name === stack)?.json.resource?.[ref[1]]?.[ref[2]];
  return typeof target?.metadata?.name === 'string' ? target.metadata.name : undefined;
}

/** The Kubernetes objects of the set: typed resources, manifests and Helm releases. */
export function kubeObjects(set: SetJson): KubeObject[] {
  const out: KubeObject[] = [];
  for (const r of resourcesOf(set)) {
    if (r.type === 'kubernetes_manifest') {
      const m = r.body.manifest ?? {};
      out.push(object(set, r, m.kind, m.metadata?.namespace, m.metadata?.name, m.metadata?.labels));
    } else if (r.type === 'helm_release') {
      out.push(object(set, r, 'HelmRelease', r.body.namespace ?? 'default', r.body.name, {}));
    } else if (r.type.startsWith('kubernetes_') && r.body.metadata && !Array.isArray(r.body.metadata)) {
      out.push(object(set, r, kindOfType(r.type), r.body.metadata.namespace, r.body.metadata.name, r.body.metadata.labels));
    }
  }
  return out;
}

function object(set: SetJson, resource: Resource, kind: string, rawNamespace: unknown, name: unknown, labels: unknown): KubeObject {
  return {
    resource,
    kind: String(kind),
    namespace: rawNamespace === undefined ? undefined : resolveName(rawNamespace, set, resource.stack),
    rawNamespace: typeof rawNamespace === 'string' ? rawNamespace : undefined,
    name: String(resolveName(name, set, resource.stack) ?? name),
    labels: { ...((labels as Record<string, string>) ?? {}) },
  };
}

const parsedValues = new WeakMap<object, any>();

/** The values a Helm release passes to its chart (empty when they are not literal YAML); parsed once per release. */
export function releaseValues(body: any): any {
  if (!parsedValues.has(body)) {
    const values = helmValues({ type: 'helm_release', mode: 'managed', attributes: body });
    parsedValues.set(body, values === 'unknown' ? {} : values);
  }
  return parsedValues.get(body);
}

/** Reads a dotted path of chart values with a default (the chart's own default). */
export function valueReader(values: any): <T>(p: string, fallback: T) => T {
  return <T>(p: string, fallback: T): T => {
    const found = p.split('.').reduce((o: any, k) => (o === null || o === undefined ? undefined : o[k]), values);
    return found === undefined || found === null ? fallback : (found as T);
  };
}

/** `oci://…/karpenter` or `karpenter` → `karpenter`. */
export function chartName(chart: string): string {
  return chart.split('/').pop() ?? chart;
}

/** The chart's `fullname` helper (the same in every chart here): fullnameOverride, else release, else release-name. */
export function helmFullname(release: string, name: string, values: any): string {
  const override = valueReader(values)('fullnameOverride', '');
  const full = override || (release.includes(name) ? release : `${release}-${name}`);
  return full.slice(0, 63).replace(/-+$/, '');
}

const graphs = new WeakMap<StackJson, Map<string, string[]>>();

/** Each resource's direct dependencies within its stack: `depends_on` and `${…}` references. */
function dependencyGraph(stack: StackJson): Map<string, string[]> {
  let graph = graphs.get(stack);
  if (graph) return graph;
  graph = new Map();
  const bodies: Array<[string, any]> = Object.entries(stack.json.resource ?? {}).flatMap(([type, byId]) => Object.entries(byId).map(([id, body]): [string, any] => [`${type}.${id}`, body]));
  for (const [address, body] of bodies) {
    const { ['//']: _meta, depends_on: dependsOn, ...rest } = body;
    graph.set(address, [...(dependsOn ?? []), ...referencedAddresses(JSON.stringify(rest))]);
  }
  graphs.set(stack, graph);
  return graph;
}

/**
 * Addresses reachable from `address` within its stack through `depends_on` and `${…}` references
 * (what Terraform creates before it).
 */
export function dependencyClosure(stack: StackJson, address: string): Set<string> {
  const graph = dependencyGraph(stack);
  const seen = new Set<string>();
  const todo = [...(graph.get(address) ?? [])];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (seen.has(next) || !graph.has(next)) continue;
    seen.add(next);
    todo.push(...graph.get(next)!);
  }
  return seen;
}
