/**
 * The one loader of synthesized output: a cdktf output directory (`manifest.json` +
 * `stacks/<name>/cdk.tf.json`, and the app's stack-set selection when it recorded one), or one
 * stack's Terraform JSON (`stack.toTerraform()`, which the policy pack checks during synth), into
 * {@link SynthOutput}: resources by address with their construct paths and metadata, data sources,
 * ephemeral resources, locals, outputs, `moved` blocks, stack dependencies and the AWS region. Works
 * for any cdktf app.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MovedBlock, SynthOutput, SynthResource, SynthSelection, SynthStack } from './types';
import { isObject } from './values';

/** File next to manifest.json in which the app records its stack-set selection (stacks/main.ts writes it). */
export const SELECTION_FILE = 'cdktf-mlops.json';

/** A cdktf output directory that cannot be read; the message says what to do. */
export class SynthOutputError extends Error {}

interface Manifest {
  readonly stacks?: Record<string, { readonly synthesizedStackPath?: string; readonly dependencies?: string[] }>;
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

function readJson(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new SynthOutputError(`${file} not found; ${what}`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SynthOutputError(`${file} is not valid JSON (${(e as Error).message}); synthesize again`);
  }
}

function collect(stack: string, blocks: unknown, mode: SynthResource['mode']): Map<string, SynthResource> {
  const out = new Map<string, SynthResource>();
  if (!isObject(blocks)) return out;
  for (const type of Object.keys(blocks).sort()) {
    const byName = (blocks as Blocks)[type];
    if (!isObject(byName)) continue;
    for (const name of Object.keys(byName).sort()) {
      const raw = byName[name];
      if (!isObject(raw)) continue;
      const { ['//']: meta, ...attributes } = raw;
      const metaPath = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
      const address = mode === 'managed' ? `${type}.${name}` : `${mode}.${type}.${name}`;
      out.set(address, { stack, address, type, name, mode, path: typeof metaPath === 'string' ? metaPath : undefined, attributes, ...(isObject(meta) ? { metadata: meta } : {}) });
    }
  }
  return out;
}

function outputs(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(json.output)) return out;
  for (const [name, o] of Object.entries(json.output)) out[name] = isObject(o) ? o.value : undefined;
  return out;
}

function movedBlocks(json: Record<string, unknown>): MovedBlock[] {
  const moved = json.moved;
  if (!Array.isArray(moved)) return [];
  return moved
    .filter((m): m is { from: string; to: string } => isObject(m) && typeof m.from === 'string' && typeof m.to === 'string')
    .map((m) => ({ from: m.from, to: m.to }));
}

function awsRegion(json: Record<string, unknown>): string | undefined {
  const providers = isObject(json.provider) ? json.provider.aws : undefined;
  const list = Array.isArray(providers) ? providers : providers ? [providers] : [];
  const main = list.find((p) => isObject(p) && p.alias === undefined);
  const region = isObject(main) ? main.region : undefined;
  return typeof region === 'string' && !region.includes('${') ? region : undefined;
}

/** Parses one stack's Terraform JSON. */
export function parseStack(name: string, json: unknown, dependencies: readonly string[] = []): SynthStack {
  if (!isObject(json)) throw new SynthOutputError(`stack ${name}: Terraform JSON is not an object`);
  return {
    name,
    dependencies: [...dependencies].sort(),
    resources: collect(name, json.resource, 'managed'),
    data: collect(name, json.data, 'data'),
    ephemeral: collect(name, json.ephemeral, 'ephemeral'),
    locals: isObject(json.locals) ? { ...json.locals } : {},
    outputs: outputs(json),
    moved: movedBlocks(json),
    region: awsRegion(json),
    providers: isObject(json.provider) ? json.provider : {},
  };
}

/**
 * Loads every stack listed in `<dir>/manifest.json`.
 * @param dir the cdktf output directory
 * @param label how reports name it (default: `dir` as given)
 */
export function loadSynthOutput(dir: string, label: string = dir): SynthOutput {
  const manifest = readJson(path.join(dir, 'manifest.json'), 'run "cdktf synth" (or "npm run synth") first, or pass the cdktf output directory') as Manifest;
  const stacks = new Map<string, SynthStack>();
  for (const name of Object.keys(manifest.stacks ?? {}).sort()) {
    const entry = manifest.stacks![name];
    const rel = entry.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json');
    const json = readJson(path.join(dir, rel), `stack ${name} is listed in manifest.json; synthesize again`);
    stacks.set(name, parseStack(name, json, entry.dependencies ?? []));
  }
  return { label, stacks, ...selectionOf(dir) };
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...(v as string[])].sort() : undefined;
}

/** The stack-set selection recorded in `<dir>/cdktf-mlops.json`, if any. */
function selectionOf(dir: string): { selection?: SynthSelection } {
  const file = path.join(dir, SELECTION_FILE);
  if (!fs.existsSync(file)) return {};
  const json = readJson(file, '');
  const selected = isObject(json) ? strings(json.selectedStackSets) : undefined;
  const all = isObject(json) ? strings(json.allStackSets) : undefined;
  if (!selected || !all) throw new SynthOutputError(`${file}: expected {"selectedStackSets": [...], "allStackSets": [...]}; synthesize again`);
  return { selection: { selected, all } };
}
