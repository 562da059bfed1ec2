/**
 * Whether a MIG layout (profile → instances per GPU) can be created on a GPU, and if not, why and
 * what would fit. A layout is accepted only when NVIDIA's placement rules allow it: every instance
 * starts at one of its profile's allowed memory-slice offsets, no two instances overlap, and the
 * compute slices add up to at most the GPU's.
 */
import { MigGpuSpec, MigProfile, MIG_GPUS, withArticle } from './profiles';
import { MigGpuModel, MigLayout } from './types';

/** One instance of a placed layout. */
export interface MigPlacement {
  readonly profile: string;
  /** First memory slice. */
  readonly start: number;
  /** Memory slices occupied. */
  readonly size: number;
}

/** A layout that fits, with one placement that proves it. */
export interface MigLayoutFits {
  readonly ok: true;
  /** Instances in memory-slice order. */
  readonly placements: readonly MigPlacement[];
}

/** A layout that does not fit. */
export interface MigLayoutRejected {
  readonly ok: false;
  /** What is wrong, e.g. `does not fit an H100 80GB (memory slices 9 > 8)`. */
  readonly problem: string;
  /** How to fix it, e.g. `drop 1 × 1g.10gb; {3g.40gb: 2} fits`. */
  readonly fix: string;
  /** `layout {…} <problem>; <fix>` */
  readonly message: string;
  /** The closest layout that fits (keeps most of the requested compute slices), when there is one. */
  readonly suggestion?: MigLayout;
}

/** Result of {@link validateMigLayout}. */
export type MigLayoutCheck = MigLayoutFits | MigLayoutRejected;

/** `{3g.40gb: 2, 1g.10gb: 1}` */
export function formatLayout(layout: MigLayout): string {
  return `{${Object.entries(layout)
    .map(([name, count]) => `${name}: ${count}`)
    .join(', ')}}`;
}

/**
 * Checks a layout of one GPU model.
 *
 * @example validateMigLayout('H100-80GB', { '3g.40gb': 2, '1g.10gb': 1 })
 * // → { ok: false, message: 'layout {3g.40gb: 2, 1g.10gb: 1} does not fit an H100 80GB (memory slices 9 > 8); drop 1 × 1g.10gb; {3g.40gb: 2} fits', … }
 */
export function validateMigLayout(gpu: MigGpuModel, layout: MigLayout): MigLayoutCheck {
  const spec = MIG_GPUS[gpu];
  if (spec === undefined) {
    return reject(layout, `names an unknown GPU model ${JSON.stringify(gpu)}`, `use one of ${Object.keys(MIG_GPUS).join(', ')}`);
  }
  return checkLayout(spec, layout);
}

/** {@link validateMigLayout} against an explicit GPU table (also used for tables not in `MIG_GPUS`). */
export function checkLayout(spec: MigGpuSpec, layout: MigLayout): MigLayoutCheck {
  const gpu = withArticle(spec.displayName);
  const entries = Object.entries(layout);
  if (entries.length === 0) {
    return reject(layout, `is empty`, `give at least one profile per GPU, e.g. {${spec.profiles[0].name}: 1}`);
  }
  for (const [name] of entries) {
    if (!spec.profiles.some((p) => p.name === name)) {
      return reject(layout, `names ${name}, which is not a MIG profile of ${gpu}`, unknownProfileFix(spec, name));
    }
  }
  for (const [name, count] of entries) {
    if (!Number.isInteger(count) || count < 1) {
      return reject(layout, `gives ${name} a count of ${count}`, 'give each profile a whole number of instances per GPU (at least 1), or leave it out');
    }
  }
  const reasons: string[] = [];
  for (const [name, count] of entries) {
    const p = profileOf(spec, name);
    if (count > p.maxCount) reasons.push(`at most ${p.maxCount} × ${name} per GPU, ${count} given`);
  }
  const compute = sum(entries.map(([name, count]) => profileOf(spec, name).computeSlices * count));
  const memory = sum(entries.map(([name, count]) => profileOf(spec, name).memorySlices * count));
  // Across +me profiles (one +me profile over its own maximum is reported above).
  const mediaEntries = entries.filter(([name]) => profileOf(spec, name).mediaExtensions);
  const media = sum(mediaEntries.map(([, count]) => count));
  if (mediaEntries.length > 1 && media > spec.mediaExtensionSlots) {
    reasons.push(`media-extension instances ${media} > ${spec.mediaExtensionSlots}: every +me profile takes the GPU's one JPEG decoder and OFA`);
  }
  if (compute > spec.computeSlices) reasons.push(`compute slices ${compute} > ${spec.computeSlices}`);
  if (memory > spec.memorySlices) reasons.push(`memory slices ${memory} > ${spec.memorySlices}`);
  const placements = reasons.length === 0 ? place(spec, layout) : undefined;
  if (placements) return { ok: true, placements };
  const problem =
    reasons.length > 0
      ? `does not fit ${gpu} (${reasons.join(', ')})`
      : `cannot be placed on ${gpu}: the slices add up, but ${placementRules(spec, entries.map(([n]) => n))}`;
  const suggestion = closestFit(spec, layout);
  return reject(layout, problem, suggestionFix(layout, suggestion), suggestion);
}

/**
 * One placement of a layout whose counts are known to be valid, or undefined when none exists.
 * Backtracking over the allowed start offsets; the most constrained instances are placed first.
 */
export function place(spec: MigGpuSpec, layout: MigLayout): MigPlacement[] | undefined {
  const instances: MigProfile[] = [];
  for (const [name, count] of Object.entries(layout)) {
    const p = spec.profiles.find((x) => x.name === name);
    if (!p) return undefined;
    for (let i = 0; i < count; i++) instances.push(p);
  }
  if (sum(instances.map((p) => p.computeSlices)) > spec.computeSlices) return undefined;
  if (instances.filter((p) => p.mediaExtensions).length > spec.mediaExtensionSlots) return undefined;
  instances.sort((a, b) => a.starts.length - b.starts.length || b.memorySlices - a.memorySlices || a.name.localeCompare(b.name));
  const occupied: boolean[] = new Array<boolean>(spec.memorySlices).fill(false);
  const chosen: MigPlacement[] = [];
  const search = (i: number, minStartForSame: number): boolean => {
    if (i === instances.length) return true;
    const p = instances[i];
    for (const start of p.starts) {
      // Instances of the same profile are interchangeable: place them in increasing start order.
      if (start < minStartForSame || !free(occupied, start, p.memorySlices)) continue;
      mark(occupied, start, p.memorySlices, true);
      chosen.push({ profile: p.name, start, size: p.memorySlices });
      const next = instances[i + 1];
      if (search(i + 1, next !== undefined && next.name === p.name ? start + 1 : 0)) return true;
      chosen.pop();
      mark(occupied, start, p.memorySlices, false);
    }
    return false;
  };
  if (!search(0, 0)) return undefined;
  return [...chosen].sort((a, b) => a.start - b.start);
}

/**
 * The layout that fits and keeps the most of the requested compute slices; ties go to the layout that
 * uses more of the GPU (compute, then memory), then to larger profiles. Only the requested profiles
 * are used (plus the plain variant of a requested `+me` profile, since only one `+me` fits a GPU), so
 * the suggestion reads as "drop these" rather than a different layout.
 */
export function closestFit(spec: MigGpuSpec, requested: MigLayout): MigLayout | undefined {
  const wanted = spec.profiles.filter((p) => (requested[p.name] ?? 0) > 0);
  const candidates = spec.profiles.filter(
    (p) => wanted.includes(p) || (!p.mediaExtensions && wanted.some((w) => w.mediaExtensions && w.computeSlices === p.computeSlices && w.memorySlices === p.memorySlices)),
  );
  let best: { layout: Record<string, number>; score: number[] } | undefined;
  const counts: number[] = new Array<number>(candidates.length).fill(0);
  const visit = (i: number, compute: number, memory: number): void => {
    if (compute > spec.computeSlices || memory > spec.memorySlices) return;
    if (i === candidates.length) {
      const layout = toLayout(candidates, counts);
      if (Object.keys(layout).length === 0 || !place(spec, layout)) return;
      const kept = sum(candidates.map((p, k) => Math.min(counts[k], requested[p.name] ?? 0) * p.computeSlices));
      const score = [kept, compute, memory, ...counts];
      if (!best || compareDesc(score, best.score) < 0) best = { layout, score };
      return;
    }
    const p = candidates[i];
    for (let n = 0; n <= p.maxCount; n++) {
      counts[i] = n;
      visit(i + 1, compute + n * p.computeSlices, memory + n * p.memorySlices);
    }
    counts[i] = 0;
  };
  visit(0, 0, 0);
  return best?.layout;
}

function suggestionFix(requested: MigLayout, suggestion: MigLayout | undefined): string {
  if (!suggestion) return 'choose a layout from the GPU’s profile table';
  const drops: string[] = [];
  const adds: string[] = [];
  for (const [name, count] of Object.entries(requested)) {
    const kept = suggestion[name] ?? 0;
    if (kept < count) drops.push(`${count - kept} × ${name}`);
  }
  for (const [name, count] of Object.entries(suggestion)) {
    const extra = count - (requested[name] ?? 0);
    if (extra > 0) adds.push(`${extra} × ${name}`);
  }
  const steps = [drops.length > 0 ? `drop ${joinAnd(drops)}` : '', adds.length > 0 ? `add ${joinAnd(adds)}` : ''].filter((s) => s !== '');
  return `${steps.join(' and ')}; ${formatLayout(suggestion)} fits`;
}

function unknownProfileFix(spec: MigGpuSpec, name: string): string {
  const compute = /^(\d+)g\./.exec(name)?.[1];
  const same = spec.profiles.filter((p) => String(p.computeSlices) === compute && !p.mediaExtensions).map((p) => p.name);
  const all = spec.profiles.map((p) => p.name).join(', ');
  if (same.length > 0) return `use ${joinOr(same)} (the ${compute}-slice profile${same.length > 1 ? 's' : ''} of the ${spec.displayName}); its profiles are ${all}`;
  return `use one of its profiles: ${all}`;
}

/** `4g.20gb starts only at memory slice 0, 3g.20gb only at 0 or 4` */
function placementRules(spec: MigGpuSpec, names: readonly string[]): string {
  const rules = names.map((name) => {
    const p = profileOf(spec, name);
    return `${name} (${p.memorySlices} memory slice${p.memorySlices > 1 ? 's' : ''}) starts only at ${joinOr(p.starts.map(String))}`;
  });
  return `no arrangement avoids overlaps: ${rules.join('; ')}`;
}

function reject(layout: MigLayout, problem: string, fix: string, suggestion?: MigLayout): MigLayoutRejected {
  return { ok: false, problem, fix, message: `layout ${formatLayout(layout)} ${problem}; ${fix}`, suggestion };
}

function profileOf(spec: MigGpuSpec, name: string): MigProfile {
  const p = spec.profiles.find((x) => x.name === name);
  if (!p) throw new Error(`no MIG profile ${name} on ${spec.displayName}`);
  return p;
}

function toLayout(profiles: readonly MigProfile[], counts: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  profiles.forEach((p, i) => {
    if (counts[i] > 0) out[p.name] = counts[i];
  });
  return out;
}

/** Negative when `a` ranks before `b` (larger first, element by element). */
function compareDesc(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function free(occupied: readonly boolean[], start: number, size: number): boolean {
  if (start + size > occupied.length) return false;
  for (let s = start; s < start + size; s++) if (occupied[s]) return false;
  return true;
}

function mark(occupied: boolean[], start: number, size: number, value: boolean): void {
  for (let s = start; s < start + size; s++) occupied[s] = value;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
