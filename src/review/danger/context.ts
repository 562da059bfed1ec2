/** What every danger check sees: both outputs and the resource changes between them. */
import { ResourceChange, SynthOutput, SynthResource } from '../types';

/** Input of the danger checks. */
export interface DangerContext {
  readonly base: SynthOutput;
  readonly head: SynthOutput;
  readonly changes: readonly ResourceChange[];
}

/** The base and head versions of the resource a change is about. */
export function sides(ctx: DangerContext, change: ResourceChange): { before?: SynthResource; after?: SynthResource } {
  const from = change.from ?? { stack: change.stack, address: change.address };
  const before = change.kind === 'added' ? undefined : ctx.base.stacks.get(from.stack)?.resources.get(from.address);
  const after = change.kind === 'removed' ? undefined : ctx.head.stacks.get(change.stack)?.resources.get(change.address);
  return { before, after };
}
