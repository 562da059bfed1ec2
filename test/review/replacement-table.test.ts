/**
 * The generated replacement table (src/review/replacement-table.ts, scripts/force-new) covers every
 * resource type the library can emit: every provider resource class imported anywhere under src/,
 * stacks/ or examples/ has an entry, with the provider versions recorded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPLACEMENT_FACTS, REPLACEMENT_FACTS_VERSIONS } from '../../src/review/force-new';

const ROOT = path.join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Terraform types of the provider resource classes the code imports (not data sources, not providers). */
function emittedTypes(): string[] {
  const modules = new Set<string>();
  for (const file of ['src', 'stacks', 'examples'].flatMap((d) => tsFiles(path.join(ROOT, d)))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(@cdktf\/provider-(?:aws|kubernetes|helm)\/lib\/[a-z0-9-]+)'/g)) modules.add(m[1]);
  }
  const types = new Set<string>();
  for (const mod of modules) {
    if (/\/lib\/(data-|provider$)/.test(mod)) continue;
    // the generated class declares `static tfResourceType = "<type>"` (read as text: loading ~60 modules is slow)
    for (const m of fs.readFileSync(require.resolve(mod), 'utf8').matchAll(/tfResourceType = "([a-z0-9_]+)"/g)) types.add(m[1]);
  }
  return [...types].sort();
}

test('every resource type the library can emit has replacement facts', () => {
  const types = emittedTypes();
  expect(types.length).toBeGreaterThan(55);
  expect(types.filter((t) => !REPLACEMENT_FACTS[t])).toEqual([]);
});

test('facts record where they come from and which versions the stacks pin', () => {
  expect(REPLACEMENT_FACTS_VERSIONS.aws).toEqual({ pinned: '6.25.0', facts: '5.100.0', how: expect.stringContaining('real provider plans') });
  expect(REPLACEMENT_FACTS_VERSIONS.kubernetes.pinned).toBe(REPLACEMENT_FACTS_VERSIONS.kubernetes.facts);
  expect(REPLACEMENT_FACTS_VERSIONS.helm.pinned).toBe(REPLACEMENT_FACTS_VERSIONS.helm.facts);
  // facts the provider gave, spot-checked: a VPC CIDR replaces, a node group's size does not
  expect(REPLACEMENT_FACTS.aws_vpc.replace).toContain('cidr_block');
  expect(REPLACEMENT_FACTS.aws_eks_node_group.inPlace).toContain('scaling_config.max_size');
  expect(REPLACEMENT_FACTS.aws_eks_cluster.inPlace).toContain('version');
});
