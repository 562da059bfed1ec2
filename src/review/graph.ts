/**
 * Mermaid diagram of a cdktf output: one subgraph per stack, one node per component (resources
 * grouped by the first construct-path segment(s) under the stack), and edges for
 * - stack dependencies from manifest.json (thick),
 * - cross-stack references through `terraform_remote_state` outputs (dotted, component to component),
 * - references and `depends_on` between components of the same stack (plain).
 * Deterministic: stacks, components and edges are sorted.
 */
import { Reference, referencesInValue } from '../synth/expressions';
import { SynthOutput, SynthResource } from './types';

/** Options of {@link mermaidGraph}. */
export interface GraphOptions {
  /**
   * How many construct-path segments under the stack name a component.
   * @default 1
   */
  readonly depth?: number;
}

/** Name cdktf gives the remote-state data source of a cross-stack reference. */
export const CROSS_STACK_INPUT_PREFIX = 'cross-stack-reference-input-';

const ROOT = '(stack root)';

function componentOf(r: SynthResource, depth: number): string {
  if (!r.path) return ROOT;
  const parts = r.path.split('/');
  const under = parts[0] === r.stack ? parts.slice(1) : parts;
  // the last segment is the resource itself: a resource directly under the stack is its own component
  return under.length <= 1 ? under[0] ?? ROOT : under.slice(0, Math.min(depth, under.length - 1)).join('/');
}

function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/**
 * Components in another stack that a `terraform_remote_state` cross-stack reference reads
 * (through the output it names); undefined when `ref` is not a cross-stack reference.
 */
function remoteTargets(out: SynthOutput, ref: Reference, compOfAddress: ReadonlyMap<string, string>): string[] | undefined {
  const prefix = `data.terraform_remote_state.${CROSS_STACK_INPUT_PREFIX}`;
  if (!ref.address.startsWith(prefix)) return undefined;
  const other = ref.address.slice(prefix.length);
  const outputName = /^\.outputs\.([A-Za-z0-9_-]+)/.exec(ref.attribute)?.[1];
  const value = outputName ? out.stacks.get(other)?.outputs[outputName] : undefined;
  return referencesInValue(value)
    .map((target) => compOfAddress.get(`${other}\u0000${target.address}`))
    .filter((c): c is string => c !== undefined);
}

/** The Mermaid flowchart (without the surrounding code fence). */
export function mermaidGraph(out: SynthOutput, options: GraphOptions = {}): string {
  const depth = options.depth ?? 1;
  const stacks = [...out.stacks.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const stackId = new Map(stacks.map((s, i) => [s.name, `s${i}`]));
  // component key `${stack}\0${component}` → node id and resource count
  const comps = new Map<string, { id: string; count: number }>();
  const compOfAddress = new Map<string, string>();
  const lines = ['flowchart LR'];
  stacks.forEach((stack, i) => {
    const all = [...stack.resources.values(), ...stack.data.values()];
    const names = [...new Set([...stack.resources.values()].map((r) => componentOf(r, depth)))].sort();
    names.forEach((name, j) => comps.set(`${stack.name}\u0000${name}`, { id: `s${i}c${j}`, count: 0 }));
    for (const r of all) {
      const key = `${stack.name}\u0000${componentOf(r, depth)}`;
      const c = comps.get(key);
      if (!c) continue;
      compOfAddress.set(`${stack.name}\u0000${r.address}`, key);
      if (r.mode === 'managed') c.count++;
    }
    lines.push(`  subgraph s${i}[${label(stack.name)}]`);
    for (const name of names) {
      const c = comps.get(`${stack.name}\u0000${name}`)!;
      lines.push(`    ${c.id}[${label(`${name} (${c.count})`)}]`);
    }
    if (names.length === 0) lines.push(`    s${i}empty[${label('(no resources)')}]`);
    lines.push('  end');
  });
  const edges = new Set<string>();
  for (const stack of stacks) {
    for (const dep of stack.dependencies) if (stackId.has(dep)) edges.add(`  ${stackId.get(stack.name)} ==> ${stackId.get(dep)}`);
    for (const r of [...stack.resources.values(), ...stack.data.values()]) {
      const from = compOfAddress.get(`${stack.name}\u0000${r.address}`);
      if (!from) continue;
      for (const ref of referencesInValue(r.attributes)) {
        const remote = remoteTargets(out, ref, compOfAddress);
        if (remote) {
          for (const to of remote) edges.add(`  ${comps.get(from)!.id} -.-> ${comps.get(to)!.id}`);
          continue;
        }
        const to = compOfAddress.get(`${stack.name}\u0000${ref.address}`);
        if (to && to !== from) edges.add(`  ${comps.get(from)!.id} --> ${comps.get(to)!.id}`);
      }
    }
    // providers configured from another stack (kubernetes/helm from the cluster): stack → component
    for (const ref of referencesInValue(stack.providers)) {
      for (const to of remoteTargets(out, ref, compOfAddress) ?? []) edges.add(`  ${stackId.get(stack.name)} -.-> ${comps.get(to)!.id}`);
    }
  }
  lines.push(...[...edges].sort());
  return lines.join('\n');
}
