/**
 * Danger: GPU capacity changed — NodePool GPU limits, instance selection (types, families, GPU
 * name/count/memory) and capacity types; GPU pools added or removed; managed node groups of GPU
 * instances resized.
 */
import { gpuInstanceType } from '../../compute/gpu-instances';
import { canonical, valueAt } from '../attributes';
import { formatValue } from '../format';
import { capacityTypes, NodePoolInfo, nodePoolOf, requirementText, SELECTION_KEYS } from '../nodepool';
import { DangerItem, SynthResource } from '../types';
import { DangerContext, sides } from './context';

function limitText(p: NodePoolInfo): string {
  return p.gpuLimit === undefined ? 'no GPU limit' : `GPU limit ${p.gpuLimit}`;
}

function selection(p: NodePoolInfo): string[] {
  return p.requirements.filter((q) => SELECTION_KEYS.includes(q.key)).map(requirementText).sort();
}

function poolChanges(before: NodePoolInfo, after: NodePoolInfo): string[] {
  const parts: string[] = [];
  if (before.gpuLimit !== after.gpuLimit) parts.push(`GPU limit ${before.gpuLimit ?? 'unset'} → ${after.gpuLimit ?? 'unset'}`);
  const was = new Set(selection(before));
  const now = new Set(selection(after));
  const removed = [...was].filter((s) => !now.has(s));
  const added = [...now].filter((s) => !was.has(s));
  if (removed.length + added.length > 0) parts.push(`requirements ${removed.map((s) => `− \`${s}\``).concat(added.map((s) => `+ \`${s}\``)).join(', ')}`);
  return parts;
}

function gpuNodeGroup(r: SynthResource | undefined): boolean {
  const types = r?.attributes.instance_types;
  return r?.type === 'aws_eks_node_group' && Array.isArray(types) && types.some((t) => gpuInstanceType(String(t)) !== undefined);
}

/** GPU capacity changes between base and head. */
export function gpuDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    const { before, after } = sides(ctx, change);
    const item = (message: string): void => void out.push({ category: 'gpu', stack: change.stack, address: change.address, message });
    const was = nodePoolOf(before);
    const now = nodePoolOf(after);
    if (now?.gpu && !was) {
      item(`new GPU NodePool \`${now.name}\`: ${limitText(now)}, capacity types ${capacityTypes(now).join(', ')}`);
    } else if (was?.gpu && !now) {
      item(`GPU NodePool \`${was.name}\` removed (${limitText(was)})`);
    } else if (was && now && (was.gpu || now.gpu)) {
      const parts = poolChanges(was, now);
      if (parts.length > 0) item(`NodePool \`${now.name}\`: ${parts.join('; ')}`);
    } else if (gpuNodeGroup(before) || gpuNodeGroup(after)) {
      const keys = ['instance_types', 'scaling_config', 'capacity_type'];
      const changed = keys.filter((k) => canonical(valueAt(before?.attributes, k)) !== canonical(valueAt(after?.attributes, k)));
      if (changed.length > 0) {
        item(`GPU node group ${changed.map((k) => `\`${k}\` ${formatValue(valueAt(before?.attributes, k))} → ${formatValue(valueAt(after?.attributes, k))}`).join('; ')}`);
      }
    }
  }
  return out;
}
