/**
 * The state moves the data layer asks of an existing deployment, computed from two synth outputs:
 * the resource addresses main synthesized before the data layer (fixtures/resources-before-data-layer.json)
 * and the current ones. docs/migration/data-layer.md carries the table rendered here; the reference
 * stack test checks it is exactly this (`MLOPS_WRITE_DOCS=1 npx jest test/stacks` rewrites it).
 */
import * as fs from 'fs';
import * as path from 'path';

/** Layers of a reference set. */
export const LAYERS = ['data', 'cloud', 'platform', 'workloads'] as const;
export type SetLayer = (typeof LAYERS)[number];

/** Resource addresses (`type.logical_id`) by set and layer. */
export type AddressesBySet = Record<string, Partial<Record<SetLayer, string[]>>>;

/** One resource that changes stack: same address, from the cloud stack's state to the data stack's. */
export interface Move {
  readonly address: string;
  /** Construct path relative to the stack (the same in both). */
  readonly constructPath: string;
  /** Reference sets (`<set>-<env>`) that have it. */
  readonly sets: readonly string[];
}

export const BEFORE_FIXTURE = path.join(__dirname, 'fixtures', 'resources-before-data-layer.json');
export const MIGRATION_DOC = path.join(__dirname, '..', '..', 'docs', 'migration', 'data-layer.md');
const BEGIN = '<!-- moves:begin (generated from test/stacks/data-layer-moves.ts; do not edit) -->';
const END = '<!-- moves:end -->';

/** The addresses main synthesized before the data layer. */
export function addressesBefore(): AddressesBySet {
  return JSON.parse(fs.readFileSync(BEFORE_FIXTURE, 'utf8')).sets;
}

/** The managed resources of a synthesized stack: address → construct path relative to the stack. */
export function resourcesOf(json: { resource?: Record<string, Record<string, any>> }): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [id, r] of Object.entries(byName)) out.set(`${type}.${id}`, String(r['//']?.metadata?.path ?? '').split('/').slice(1).join('/'));
  }
  return out;
}

/** Where each address of a set is: address → layer (every address of a set is in one stack). */
export function layerOfAddress(bySet: Partial<Record<SetLayer, string[]>>): Map<string, SetLayer> {
  const out = new Map<string, SetLayer>();
  for (const layer of LAYERS) for (const a of bySet[layer] ?? []) out.set(a, layer);
  return out;
}

/** The moves of every set, merged by address (sorted by construct path, then address). */
export function movesOf(before: AddressesBySet, after: AddressesBySet, paths: Map<string, string>): Move[] {
  const byAddress = new Map<string, string[]>();
  for (const set of Object.keys(after).sort()) {
    const was = layerOfAddress(before[set] ?? {});
    for (const address of after[set].data ?? []) {
      if (was.get(address) === 'cloud') byAddress.set(address, [...(byAddress.get(address) ?? []), set]);
    }
  }
  return [...byAddress.entries()]
    .map(([address, sets]) => ({ address, constructPath: paths.get(address) ?? '', sets }))
    .sort((a, b) => a.constructPath.localeCompare(b.constructPath) || a.address.localeCompare(b.address));
}

/** The Markdown table of the moves, between the generated-section markers. */
export function renderMoves(moves: readonly Move[], allSets: readonly string[]): string {
  // `<set>-*` when a set has it in every environment
  const compact = (names: readonly string[]) =>
    [...new Set(names.map((n) => n.replace(/-[^-]+$/, '')))]
      .map((base) => {
        const envs = allSets.filter((n) => n.startsWith(`${base}-`));
        return envs.every((n) => names.includes(n)) ? `${base}-*` : names.filter((n) => n.startsWith(`${base}-`)).join(', ');
      })
      .join(', ');
  const sets = (m: Move) => (m.sets.length === allSets.length ? 'all' : compact(m.sets));
  const rows = moves.map((m) => `| \`${m.address}\` | \`${m.constructPath}\` | ${sets(m)} |`);
  return [BEGIN, '', `${moves.length} resources; "all" = every reference set (${allSets.join(', ')}); \`<set>-*\` = both environments of that set.`, '', '| address (the same in both states) | construct path | reference sets |', '|---|---|---|', ...rows, '', END].join('\n');
}

/** The generated section of the migration doc as it is now. */
export function documentedMoves(doc = fs.readFileSync(MIGRATION_DOC, 'utf8')): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${MIGRATION_DOC}: the generated section markers are missing`);
  return doc.slice(start, end + END.length);
}

/** Rewrites the generated section of the migration doc (MLOPS_WRITE_DOCS=1). */
export function writeDocumentedMoves(section: string): void {
  const doc = fs.readFileSync(MIGRATION_DOC, 'utf8');
  fs.writeFileSync(MIGRATION_DOC, doc.replace(documentedMoves(doc), section));
}
