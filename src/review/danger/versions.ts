/**
 * Danger: chart and image versions changed — `helm_release` chart/version/repository, and image
 * references (`image`, `tag`, `digest`, or any key under an `image…` key) in Helm values and in
 * Kubernetes resources (containers of kubernetes_* resources and manifests).
 */
import { formatValue } from '../format';
import { AttributeChange, DangerItem, ResourceChange } from '../types';
import { DangerContext, sides } from './context';

/** Attributes of a helm_release that pin what is installed. */
export const CHART_ATTRIBUTES = ['chart', 'repository', 'version'] as const;

const IMAGE_LEAVES = new Set(['image', 'tag', 'digest', 'imagetag', 'version']);

/** True when an attribute path of a resource of `type` is an image reference. */
export function isImagePath(type: string, path: string): boolean {
  const segments = path.replace(/\[\d+\]/g, '').split('.');
  const last = segments[segments.length - 1].toLowerCase();
  if (type === 'helm_release') {
    if (!path.startsWith('values[')) return false;
    const underImage = segments.slice(0, -1).some((s) => /image/i.test(s));
    return last === 'image' || last === 'imagetag' || (underImage && IMAGE_LEAVES.has(last)) || (underImage && last === 'repository');
  }
  if (type.startsWith('kubernetes_')) return last === 'image';
  return false;
}

function imageChanges(change: ResourceChange): AttributeChange[] {
  return change.changes.filter((c) => isImagePath(change.type, c.path));
}

/** Chart and image version changes between base and head. */
export function versionDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    if (change.kind === 'added' || change.kind === 'removed') continue;
    const item = (message: string): void => void out.push({ category: 'versions', stack: change.stack, address: change.address, message });
    if (change.type === 'helm_release') {
      const { before, after } = sides(ctx, change);
      const changed = CHART_ATTRIBUTES.filter((a) => before?.attributes[a] !== after?.attributes[a]);
      if (changed.length > 0) {
        const name = String(after?.attributes.name ?? after?.attributes.chart ?? change.address);
        item(`chart of release \`${name}\`: ${changed.map((a) => `${a} ${formatValue(before?.attributes[a])} → ${formatValue(after?.attributes[a])}`).join(', ')}`);
      }
    }
    for (const c of imageChanges(change)) item(`image \`${c.path}\` ${formatValue(c.before, c.redacted)} → ${formatValue(c.after, c.redacted)}`);
  }
  return out;
}
