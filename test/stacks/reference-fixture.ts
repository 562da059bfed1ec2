/**
 * The reference stack sets synthesized once, through cdktf's real `App.synth()`, for
 * reference-stacks.test.ts and the check modules it imports (data-layer.checks.ts,
 * destroy-order.checks.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { buildReferenceStacks } from '../../stacks/app';
import { tempDir } from '../review/fixtures';

/** Synthesizes the named reference sets (all by default) into `dir`. */
export function synthTo(dir: string, names?: string[]): App {
  const app = new App({ outdir: dir, skipBackendValidation: true });
  buildReferenceStacks(app, names);
  app.synth();
  return app;
}

/** The cdk.tf.json of `stack` in the synth output `dir`. */
export const stackFile = (dir: string, stack: string) => path.join(dir, 'stacks', stack, 'cdk.tf.json');

/** The output directory of the shared synth of every set. */
export const first = tempDir('reference-');
export const app = synthTo(first);
export const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
export const stackNames = stacks.map((s) => s.node.id);

const parsed = new Map<string, any>();
/** The parsed cdk.tf.json of a stack of the shared synth (parsed once). */
export function stackJson(stack: string): any {
  if (!parsed.has(stack)) parsed.set(stack, JSON.parse(fs.readFileSync(stackFile(first, stack), 'utf8')));
  return parsed.get(stack);
}

/** The cdktf manifest of the shared synth: stack dependencies as `cdktf deploy`/`destroy` order them. */
export const manifest: { stacks: Record<string, { dependencies: string[] }> } = JSON.parse(fs.readFileSync(path.join(first, 'manifest.json'), 'utf8'));
