/**
 * Fixture pairs for the plan review: the same small app synthesized twice (base and head) with
 * a known change, through cdktf's real `App.synth()` into temporary output directories.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { loadSynthOutput } from '../../src/synth/load';
import { SynthOutput } from '../../src/review/types';

/** Which side of the pair is being built. */
export type Variant = 'base' | 'head';

/** A fresh output directory under the test run's temp dir. */
export function tempDir(prefix = 'review-'): string {
  return fs.mkdtempSync(path.join(process.env.CDKTF_MLOPS_TEST_TMP ?? os.tmpdir(), prefix));
}

/** Synthesizes an app built by `build` and loads it (labelled `label`). */
export function synthApp(build: (app: App) => void, label: string, outdir = tempDir()): SynthOutput {
  const app = new App({ outdir, skipBackendValidation: true });
  build(app);
  app.synth();
  return loadSynthOutput(outdir, label);
}

/** Synthesizes `build` for base and head. */
export function synthPair(build: (app: App, variant: Variant) => void): { base: SynthOutput; head: SynthOutput } {
  return { base: synthApp((app) => build(app, 'base'), 'base'), head: synthApp((app) => build(app, 'head'), 'head') };
}

/** The lines of a Markdown section: from the heading line to the next heading of the same or higher level. */
export function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`heading "${heading}" not found in:\n${markdown}`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l !== '');
}
