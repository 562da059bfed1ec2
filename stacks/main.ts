/**
 * The cdktf app entry: synthesizes every reference stack set into `cdktf.out/`. Needs no cloud
 * credentials. `cdktf.json` runs the compiled form (`node dist/stacks/main.js`).
 */
import { App } from 'cdktf';
import { buildReferenceStacks } from './app';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', skipBackendValidation: true });
buildReferenceStacks(app);
app.synth();
