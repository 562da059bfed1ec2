import { App } from 'cdktf';
import { ClusterRef, EksCluster, Network, StackSet } from '../../src';
import { checkStack } from '../../src/policy/aspect';
import { FULL_PACK } from '../../src/policy/pack';
import { addGpuCompute } from '../../stacks/parts/gpu';
import { addresses, resourceList, synth } from '../helpers/synth';

function build(options: Partial<Parameters<typeof addGpuCompute>[1]> = {}) {
  const app = new App({ skipBackendValidation: true });
  const set = new StackSet(app, { project: 'gpu', environment: 'dev', region: 'us-east-1' });
  const network = new Network(set.cloud, 'network', { name: 'gpu-dev', clusterName: 'gpu-dev', preset: 'dev' });
  const cluster = new EksCluster(set.cloud, 'cluster', { name: 'gpu-dev', network, preset: 'dev' });
  set.connect(ClusterRef.fromEksCluster(cluster));
  const gpu = addGpuCompute(set, { cluster, ...options });
  return { set, gpu };
}

describe('addGpuCompute', () => {
  test('one construct per layer; deployable and policy-clean stacks', () => {
    const { set, gpu } = build();
    const cloud = synth(set.cloud);
    const platform = synth(set.platform);
    const workloads = synth(set.workloads);
    expect(Object.values(addresses(cloud, 'aws_sqs_queue'))).toEqual(['gpu-dev-cloud/karpenter/interruption-queue']);
    expect(resourceList(platform, 'helm_release').map((r) => r.chart)).toEqual(['karpenter-crd', 'karpenter']);
    expect(resourceList(workloads, 'kubernetes_manifest').map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`)).toEqual(['EC2NodeClass/gpu-inference', 'NodePool/gpu-inference']);
    const pool = resourceList(workloads, 'kubernetes_manifest')[1].manifest;
    expect(pool.spec.template.spec.requirements.slice(0, 1).concat(pool.spec.template.spec.requirements.slice(4))).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6e', 'g5', 'g6'] },
    ]);
    expect(pool.spec.limits).toEqual({ 'nvidia.com/gpu': '8' });
    expect([gpu.karpenter.clusterName, gpu.inferencePool.nodePoolName, gpu.karpenterAws.nodeRoleName]).toEqual(['gpu-dev', 'gpu-inference', 'KarpenterNodeRole-gpu-dev']);
    for (const stack of [set.cloud, set.platform, set.workloads]) {
      const errors = checkStack(stack, FULL_PACK).findings.filter((f) => f.severity === 'error');
      expect([stack.node.id, errors]).toEqual([stack.node.id, []]);
    }
  });

  test('options: GPU limit, pool overrides, feature gates', () => {
    const { set } = build({ inferenceGpuLimit: 4, inferencePool: { instanceFamilies: ['g6e'], capacityTypes: ['on-demand'] }, featureGates: ['nodeOverlay'] });
    const pool = resourceList(synth(set.workloads), 'kubernetes_manifest')[1].manifest;
    expect([pool.spec.limits['nvidia.com/gpu'], pool.spec.template.spec.requirements[0].values, pool.spec.template.spec.requirements[4].values]).toEqual(['4', ['on-demand'], ['g6e']]);
    expect(resourceList(synth(set.platform), 'helm_release')[1].values[0]).toContain('featureGates:\n    nodeOverlay: true');
  });
});
