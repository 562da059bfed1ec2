/** Danger: stateful resources destroyed or replaced (removed, readdressed, or a force-new attribute changed). */
import { formatValue } from '../format';
import { forceNewAttribute } from '../force-new';
import { statefulType } from '../stateful';
import { DangerItem, ResourceChange } from '../types';
import { DangerContext } from './context';

function forceNewDetail(change: ResourceChange): string {
  return change.forceNew
    .map((attr) => {
      const c = change.changes.find((x) => forceNewAttribute(change.type, x.path) === attr);
      return c ? `\`${c.path}\` ${formatValue(c.before)} → ${formatValue(c.after)}` : `\`${attr}\``;
    })
    .join(', ');
}

/** Stateful resources that Terraform would destroy or replace. */
export function statefulDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    const stateful = statefulType(change.type);
    if (!stateful) continue;
    const item = (message: string): void => void out.push({ category: 'stateful', stack: change.stack, address: change.address, message });
    if (change.kind === 'removed') {
      item(`destroyed: Terraform deletes ${stateful.loses}`);
    } else if (change.kind === 'replaced') {
      item(`replaced: ${forceNewDetail(change)} forces replacement; Terraform deletes ${stateful.loses}`);
    } else if (change.kind === 'readdressed' && change.from) {
      const crossStack = change.from.stack !== change.stack;
      const fix = crossStack
        ? 'moving state between stacks needs `terraform state rm` + `import`'
        : `restore the construct id or add a moved block from \`${change.from.address}\` (cdktf: \`moveFromId\`)`;
      item(
        `replaced: logical ID changed from ${crossStack ? `\`${change.from.stack}\` ` : ''}\`${change.from.address}\` (${change.matchedBy}); ` +
          `Terraform destroys the old resource and creates a new one, deleting ${stateful.loses}; ${fix}`,
      );
    }
  }
  return out;
}
