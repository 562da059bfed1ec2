/**
 * `cdktf-mlops check [<cdktf.out>] [--pack full|aws|k8s]`: runs a policy pack over every stack of
 * a cdktf output directory (any cdktf app, not only this library's), honouring the suppressions
 * recorded in the JSON, and prints a report. Exit code: 0 without error findings, 1 with, 2 when the
 * directory or arguments are unusable.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runRules } from './engine';
import { PACKS } from './pack';
import { formatPolicyReport } from './report';
import { resourcesFromTerraformJson, suppressionsFromTerraformJson } from './resources';
import { PolicySuppression, SynthesizedResource } from './types';

/** Usage text of the command. */
export const CHECK_USAGE = 'usage: cdktf-mlops check [<cdktf.out directory, default cdktf.out>] [--pack full|aws|k8s]';

/** The stacks of a cdktf output directory, as the policy engine reads them. */
export interface LoadedStacks {
  readonly stacks: string[];
  readonly resources: SynthesizedResource[];
  readonly suppressions: PolicySuppression[];
}

/** Loads every stack listed in `<dir>/manifest.json`. Throws with a readable message. */
export function loadCdktfOut(dir: string): LoadedStacks {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} not found; run "cdktf synth" first or pass the output directory`);
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

/**
 * Runs the check command.
 * @param args the arguments after `check`
 * @param out prints one line
 * @returns the exit code: 1 when there are error findings, 0 otherwise (2 for unusable input)
 */
export function runCheckCommand(args: string[], out: (line: string) => void): number {
  let dir: string | undefined;
  let packName = 'full';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      out(CHECK_USAGE);
      return 0;
    } else if (arg === '--pack') {
      packName = args[++i] ?? '';
    } else if (arg.startsWith('--pack=')) {
      packName = arg.slice('--pack='.length);
    } else if (arg.startsWith('-') || dir !== undefined) {
      out(`cdktf-mlops check: unexpected argument "${arg}"`);
      out(CHECK_USAGE);
      return 2;
    } else {
      dir = arg;
    }
  }
  const pack = PACKS[packName];
  if (!pack) {
    out(`cdktf-mlops check: unknown pack "${packName}"; use one of ${Object.keys(PACKS).join(', ')}`);
    return 2;
  }
  const source = dir ?? 'cdktf.out';
  let loaded: LoadedStacks;
  try {
    loaded = loadCdktfOut(source);
  } catch (e) {
    out(`cdktf-mlops check: ${(e as Error).message}`);
    return 2;
  }
  const result = runRules(loaded.resources, pack, loaded.suppressions);
  for (const line of formatPolicyReport({ source, stacks: loaded.stacks, pack: { name: pack.name, ruleCount: pack.rules.length } }, result)) out(line);
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
