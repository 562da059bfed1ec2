/**
 * The cdktf app entry: synthesizes the reference stack sets into `cdktf.out/` (or `CDKTF_OUTDIR`) —
 * all of them, or those named in `STACK_SETS` (e.g. `STACK_SETS=llm-rag-dev`). Needs no cloud
 * credentials. `cdktf.json` runs the compiled form (`node dist/stacks/main.js`).
 */
import { App } from 'cdktf';
import { buildReferenceStacks, selectStackSets } from './app';

// stackTraces: false (cdktf's AppConfig switch) keeps the JavaScript stack of each warning out of
// cdktf.out/manifest.json: those traces hold absolute paths, so the output would depend on where the
// project is checked out, and capturing them costs time. Warnings are printed as before.
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', skipBackendValidation: true, stackTraces: false });
buildReferenceStacks(app, selectStackSets(process.env.STACK_SETS));
app.synth();
