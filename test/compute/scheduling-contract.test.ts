import { GpuNodePool, GpuNodePoolProps } from '../../src/compute';
import { assertSchedulable, findSchedulablePools, registerNodePoolOffer, SchedulingError, tolerates, whyNotSchedulable } from '../../src/compute/scheduling';
import { fakeClusterRef, testApp, workloadsStack, TEST_ENV } from '../helpers/synth';
import { WorkloadsStack } from '../../src/core/layers/mlops-stack';
import { Construct } from 'constructs';

const KARPENTER = { nodeRoleName: 'KarpenterNodeRole-test-cluster' };
const GPU_TOLERATION = { key: 'nvidia.com/gpu', operator: 'Equal' as const, value: 'true', effect: 'NoSchedule' as const };

function pools() {
  const app = testApp();
  const stack = workloadsStack(app);
  const inference = new GpuNodePool(stack, 'inference', { karpenter: KARPENTER, instanceFamilies: ['g6e'], limits: { gpu: 8 } } as GpuNodePoolProps);
  const mig = new GpuNodePool(stack, 'mig', {
    karpenter: KARPENTER,
    instanceTypes: ['p5.48xlarge'],
    capacityTypes: ['on-demand'],
    limits: { gpu: 8 },
    mig: { configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } },
  } as GpuNodePoolProps);
  const workload = new Construct(stack, 'llm');
  return { app, stack, inference, mig, workload };
}

describe('scheduling contract', () => {
  test('a pod that tolerates the taint and selects the pool fits; findSchedulablePools names it', () => {
    const { workload, inference } = pools();
    const request = { workload: 'InferenceService llm', resources: { 'nvidia.com/gpu': 4 }, tolerations: [GPU_TOLERATION], nodeSelector: inference.nodeSelector };
    expect(() => assertSchedulable(workload, request)).not.toThrow();
    expect(findSchedulablePools(workload, request).map((o) => o.nodePool)).toEqual(['inference']);
    // Without a node selector both pools are candidates for a MIG request, only the MIG pool fits.
    const migRequest = { workload: 'InferenceService small', resources: { 'nvidia.com/mig-3g.40gb': 1 }, tolerations: [GPU_TOLERATION] };
    expect(findSchedulablePools(workload, migRequest).map((o) => o.nodePool)).toEqual(['mig']);
  });

  test('every reason, per pool, in one message', () => {
    const { workload } = pools();
    const request = { workload: 'InferenceService llm', resources: { 'nvidia.com/gpu': 2 }, nodeSelector: { 'mlops.cdktf.io/gpu-pool': 'mig' } };
    expect(() => assertSchedulable(workload, request)).toThrow(
      'test-workloads/llm: InferenceService llm (requests nvidia.com/gpu=2 per pod) cannot be scheduled on any GPU node pool:\n' +
        '  - pool "inference": taint nvidia.com/gpu=true:NoSchedule is not tolerated; add the toleration { key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" }; ' +
        'node selector mlops.cdktf.io/gpu-pool=mig does not match the pool\'s mlops.cdktf.io/gpu-pool=inference\n' +
        '  - pool "mig": taint nvidia.com/gpu=true:NoSchedule is not tolerated; add the toleration { key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" }; ' +
        'resource nvidia.com/gpu is not offered (the pool offers nvidia.com/mig-3g.40gb)',
    );
  });

  test('MIG profile no pool offers, request above the largest instance, limit below the request, missing label', () => {
    const { workload } = pools();
    const tolerations = [GPU_TOLERATION];
    let error: SchedulingError | undefined;
    try {
      assertSchedulable(workload, { workload: 'TrainingJob big', resources: { 'nvidia.com/mig-7g.80gb': 1 }, tolerations, nodeSelector: { team: 'llm' } });
    } catch (e) {
      error = e as SchedulingError;
    }
    expect(error).toBeInstanceOf(SchedulingError);
    expect(error!.workload).toBe('TrainingJob big');
    expect(error!.reasons).toEqual({
      inference: ['node selector team=llm needs a label the pool does not set', 'MIG profile 7g.80gb (nvidia.com/mig-7g.80gb) is not offered (the pool offers nvidia.com/gpu)'],
      mig: ['node selector team=llm needs a label the pool does not set', 'MIG profile 7g.80gb (nvidia.com/mig-7g.80gb) is not offered (the pool offers nvidia.com/mig-3g.40gb)'],
    });
    expect(() => assertSchedulable(workload, { workload: 'TrainingJob wide', resources: { 'nvidia.com/gpu': 16 }, tolerations, nodeSelector: { 'karpenter.sh/nodepool': 'inference' } })).toThrow(
      '  - pool "inference": asks for 16 nvidia.com/gpu per pod but the largest instance (g6e.48xlarge) offers 8; the pool\'s limit nvidia.com/gpu=8 is below the 16 one pod requests\n' +
        '  - pool "mig": node selector karpenter.sh/nodepool=inference selects another pool; resource nvidia.com/gpu is not offered (the pool offers nvidia.com/mig-3g.40gb)',
    );
  });

  test('the pool GPU limit below the request', () => {
    const app = testApp();
    const stack = workloadsStack(app);
    new GpuNodePool(stack, 'small', { karpenter: KARPENTER, instanceTypes: ['p5.4xlarge', 'p5.48xlarge'], limits: { gpu: 4 } } as GpuNodePoolProps);
    expect(() => assertSchedulable(new Construct(stack, 'job'), { workload: 'TrainingJob j', resources: { 'nvidia.com/gpu': 8 }, tolerations: [GPU_TOLERATION] })).toThrow(
      'test-workloads/job: TrainingJob j (requests nvidia.com/gpu=8 per pod) cannot be scheduled on any GPU node pool:\n  - pool "small": the pool\'s limit nvidia.com/gpu=4 is below the 8 one pod requests',
    );
  });

  test('no pool yet: create the GpuNodePool before the workload', () => {
    const stack = workloadsStack();
    expect(() => assertSchedulable(new Construct(stack, 'llm'), { workload: 'InferenceService llm', resources: { 'nvidia.com/gpu': 1 } })).toThrow(
      'test-workloads/llm: InferenceService llm requests nvidia.com/gpu=1 per pod but no GpuNodePool is registered for this cluster; create the GpuNodePool before the workload (pools register when they are constructed)',
    );
    // CPU-only requests need no GPU pool.
    expect(() => assertSchedulable(new Construct(stack, 'api'), { workload: 'Deployment api', resources: {} })).not.toThrow();
  });

  test('offers are per app and per cluster; duplicate pool names are refused', () => {
    const { app, stack } = pools();
    const other = new WorkloadsStack(app, 'other-cluster', { ...TEST_ENV, cluster: { ...fakeClusterRef, clusterName: 'other' } });
    expect(() => assertSchedulable(new Construct(other, 'llm'), { workload: 'InferenceService llm', resources: { 'nvidia.com/gpu': 1 } })).toThrow(/no GpuNodePool is registered for this cluster/);
    expect(() => assertSchedulable(new Construct(workloadsStack(), 'llm'), { workload: 'x', resources: { 'nvidia.com/gpu': 1 } })).toThrow(/no GpuNodePool is registered/);
    expect(() => new GpuNodePool(stack, 'inference-2', { karpenter: KARPENTER, name: 'inference', instanceFamilies: ['g5'], limits: { gpu: 1 } } as GpuNodePoolProps)).toThrow(
      'test-workloads/inference-2: NodePool "inference" is already defined by test-workloads/inference for the same cluster; give one of the pools another name',
    );
    expect(() => registerNodePoolOffer(new Construct(other, 'p'), { nodePool: 'inference', labels: {}, taints: [], instances: [], limits: {} })).not.toThrow();
  });

  test('a workload is checked only against the pools its node selector names; on failure every pool gets its reason', () => {
    const stack = workloadsStack();
    // An offer that records which of its fields the check reads.
    const read: string[] = [];
    const offer = (nodePool: string, labels: Record<string, string>) =>
      new Proxy(
        { nodePool, labels, taints: [], instances: [{ instanceType: 'g6e.xlarge', resources: { 'nvidia.com/gpu': 1 } }], limits: {} },
        { get: (target, key: string) => (key !== 'nodePool' && key !== 'labels' && read.push(`${nodePool}.${key}`), (target as any)[key]) },
      );
    for (let i = 0; i < 50; i++) registerNodePoolOffer(new Construct(stack, `pool-${i}`), offer(`pool-${i}`, { 'mlops.cdktf.io/gpu-pool': `pool-${i}` }));
    const request = (selector: Record<string, string>) => ({ workload: 'InferenceService m', resources: { 'nvidia.com/gpu': 1 }, nodeSelector: selector });
    const workload = new Construct(stack, 'm');
    expect(() => assertSchedulable(workload, request({ 'mlops.cdktf.io/gpu-pool': 'pool-42' }))).not.toThrow();
    expect(new Set(read.map((r) => r.split('.')[0]))).toEqual(new Set(['pool-42']));
    read.length = 0;
    expect(() => assertSchedulable(workload, request({ 'karpenter.sh/nodepool': 'pool-7' }))).not.toThrow();
    expect(new Set(read.map((r) => r.split('.')[0]))).toEqual(new Set(['pool-7']));
    expect(findSchedulablePools(workload, request({ 'karpenter.sh/nodepool': 'pool-7' })).map((o) => o.nodePool)).toEqual(['pool-7']);
    // No pool has the label: the error still gives the reason for every pool.
    const error = captureError(() => assertSchedulable(workload, request({ 'mlops.cdktf.io/gpu-pool': 'pool-x' })));
    expect(Object.keys(error.reasons)).toHaveLength(50);
    expect(error.reasons['pool-3']).toEqual(['node selector mlops.cdktf.io/gpu-pool=pool-x does not match the pool\'s mlops.cdktf.io/gpu-pool=pool-3']);
  });

  test('toleration matching follows Kubernetes', () => {
    const taint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' as const };
    expect(tolerates({ key: 'nvidia.com/gpu', operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: '', operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: 'nvidia.com/gpu', value: 'false' }, taint)).toBe(false);
    expect(tolerates({ key: 'nvidia.com/gpu', value: 'true', effect: 'NoExecute' }, taint)).toBe(false);
    expect(tolerates({ key: 'nvidia.com/gpu', value: 'true' }, taint)).toBe(true);
    const offer = { nodePool: 'p', labels: {}, taints: [{ key: 'soft', effect: 'PreferNoSchedule' as const }], instances: [{ instanceType: 'g5.xlarge', resources: { 'nvidia.com/gpu': 1 } }], limits: {} };
    expect(whyNotSchedulable(offer, { workload: 'w', resources: { 'nvidia.com/gpu': 1 } })).toEqual([]);
    expect(whyNotSchedulable(offer, { workload: 'w', resources: { 'nvidia.com/gpu': 1 }, nodeSelector: { 'node.kubernetes.io/instance-type': 'g5.2xlarge', 'topology.kubernetes.io/zone': 'us-east-1a' } })).toEqual([
      'node selector node.kubernetes.io/instance-type=g5.2xlarge is not an instance type of the pool (g5.xlarge)',
      'resource nvidia.com/gpu is not offered (the pool offers no extended resources)',
    ]);
  });
});

function captureError(f: () => void): SchedulingError {
  try {
    f();
  } catch (e) {
    if (e instanceof SchedulingError) return e;
    throw e;
  }
  throw new Error('expected a SchedulingError');
}
