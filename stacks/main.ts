/**
 * The cdktf app entry (`cdktf.json` runs `node dist/stacks/main.js`): synthesizes the reference stack
 * sets (stacks/synth.ts says which and where). `npm run build` compiles it and then bundles it with
 * everything it imports into that one file (scripts/bundle), so a synth loads one module instead of
 * about a thousand.
 */
import { synthReferenceStacks } from './synth';

process.exitCode = synthReferenceStacks(process.env, (text) => process.stderr.write(text));
