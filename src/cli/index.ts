/** The CLI behind `npx cdktf-mlops` (run.ts holds the logic; main.ts is the bin entry). */
export { runCli, CliIo, EXIT, USAGE } from './run';
