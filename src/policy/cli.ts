/**
 * Reads a cdktf output directory (any cdktf app, not only this library's) for the policy engine:
 * every stack's resources and the suppressions recorded in the JSON. `cdktf-mlops check` (src/cli)
 * runs a pack over it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { resourcesFromTerraformJson, suppressionsFromTerraformJson } from './resources';
import { PolicySuppression, SynthesizedResource } from './types';

/** The stacks of a cdktf output directory, as the policy engine reads them. */
export interface LoadedStacks {
  readonly stacks: string[];
  readonly resources: SynthesizedResource[];
  readonly suppressions: PolicySuppression[];
}

/** Loads every stack listed in `<dir>/manifest.json`. Throws with a readable message. */
export function loadCdktfOut(dir: string): LoadedStacks {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} not found; run "cdktf synth" (or "npm run synth") first, or pass the cdktf output directory`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
  const out: LoadedStacks = { stacks: [], resources: [], suppressions: [] };
  for (const name of Object.keys(manifest.stacks ?? {}).sort()) {
    const rel = manifest.stacks?.[name]?.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json');
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) throw new Error(`${file} (stack ${name} in manifest.json) not found; synthesize again`);
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    out.stacks.push(name);
    out.resources.push(...resourcesFromTerraformJson(json, name));
    out.suppressions.push(...suppressionsFromTerraformJson(json));
  }
  return out;
}
