/** `k8s-image-pinned`: every image has a fixed tag (not `latest`) or a digest. */
import { parseImageReference } from '../../../core/image-reference';
import { PolicyRule, SynthesizedResource } from '../../types';
import { isObject, isUnresolved, verdictOf } from '../../values';
import { checkov, trivy } from '../scanners';
import { valueAt, ValueNode } from './helm-values';
import { manifestOf } from './manifest';
import { workloadRule } from './workload-rule';

/** Why an image reference is not pinned, or undefined when it is (the shared pin check of `Schemas.image`). */
export function unpinned(image: string): string | undefined {
  const parsed = parseImageReference(image);
  if (typeof parsed === 'string') return 'is not a valid image reference';
  if (parsed.digest !== undefined) return undefined;
  if (parsed.tag === undefined) return 'has no tag';
  return parsed.tag === 'latest' ? 'uses the tag "latest"' : undefined;
}

/**
 * Images of KServe InferenceService components (`spec.<predictor|transformer|explainer>.model.image`):
 * the model server container is the `model` block, not a `containers` list.
 */
function inferenceServiceImages(resource: SynthesizedResource): Array<{ where: string; image: string }> {
  const m = manifestOf(resource);
  if (m === undefined || m === 'unknown' || m.group !== 'serving.kserve.io' || m.kind !== 'InferenceService' || !isObject(m.raw.spec)) return [];
  const spec = m.raw.spec;
  return ['predictor', 'transformer', 'explainer'].flatMap((component) => {
    const model = isObject(spec[component]) ? spec[component].model : undefined;
    const image = isObject(model) ? model.image : undefined;
    return typeof image === 'string' ? [{ where: `spec.${component}.model`, image }] : [];
  });
}

function modelImageProblem({ where, image }: { where: string; image: string }): string[] {
  if (isUnresolved(image)) return [`${where}.image is not known at synth; this check needs a concrete value`];
  const why = unpinned(image);
  return why ? [`${where} image "${image}" ${why}`] : [];
}

const FIX = 'pin the image to a version tag or digest (add it to IMAGES in src/core/versions.ts)';

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

const workloadImagesPinned = workloadRule({
  id: 'k8s-image-pinned',
  severity: 'error',
  description: 'Every container image has a fixed tag other than "latest", or a digest.',
  mirrors: [checkov('CKV_K8S_14'), checkov('CKV_K8S_43', 'stricter: requires a digest'), trivy('AVD-KSV-0013')],
  fix: FIX,
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

export const k8sImagePinned: PolicyRule = {
  ...workloadImagesPinned,
  description: 'Every container image (and every InferenceService model server image) has a fixed tag other than "latest", or a digest.',
  check(resource, context) {
    const verdict = workloadImagesPinned.check(resource, context);
    const models = inferenceServiceImages(resource);
    if (models.length === 0) return verdict;
    return verdictOf([...(verdict.status === 'non-compliant' ? [verdict.message] : []), ...models.flatMap(modelImageProblem)], FIX);
  },
};
