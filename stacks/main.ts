/**
 * The cdktf app entry (`cdktf.json` runs `node dist/stacks/main.js`): synthesizes the reference stack
 * sets (stacks/synth.ts says which and where). `npm run build` compiles it, then bundles it with
 * everything it imports into that file, cdktf's asset module staying a file next to it
 * (scripts/bundle): a synth loads three modules instead of about a thousand.
 */
import { synthReferenceStacks } from './synth';

process.exitCode = synthReferenceStacks(process.env, (text) => process.stderr.write(text));
