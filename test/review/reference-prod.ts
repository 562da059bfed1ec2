/** The prod mlops-platform reference set synthesized once per test run (shared by the review tests that need it). */
import { App } from 'cdktf';
import { EnvironmentConfig } from '../../stacks/config/environment';
import { prod } from '../../stacks/config/prod';
import { buildMlopsPlatform } from '../../stacks/mlops-platform';
import { SynthOutput } from '../../src/review/types';
import { synthApp, tempDir } from './fixtures';

let cached: { dir: string; out: SynthOutput } | undefined;

/** Synthesizes mlops-platform with `config` into a fresh directory. */
export function synthMlopsPlatform(config: EnvironmentConfig, label: string, dir = tempDir('prod-')): SynthOutput {
  return synthApp((app: App) => void buildMlopsPlatform(app, config), label, dir);
}

/** The unchanged prod set (labelled `base`) and the directory it was written to. */
export function prodBase(): { dir: string; out: SynthOutput } {
  if (!cached) {
    const dir = tempDir('prod-');
    cached = { dir, out: synthMlopsPlatform(prod, 'base', dir) };
  }
  return cached;
}
