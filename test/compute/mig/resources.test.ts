import { GPU_INSTANCE_TYPES } from '../../../src/compute/gpu-instances';
import { migGpuModelOf, migInstanceTypes, migProfileOfResource, migResourceName, migResourcesPerNode, MIG_GPU_MODELS, MIG_GPUS } from '../../../src/compute/mig';

describe('MIG resources', () => {
  // The device plugin's rule (NVIDIA/k8s-device-plugin v0.20.0, internal/rm/rm.go
  // AddDefaultResourcesToConfig): resource = "nvidia.com/" + ("mig-" + profile with every "+" as ".").
  const devicePluginName = (profile: string) => `nvidia.com/${`mig-${profile}`.split('+').join('.')}`;

  test('resource names are the device plugin\'s (mixed strategy): "+" becomes "."', () => {
    expect(migResourceName('3g.40gb')).toBe('nvidia.com/mig-3g.40gb');
    expect(migResourceName('1g.10gb+me')).toBe('nvidia.com/mig-1g.10gb.me');
    expect(migResourceName('1g.24gb+me.all')).toBe('nvidia.com/mig-1g.24gb.me.all');
    expect(migResourceName('2g.48gb+gfx')).toBe('nvidia.com/mig-2g.48gb.gfx');
    expect(migProfileOfResource('nvidia.com/mig-2g.20gb')).toBe('2g.20gb');
    expect(migProfileOfResource('nvidia.com/mig-1g.10gb.me')).toBe('1g.10gb+me');
    expect(migProfileOfResource('nvidia.com/mig-1g.24gb.me.all')).toBe('1g.24gb+me.all');
    expect(migProfileOfResource('nvidia.com/gpu')).toBeUndefined();
  });

  test.each(MIG_GPU_MODELS.flatMap((m) => MIG_GPUS[m].profiles.map((p) => [m, p.name])))('%s %s: the device plugin\'s name, a valid resource name, and back', (_m, profile) => {
    const name = migResourceName(profile);
    expect(name).toBe(devicePluginName(profile));
    // An extended resource name is a qualified name: <domain>/<name>, name ≤ 63 of [A-Za-z0-9_.-], alphanumeric at both ends.
    expect(name).toMatch(/^nvidia\.com\/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
    expect(migProfileOfResource(name)).toBe(profile);
  });

  test('MIG GPU model of every catalog instance type', () => {
    const models = Object.fromEntries(Object.values(GPU_INSTANCE_TYPES).map((t) => [t.instanceType, migGpuModelOf(t) ?? null]));
    expect(Object.fromEntries(Object.entries(models).filter(([, m]) => m !== null))).toEqual({
      'p4d.24xlarge': 'A100-40GB',
      'p4de.24xlarge': 'A100-80GB',
      'p5.4xlarge': 'H100-80GB',
      'p5.48xlarge': 'H100-80GB',
      'p5e.48xlarge': 'H200-141GB',
      'p5en.48xlarge': 'H200-141GB',
      'p6-b200.48xlarge': 'B200',
    });
    expect(models['g5.48xlarge']).toBeNull();
    expect(Object.fromEntries(MIG_GPU_MODELS.map((m) => [m, migInstanceTypes(m)]))).toEqual({
      'A100-40GB': ['p4d.24xlarge'],
      'A100-80GB': ['p4de.24xlarge'],
      A30: [],
      'H100-80GB': ['p5.4xlarge', 'p5.48xlarge'],
      'H100-NVL-94GB': [],
      'H200-141GB': ['p5e.48xlarge', 'p5en.48xlarge'],
      B200: ['p6-b200.48xlarge'],
    });
  });

  test('resources per node = GPUs × instances per GPU', () => {
    const spec = { configName: 'balanced', gpu: 'A100-40GB', layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 } } as const;
    expect(migResourcesPerNode(spec, 'p4d.24xlarge')).toEqual({ 'nvidia.com/mig-3g.20gb': 8, 'nvidia.com/mig-2g.10gb': 8, 'nvidia.com/mig-1g.5gb': 16 });
    const h100 = { configName: 'h', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } } as const;
    expect(migResourcesPerNode(h100, 'p5.4xlarge')).toEqual({ 'nvidia.com/mig-3g.40gb': 2 });
    expect(migResourcesPerNode(h100, 'p5.48xlarge')).toEqual({ 'nvidia.com/mig-3g.40gb': 16 });
    expect(migResourcesPerNode({ configName: 'b', gpu: 'B200', layout: { '1g.23gb': 7 } }, 'p6-b200.48xlarge')).toEqual({ 'nvidia.com/mig-1g.23gb': 56 });
  });

  test.each([
    [
      'p4d.24xlarge',
      { configName: 'x', gpu: 'A100-80GB', layout: { '3g.40gb': 2 } },
      'p4d.24xlarge has A100 40GB GPUs, not A100 80GB; use p4de.24xlarge, or set gpu to \'A100-40GB\'',
    ],
    ['p5.48xlarge', { configName: 'x', gpu: 'A30', layout: { '4g.24gb': 1 } }, "p5.48xlarge has H100 80GB GPUs, not A30; set gpu to 'H100-80GB' (no EC2 instance type has A30 GPUs)"],
    [
      'g5.48xlarge',
      { configName: 'x', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } },
      'g5.48xlarge has A10G GPUs, which do not support MIG; use time-slicing for it, or a MIG-capable type (p4d.24xlarge)',
    ],
    [
      'x9.large',
      { configName: 'x', gpu: 'A100-40GB', layout: { '7g.40gb': 1 } },
      'x9.large is not a known GPU instance type; use a MIG-capable type such as p4d.24xlarge, p4de.24xlarge, p5.48xlarge, p5e.48xlarge, p5en.48xlarge or p6-b200.48xlarge',
    ],
    [
      'p4d.24xlarge',
      { configName: 'x', gpu: 'A100-40GB', layout: { '3g.20gb': 2, '1g.5gb': 1 } },
      'layout {3g.20gb: 2, 1g.5gb: 1} does not fit an A100 40GB (memory slices 9 > 8); drop 1 × 1g.5gb; {3g.20gb: 2} fits',
    ],
  ] as const)('%s with %j fails', (type, spec, message) => {
    expect(() => migResourcesPerNode(spec, type)).toThrow(new Error(message));
  });
});
