/**
 * The cdktf app entry: synthesizes the reference stack sets into `cdktf.out/` (or `CDKTF_OUTDIR`) —
 * all of them, or those named in `STACK_SETS` (e.g. `STACK_SETS=llm-rag-dev`). Needs no cloud
 * credentials. `cdktf.json` runs the compiled form (`node dist/stacks/main.js`).
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
import { SELECTION_FILE } from '../src/review/load';
import { buildReferenceStacks, deletionSwitchesFromEnv, REFERENCE_STACK_SETS, selectStackSets } from './app';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
// stackTraces: false (cdktf's AppConfig switch) keeps the JavaScript stack of each warning out of
// cdktf.out/manifest.json: those traces hold absolute paths, so the output would depend on where the
// project is checked out, and capturing them costs time. Warnings are printed as before.
const app = new App({ outdir, skipBackendValidation: true, stackTraces: false });
const selected = selectStackSets(process.env.STACK_SETS);
buildReferenceStacks(app, selected, deletionSwitchesFromEnv(process.env));
app.synth();
fs.writeFileSync(path.join(outdir, SELECTION_FILE), `${JSON.stringify({ selectedStackSets: [...selected].sort(), allStackSets: Object.keys(REFERENCE_STACK_SETS).sort() }, null, 2)}\n`);
