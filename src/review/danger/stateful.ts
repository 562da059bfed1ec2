/**
 * Danger: stateful resources destroyed or replaced (removed, readdressed, a replacing attribute
 * changed, or reached by a replacement cascade) — or that may be replaced (an attribute the
 * replacement table does not know). Resources of a stack removed from the app are not destroyed by
 * `cdktf deploy`; the stacks check reports those.
 */
import { statefulType } from '../stateful';
import { DangerItem } from '../types';
import { DangerContext } from './context';
import { replacementReason } from './replacement';

/** Stateful resources that Terraform would destroy or replace. */
export function statefulDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    const stateful = statefulType(change.type);
    if (!stateful || change.block) continue;
    const item = (message: string): void => void out.push({ category: 'stateful', stack: change.stack, address: change.address, message });
    if (change.kind === 'removed') {
      if (ctx.head.stacks.has(change.stack)) item(`destroyed: Terraform deletes ${stateful.loses}`);
    } else if (change.kind === 'replaced') {
      item(`replaced: ${replacementReason(change)} forces replacement; Terraform deletes ${stateful.loses}`);
    } else if (change.kind === 'readdressed' && change.from) {
      const crossStack = change.from.stack !== change.stack;
      const fix = crossStack
        ? 'moving state between stacks needs `terraform state rm` + `import`'
        : `restore the construct id or add a moved block from \`${change.from.address}\` (cdktf: \`moveFromId\`)`;
      item(
        `replaced: logical ID changed from ${crossStack ? `\`${change.from.stack}\` ` : ''}\`${change.from.address}\` (${change.matchedBy}); ` +
          `Terraform destroys the old resource and creates a new one, deleting ${stateful.loses}; ${fix}`,
      );
    } else if ((change.mayForceNew?.length ?? 0) > 0) {
      item(`may be replaced: ${replacementReason(change)}; if Terraform replaces it, it deletes ${stateful.loses} — check the plan`);
    }
  }
  return out;
}
