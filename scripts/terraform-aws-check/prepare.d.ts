/** Types of prepare.js (plain CommonJS, run by scripts/terraform-aws-check.sh without a build). */

/** One `terraform_remote_state` of an AWS-only stack and the stack it reads. */
export interface RemoteStateRead {
  readonly consumer: string;
  readonly name: string;
  readonly producer: string;
  readonly backend: string;
  readonly config: Record<string, unknown>;
}

/** The remote-state reads of a synth output (stack name → parsed cdk.tf.json); throws for one that reads no stack's backend. */
export function remoteStateReads(stacks: Record<string, unknown>): RemoteStateRead[];
/** The tool workdir of job `job` under `root` from which every local remote-state path of `reads` stays in `root`. */
export function toolWorkdir(root: string, reads: RemoteStateRead[], job?: number): string;
/** Copies the stacks of `synthDir` into at most `jobs` synth dirs under `root` and writes the stand-in states. */
export function prepare(
  synthDir: string,
  root: string,
  jobs?: number,
): { jobs: { synth: string; workdir: string }[]; notes: string[]; states: { file: string; producer: string }[] };
