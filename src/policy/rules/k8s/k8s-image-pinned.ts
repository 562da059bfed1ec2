/** `k8s-image-pinned`: every image has a fixed tag (not `latest`) or a digest. */
import { isObject, isUnresolved } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt, ValueNode } from './helm-values';
import { workloadRule } from './workload-rule';

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinned(image: string): string | undefined {
  if (image.includes('@sha256:')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= lastSlash) return 'has no tag';
  const tag = image.slice(colon + 1);
  return tag === 'latest' ? 'uses the tag "latest"' : undefined;
}

function helmImage(node: ValueNode): string[] {
  if (node.key === 'image' && typeof node.value === 'string' && isUnresolved(node.value)) {
    return [`${valueAt(node)} is not known at synth; this check needs a concrete value`];
  }
  if (node.key === 'image' && typeof node.value === 'string') {
    const why = unpinned(node.value);
    return why ? [`${valueAt(node)} ${why}`] : [];
  }
  if (node.key === 'tag' && node.value === 'latest' && isObject(node.parent) && !node.parent.digest) return [`${valueAt(node)}`];
  return [];
}

export const k8sImagePinned = workloadRule({
  id: 'k8s-image-pinned',
  severity: 'error',
  description: 'Every container image has a fixed tag other than "latest", or a digest.',
  mirrors: [checkov('CKV_K8S_14'), checkov('CKV_K8S_43', 'stricter: requires a digest'), trivy('AVD-KSV-0013')],
  fix: 'pin the image to a version tag or digest (add it to IMAGES in src/core/versions.ts)',
  pod: (pod) =>
    pod.containers.flatMap((c) => {
      const image = c.fields.image;
      if (typeof image !== 'string') return [`${c.label} has no image`];
      if (isUnresolved(image)) return [`${c.label}: image = ${JSON.stringify(image)} is not known at synth; this check needs a concrete value`];
      const why = unpinned(image);
      return why ? [`${c.label} image "${image}" ${why}`] : [];
    }),
  helmNode: helmImage,
});
