/**
 * What the cdktf app entry (`stacks/main.ts`) runs: synthesizes the reference stack sets into
 * `cdktf.out/` (or `CDKTF_OUTDIR`) — all of them, or those named in `STACK_SETS` (e.g.
 * `STACK_SETS=llm-rag-dev`). Needs no cloud credentials.
 * `ALLOW_DATA_DELETION` / `ALLOW_COMPUTE_DELETION` (a reason) lift the protections of the sets
 * named in `STACK_SETS` for a teardown (README, "Deploy and destroy").
 *
 * Next to manifest.json it writes `cdktf-mlops.json` with the selected and all stack sets, so that the
 * plan review (`cdktf-mlops diff`) can tell a stack left out of a partial synth from one removed from
 * the app.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { ValidationError } from '../src/core/validation';
import { SELECTION_FILE } from '../src/synth/load';
import { buildReferenceStacks, deletionSwitchesFromEnv, REFERENCE_STACK_SETS, selectStackSets, StackSetSelectionError } from './app';

function isConfigError(e: unknown): e is Error {
  return e instanceof ValidationError || e instanceof StackSetSelectionError || (e instanceof Error && e.message.startsWith('Validation failed with the following errors'));
}

/**
 * Synthesizes the sets `env.STACK_SETS` names into `env.CDKTF_OUTDIR`. A configuration error (an
 * unknown `STACK_SETS` name, an invalid environment config or prop, a policy or validation failure)
 * is written to `err` as its message, one line per problem, and returns 1; anything else is a bug
 * and is thrown with its stack trace.
 * @returns the exit code
 */
export function synthReferenceStacks(env: NodeJS.ProcessEnv, err: (text: string) => void): number {
  try {
    const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
    // stackTraces: false (cdktf's AppConfig switch) keeps the JavaScript stack of each warning out of
    // cdktf.out/manifest.json: those traces hold absolute paths, so the output would depend on where the
    // project is checked out, and capturing them costs time. Warnings are printed as before.
    const app = new App({ outdir, skipBackendValidation: true, stackTraces: false });
    const selected = selectStackSets(env.STACK_SETS);
    buildReferenceStacks(app, selected, deletionSwitchesFromEnv(env));
    app.synth();
    fs.writeFileSync(path.join(outdir, SELECTION_FILE), `${JSON.stringify({ selectedStackSets: [...selected].sort(), allStackSets: Object.keys(REFERENCE_STACK_SETS).sort() }, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (!isConfigError(e)) throw e;
    err(`synth: ${e.message}\n`);
    return 1;
  }
}
