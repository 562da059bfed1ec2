/**
 * The cdktf app entry: synthesizes the reference stack sets into `cdktf.out/` (or `CDKTF_OUTDIR`) —
 * all of them, or those named in `STACK_SETS` (e.g. `STACK_SETS=llm-rag-dev`). Needs no cloud
 * credentials. `cdktf.json` runs the compiled form (`node dist/stacks/main.js`).
 * `ALLOW_DATA_DELETION` / `ALLOW_COMPUTE_DELETION` (a reason) lift the protections of the sets
 * named in `STACK_SETS` for a teardown (README, "Deploy and destroy").
 */
import { App } from 'cdktf';
import { buildReferenceStacks, deletionSwitchesFromEnv, selectStackSets } from './app';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', skipBackendValidation: true });
buildReferenceStacks(app, selectStackSets(process.env.STACK_SETS), deletionSwitchesFromEnv(process.env));
app.synth();
