/** What every danger check sees: both outputs and the changes between them. */
import type { CascadeResult } from '../cascade';
import { ResourceChange, SynthOutput, SynthResource, SynthStack } from '../types';

/** Input of the danger checks. */
export interface DangerContext {
  readonly base: SynthOutput;
  readonly head: SynthOutput;
  /** Managed-resource changes. */
  readonly changes: readonly ResourceChange[];
  /**
   * Data source, local and ephemeral changes (`diffBlocks`); only the IAM check reads them
   * (`data.aws_iam_policy_document`).
   * @default - none
   */
  readonly blockChanges?: readonly ResourceChange[];
  /**
   * What the replacement cascade found (for the blast radius of replaced networks, clusters and databases).
   * @default - no blast radius beyond `changes`
   */
  readonly cascade?: CascadeResult;
}

function lookup(stack: SynthStack | undefined, change: ResourceChange, address: string): SynthResource | undefined {
  if (change.block === 'data') return stack?.data.get(address);
  if (change.block === 'ephemeral') return stack?.ephemeral?.get(address);
  return change.block === undefined ? stack?.resources.get(address) : undefined;
}

/** The base and head versions of the resource (or data source) a change is about. */
export function sides(ctx: DangerContext, change: ResourceChange): { before?: SynthResource; after?: SynthResource } {
  const from = change.from ?? { stack: change.stack, address: change.address };
  const before = change.kind === 'added' ? undefined : lookup(ctx.base.stacks.get(from.stack), change, from.address);
  const after = change.kind === 'removed' ? undefined : lookup(ctx.head.stacks.get(change.stack), change, change.address);
  return { before, after };
}
