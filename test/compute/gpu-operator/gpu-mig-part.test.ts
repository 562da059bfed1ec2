import { addGpuOperator, addMigConfiguration, REFERENCE_MIG_POOL } from '../../../stacks/parts/gpu-mig';
import { MigNodeOverlay } from '../../../src/compute/mig';
import { StackSet } from '../../../src/core/layers/stack-set';
import { fakeClusterRef, onlyResource, resourceList, synth, TEST_ENV, testApp } from '../../helpers/synth';

describe('addGpuOperator', () => {
  test('puts the operator and the MIG config in the platform layer; the overlay goes with the pool in workloads', () => {
    const set = new StackSet(testApp(), { ...TEST_ENV, name: 'set' });
    set.connect(fakeClusterRef);
    const { operator, mig } = addGpuOperator(set, { mig: addMigConfiguration(set, [REFERENCE_MIG_POOL]) });
    new MigNodeOverlay(set.workloads, 'overlay', { nodePoolName: 'mig', instanceTypes: ['p4d.24xlarge'], spec: REFERENCE_MIG_POOL });
    const platform = synth(set.platform);
    const workloads = synth(set.workloads);
    expect(onlyResource(platform, 'helm_release').chart).toBe('gpu-operator');
    expect(resourceList(platform, 'kubernetes_config_map_v1').map((c) => c.metadata.name)).toEqual(['mlops-mig-parted-config']);
    expect(mig?.configNames).toEqual(['a100-balanced']);
    expect(operator.values.migManager).toEqual(expect.objectContaining({ enabled: true, config: { create: false, name: 'mlops-mig-parted-config', default: 'all-disabled' } }));
    expect(onlyResource(workloads, 'kubernetes_manifest').manifest.spec.capacity).toEqual({
      'nvidia.com/mig-3g.20gb': '8',
      'nvidia.com/mig-2g.10gb': '8',
      'nvidia.com/mig-1g.5gb': '16',
    });
  });

  test('without MIG pools there is no MIG config and the MIG manager is off', () => {
    const set = new StackSet(testApp(), { ...TEST_ENV, name: 'set' });
    set.connect(fakeClusterRef);
    expect(addMigConfiguration(set, [])).toBeUndefined();
    const { operator, mig } = addGpuOperator(set, { amiFamily: 'bottlerocket' });
    expect(mig).toBeUndefined();
    expect(operator.values.migManager).toEqual(expect.objectContaining({ enabled: false }));
    expect(resourceList(synth(set.platform), 'kubernetes_config_map_v1')).toEqual([]);
  });
});
