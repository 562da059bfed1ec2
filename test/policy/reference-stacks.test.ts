/**
 * The reference stack sets pass the full pack with zero unsuppressed errors, both during synth
 * (PolicyPack.applyTo) and through `cdktf-mlops check` on the written cdktf.out. `mlops-platform`
 * has every component of the other two sets (checked here in prod); test/stacks synthesizes all six
 * sets with the pack applied, so an error in any of them fails synth there too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildReferenceStacks } from '../../stacks/app';
import { runCli } from '../../src/cli/run';
import { PolicyPack } from '../../src/policy/pack';

test('reference stack sets: no policy errors at synth or in check', async () => {
  const outdir = fs.mkdtempSync(path.join(process.env.CDKTF_MLOPS_TEST_TMP ?? os.tmpdir(), 'policy-reference-'));
  const app = new App({ outdir, skipBackendValidation: true });
  buildReferenceStacks(app, ['mlops-platform-prod']);
  PolicyPack.applyTo(app);
  expect(() => app.synth()).not.toThrow();
  const lines: string[] = [];
  const code = await runCli(['check', outdir], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  expect(lines).toContain('Errors (0):');
  expect(lines.filter((l) => l.startsWith('Warnings ('))).toEqual(['Warnings (0):']);
  expect(code).toBe(0);
});
