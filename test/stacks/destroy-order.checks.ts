/**
 * Destroy order on the synthesized graph of every reference set (imported by
 * reference-stacks.test.ts): for every Kubernetes object from which a controller creates AWS
 * resources (volume claims, NodePools and EC2NodeClasses, Gateways, Ingresses and LoadBalancer
 * Services), its stack depends — in cdktf's manifest, which orders `cdktf destroy` — on the stack of
 * every controller of its kind in the set, so it is destroyed while that controller still runs.
 */
import { awsBackedObject, awsControllerOf, AWS_CONTROLLERS } from '../../src/core/layers/reconcilers';
import { REFERENCE_STACK_SETS } from '../../stacks/app';
import { LAYERS } from './data-layer-moves';
import { manifest, stackJson } from './reference-fixture';

/** True when `stack` depends on `other` (directly or through other stacks) in the manifest. */
function dependsOn(stack: string, other: string, seen = new Set<string>()): boolean {
  const direct = manifest.stacks[stack]?.dependencies ?? [];
  if (direct.includes(other)) return true;
  return direct.some((d) => !seen.has(d) && (seen.add(d), dependsOn(d, other, seen)));
}

interface Found {
  readonly stack: string;
  readonly layer: string;
  readonly what: string;
}

function scan(set: string): { objects: Array<Found & { controllers: readonly string[] }>; controllers: Array<Found & { key: string }> } {
  const objects: Array<Found & { controllers: readonly string[] }> = [];
  const controllers: Array<Found & { key: string }> = [];
  for (const layer of LAYERS) {
    const stack = `${set}-${layer}`;
    for (const [type, byName] of Object.entries<Record<string, any>>(stackJson(stack).resource ?? {})) {
      for (const config of Object.values(byName)) {
        const object = awsBackedObject(type, config);
        if (object) objects.push({ stack, layer, what: object.label, controllers: object.controllers });
        const key = awsControllerOf(type, config);
        if (key) controllers.push({ stack, layer, what: AWS_CONTROLLERS[key].name, key });
      }
    }
  }
  return { objects, controllers };
}

describe('reference sets: destroy order of controller-made AWS resources', () => {
  const sets = Object.keys(REFERENCE_STACK_SETS).sort();

  test('every such object is in a later stack than each of its controllers, so cdktf destroys it first', () => {
    for (const set of sets) {
      const { objects, controllers } = scan(set);
      for (const o of objects) {
        for (const c of controllers.filter((c) => o.controllers.includes(c.key))) {
          expect({ set, object: `${o.layer} ${o.what}`, controller: `${c.layer} ${c.what}`, destroyedFirst: o.stack !== c.stack && dependsOn(o.stack, c.stack) }).toEqual({
            set,
            object: `${o.layer} ${o.what}`,
            controller: `${c.layer} ${c.what}`,
            destroyedFirst: true,
          });
        }
      }
    }
  });

  test('the check sees what the sets have: NodePools and EC2NodeClasses over Karpenter, volume claims over the EBS CSI driver, the Gateways over Envoy Gateway, the front door\'s Ingresses over the AWS Load Balancer Controller', () => {
    const pairs = (set: string) => {
      const { objects, controllers } = scan(set);
      const out = objects.flatMap((o) => controllers.filter((c) => o.controllers.includes(c.key)).map((c) => `${o.layer} ${o.what.split(' ')[0]} → ${c.layer} ${c.what}`));
      return [...new Set(out)].sort();
    };
    const training = [
      'platform PersistentVolumeClaim → cloud EBS CSI driver',
      'workloads EC2NodeClass → platform Karpenter',
      'workloads Ingress → platform AWS Load Balancer Controller',
      'workloads NodePool → platform Karpenter',
    ];
    expect(pairs('gpu-training-prod')).toEqual(training);
    // the LLM sets add the Gateways of the serving and LLM proxies and ClickHouse's volume (workloads)
    const llm = [...training, 'workloads Gateway → platform Envoy Gateway', 'workloads PersistentVolumeClaim → cloud EBS CSI driver'].sort();
    expect(pairs('mlops-platform-prod')).toEqual(llm);
    expect(pairs('llm-rag-prod')).toEqual(llm);
    const counts = scan('mlops-platform-prod').objects.map((o) => o.what.split(' ')[0]);
    // Ingresses: MLflow (its UI and, behind single sign-on, its API paths), Langfuse (the same), Argo, Grafana, Evidently
    expect(['NodePool', 'EC2NodeClass', 'PersistentVolumeClaim', 'Gateway', 'Ingress'].map((k) => counts.filter((c) => c === k).length)).toEqual([3, 3, 3, 2, 7]);
  });
});
