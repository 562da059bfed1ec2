/** Reading `kubernetes_manifest` resources: the `manifest` attribute is the object as Kubernetes takes it (camelCase keys). */
import { SynthesizedResource } from '../../types';
import { isObject, isUnresolved, Json } from '../../values';

/** The manifest of a `kubernetes_manifest`, with its group, version and kind. */
export interface ManifestView {
  readonly apiVersion: string;
  /** API group (`''` for the core group). */
  readonly group: string;
  readonly kind: string;
  readonly metadata: Json;
  readonly raw: Json;
}

/** The manifest, `'unknown'` when it is an unresolved reference, undefined for other resource types. */
export function manifestOf(resource: SynthesizedResource): ManifestView | 'unknown' | undefined {
  if (resource.type !== 'kubernetes_manifest') return undefined;
  const m = resource.attributes.manifest;
  if (isUnresolved(m)) return 'unknown';
  if (!isObject(m)) return undefined;
  const apiVersion = typeof m.apiVersion === 'string' ? m.apiVersion : '';
  const kind = typeof m.kind === 'string' ? m.kind : '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return { apiVersion, group, kind, metadata: isObject(m.metadata) ? m.metadata : {}, raw: m };
}

/** The EC2NodeClass spec of a `kubernetes_manifest`, or undefined when it is another kind. */
export function ec2NodeClassSpec(resource: SynthesizedResource): Json | 'unknown' | undefined {
  const m = manifestOf(resource);
  if (m === 'unknown') return 'unknown';
  if (!m || m.group !== 'karpenter.k8s.aws' || m.kind !== 'EC2NodeClass') return undefined;
  return isObject(m.raw.spec) ? m.raw.spec : {};
}
