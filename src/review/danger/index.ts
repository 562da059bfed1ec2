/** All danger checks, in report order, with deterministic sorting. */
import { compareText } from '../format';
import { DANGER_CATEGORIES, DangerItem } from '../types';
import { DangerContext } from './context';
import { gpuDangers } from './gpu';
import { iamDangers } from './iam';
import { networkDangers } from './network';
import { replacementDangers } from './replacement';
import { removedStackDangers } from './stacks';
import { statefulDangers } from './stateful';
import { versionDangers } from './versions';

export { DangerContext, sides } from './context';
export { ATTACHMENT_ATTRIBUTES, POLICY_ATTRIBUTES } from './iam';
export { ANYWHERE, exposures } from './network';
export { CHART_ATTRIBUTES, isImagePath, unpinnedImage } from './versions';
export { policyWidening } from './iam';
export { BLAST_TYPES, replacementReason } from './replacement';
export { unselectedStacks } from './stacks';

/** Every danger item between base and head, sorted by category, stack, address and message. */
export function classifyDangers(ctx: DangerContext): DangerItem[] {
  const cascade = ctx.cascade ?? { changes: [...ctx.changes], updatedBy: new Map(), providersFrom: new Map() };
  const all = [...replacementDangers(ctx, cascade), ...statefulDangers(ctx), ...removedStackDangers(ctx), ...iamDangers(ctx), ...networkDangers(ctx), ...gpuDangers(ctx), ...versionDangers(ctx)];
  const rank = (c: DangerItem): number => DANGER_CATEGORIES.indexOf(c.category);
  return all.sort((a, b) => rank(a) - rank(b) || compareText(a.stack, b.stack) || compareText(a.address, b.address) || compareText(a.message, b.message));
}
