/**
 * Danger: chart and image versions changed — `helm_release` chart/version/repository, image
 * references (`image`, `tag`, `digest`, or any key under an `image…` key) in Helm values and in
 * Kubernetes resources (containers of kubernetes_* resources and manifests), and the AMI selection
 * of Karpenter EC2NodeClasses (`amiSelectorTerms`: a new alias or AMI rolls every node launched from
 * the class, by drift). An image that becomes unpinned (`:latest`, no tag and no digest, an AMI
 * alias `@latest`) is flagged, also in new resources.
 */
import { canonical, normalizeAttributes, valueAt } from '../attributes';
import { formatList, formatValue } from '../format';
import { REDACTED } from '../redact';
import { AttributeChange, DangerItem, ResourceChange, SynthOutput, SynthResource } from '../types';
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

/**
 * Why an image value at `path` is not pinned, or undefined when it is (or cannot be told: an
 * expression, a repository without its tag). A tag key is unpinned when it is `latest`; a full
 * reference when its tag is `latest` or it has neither tag nor digest.
 */
export function unpinnedImage(path: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value === REDACTED || value.includes('${')) return undefined;
  const last = path.replace(/\[\d+\]/g, '').split('.').pop()!.toLowerCase();
  if (last === 'tag' || last === 'imagetag') return value === 'latest' ? 'unpinned (`latest`)' : undefined;
  if (last !== 'image') return undefined;
  if (value.includes('@')) return undefined;
  const name = value.slice(value.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  if (colon < 0) return 'unpinned (no tag or digest)';
  return name.slice(colon + 1) === 'latest' ? 'unpinned (`latest`)' : undefined;
}

function imageChanges(change: ResourceChange): AttributeChange[] {
  return change.changes.filter((c) => isImagePath(change.type, c.path));
}

/** Leaf values of the normalized attributes, by path. */
function leaves(value: unknown, path: string, out: Array<[string, unknown]>): void {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.push([path, value]);
}

function isNodeClass(r: SynthResource | undefined): boolean {
  const m = r?.type === 'kubernetes_manifest' ? (r.attributes.manifest as Record<string, unknown> | undefined) : undefined;
  return m?.kind === 'EC2NodeClass' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('karpenter.k8s.aws/');
}

/** Names of the NodePools (in any head stack) whose `nodeClassRef` names the class. */
function poolsOf(head: SynthOutput, nodeClass: string): string[] {
  const out: string[] = [];
  for (const stack of head.stacks.values()) {
    for (const r of stack.resources.values()) {
      const m = r.type === 'kubernetes_manifest' ? r.attributes.manifest : undefined;
      if (valueAt(m, 'kind') === 'NodePool' && valueAt(m, 'spec.template.spec.nodeClassRef.name') === nodeClass) out.push(String(valueAt(m, 'metadata.name') ?? r.name));
    }
  }
  return [...new Set(out)].sort();
}

function amiItems(ctx: DangerContext, change: ResourceChange, after: SynthResource, item: (m: string) => void): void {
  const name = String(valueAt(after.attributes, 'manifest.metadata.name') ?? after.name);
  const pools = poolsOf(ctx.head, name);
  const who = pools.length > 0 ? `every node of NodePool${pools.length === 1 ? '' : 's'} ${formatList(pools)}` : 'every node launched from it';
  for (const c of change.changes.filter((x) => x.path.startsWith('manifest.spec.amiSelectorTerms') || x.path === 'manifest.spec.amiFamily')) {
    const latest = typeof c.after === 'string' && c.after.endsWith('@latest') ? ' — unpinned (`@latest`: nodes roll whenever a new AMI is published)' : '';
    item(`EC2NodeClass \`${name}\` AMI \`${c.path.slice('manifest.'.length)}\` ${formatValue(c.before)} → ${formatValue(c.after)}: Karpenter replaces ${who} (drift)${latest}`);
  }
}

/** Chart, image and AMI version changes between base and head. */
export function versionDangers(ctx: DangerContext): DangerItem[] {
  const out: DangerItem[] = [];
  for (const change of ctx.changes) {
    if (change.kind === 'removed') continue;
    const item = (message: string): void => void out.push({ category: 'versions', stack: change.stack, address: change.address, message });
    const { before, after } = sides(ctx, change);
    if (change.kind === 'added') {
      if (!after || !(change.type === 'helm_release' || change.type.startsWith('kubernetes_'))) continue;
      const all: Array<[string, unknown]> = [];
      leaves(normalizeAttributes(after.type, after.attributes), '', all);
      for (const [path, value] of all) {
        const why = isImagePath(change.type, path) ? unpinnedImage(path, value) : undefined;
        if (why) item(`image \`${path}\` ${formatValue(value)} — ${why}`);
      }
      continue;
    }
    if (change.type === 'helm_release') {
      const changed = CHART_ATTRIBUTES.filter((a) => canonical(before?.attributes[a]) !== canonical(after?.attributes[a]));
      if (changed.length > 0) {
        const name = String(after?.attributes.name ?? after?.attributes.chart ?? change.address);
        item(`chart of release \`${name}\`: ${changed.map((a) => `${a} ${formatValue(before?.attributes[a])} → ${formatValue(after?.attributes[a])}`).join(', ')}`);
      }
    }
    if (after && isNodeClass(after)) amiItems(ctx, change, after, item);
    for (const c of imageChanges(change)) {
      const why = unpinnedImage(c.path, c.after);
      item(`image \`${c.path}\` ${formatValue(c.before)} → ${formatValue(c.after)}${why ? ` — ${why}` : ''}`);
    }
  }
  return out;
}
