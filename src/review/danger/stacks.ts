/**
 * Danger: a stack in base that is not in head. `cdktf deploy` only deploys the stacks of the app, so
 * the removed stack's resources are not destroyed: they keep running (and costing), unmanaged. A head
 * synthesized for a selection of stack sets (`STACK_SETS`, recorded by stacks/main.ts) that simply left
 * the stack out is not a removal; stackDiffs marks those `unselected`.
 */
import { formatList } from '../format';
import { statefulType } from '../stateful';
import { DangerItem, SynthOutput } from '../types';
import { DangerContext } from './context';

/** Stacks of base missing from head only because head was synthesized for a selection of stack sets. */
export function unselectedStacks(base: SynthOutput, head: SynthOutput): string[] {
  const sel = head.selection;
  if (!sel) return [];
  const left = sel.all.filter((s) => !sel.selected.includes(s));
  return [...base.stacks.keys()].filter((name) => !head.stacks.has(name) && left.some((set) => name === set || name.startsWith(`${set}-`))).sort();
}

/** One item per stack removed from the app. */
export function removedStackDangers(ctx: DangerContext): DangerItem[] {
  const skip = new Set(unselectedStacks(ctx.base, ctx.head));
  const out: DangerItem[] = [];
  for (const [name, stack] of ctx.base.stacks) {
    if (ctx.head.stacks.has(name) || skip.has(name)) continue;
    const stateful = [...stack.resources.values()].filter((r) => statefulType(r.type)).map((r) => r.address).sort();
    const n = stack.resources.size;
    out.push({
      category: 'stacks',
      stack: name,
      address: '(stack)',
      message:
        `stack removed from the app: destroy it first with \`cdktf destroy ${name}\` or its ${n} resource${n === 1 ? '' : 's'} keep running and costing` +
        (stateful.length > 0 ? ` (stateful: ${formatList(stateful)})` : ''),
    });
  }
  return out;
}
