/**
 * Entry point of the `cdktf-mlops` bin (bin/cdktf-mlops.js requires the compiled file): runs the
 * command in `process.argv` and sets the exit code. The logic is in run.ts, which tests call.
 */
import { runCli } from './run';

const io = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    io.err(`cdktf-mlops: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  },
);
