import { MigNodeOverlay, MigPoolSpec, MIG_NODE_OVERLAY_WEIGHT, NODE_OVERLAY_FEATURE_GATE, NODE_OVERLAY_FEATURE_GATE_VALUES } from '../../../src/compute/mig';
import { addresses, platformStack, resourceList, synth, workloadsStack } from '../../helpers/synth';
import { celViolations } from './node-overlay-cel';

const BALANCED: MigPoolSpec = { configName: 'a100-balanced', gpu: 'A100-40GB', layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 } };
const H100: MigPoolSpec = { configName: 'h100-mixed', gpu: 'H100-80GB', layout: { '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 2 } };

function overlays(spec: MigPoolSpec, instanceTypes: string[], nodePoolName = 'mig-pool'): any[] {
  const stack = workloadsStack();
  new MigNodeOverlay(stack, 'overlay', { nodePoolName, instanceTypes, spec });
  return resourceList(synth(stack), 'kubernetes_manifest').map((r) => r.manifest);
}

describe('MigNodeOverlay', () => {
  test('declares the MIG capacity of a p4d.24xlarge (8 × A100 40GB) for the pool’s nodes only', () => {
    expect(overlays(BALANCED, ['p4d.24xlarge'])).toEqual([
      {
        apiVersion: 'karpenter.sh/v1alpha1',
        kind: 'NodeOverlay',
        metadata: { name: 'mig-pool-mig-p4d-24xlarge' },
        spec: {
          weight: 1000,
          requirements: [
            { key: 'karpenter.sh/nodepool', operator: 'In', values: ['mig-pool'] },
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p4d.24xlarge'] },
          ],
          capacity: { 'nvidia.com/mig-3g.20gb': '8', 'nvidia.com/mig-2g.10gb': '8', 'nvidia.com/mig-1g.5gb': '16' },
        },
      },
    ]);
  });

  test('one overlay per instance type, each with that type’s GPU count; nvidia.com/gpu left alone', () => {
    const all = overlays(H100, ['p5.48xlarge', 'p5.4xlarge', 'p5.48xlarge']);
    expect(all.map((m) => [m.metadata.name, m.spec.requirements[1].values, m.spec.capacity])).toEqual([
      ['mig-pool-mig-p5-48xlarge', ['p5.48xlarge'], { 'nvidia.com/mig-3g.40gb': '8', 'nvidia.com/mig-2g.20gb': '8', 'nvidia.com/mig-1g.10gb': '16' }],
      ['mig-pool-mig-p5-4xlarge', ['p5.4xlarge'], { 'nvidia.com/mig-3g.40gb': '1', 'nvidia.com/mig-2g.20gb': '1', 'nvidia.com/mig-1g.10gb': '2' }],
    ]);
    for (const m of all) expect(Object.keys(m.spec.capacity)).not.toContain('nvidia.com/gpu');
  });

  test('H200 pools cover both p5e and p5en', () => {
    const all = overlays({ configName: 'h200', gpu: 'H200-141GB', layout: { '7g.141gb': 1 } }, ['p5en.48xlarge', 'p5e.48xlarge']);
    expect(all.map((m) => [m.metadata.name, m.spec.capacity])).toEqual([
      ['mig-pool-mig-p5e-48xlarge', { 'nvidia.com/mig-7g.141gb': '8' }],
      ['mig-pool-mig-p5en-48xlarge', { 'nvidia.com/mig-7g.141gb': '8' }],
    ]);
  });

  test('satisfies the CRD’s CEL rules (not checked by ajv)', () => {
    for (const m of overlays(H100, ['p5.48xlarge', 'p5.4xlarge'])) {
      expect(celViolations(m.spec)).toEqual([]);
      expect(m.spec.weight).toBeGreaterThanOrEqual(1);
      expect(m.spec.weight).toBeLessThanOrEqual(10000);
    }
    // The rules bite: a restricted key or resource would be reported.
    expect(celViolations({ requirements: [{ key: 'karpenter.sh/foo', operator: 'In', values: [] }], capacity: { cpu: '1' } })).toEqual([
      'invalid resource restricted',
      'label domain "karpenter.sh" is restricted',
      "requirements with operator 'In' must have a value defined",
    ]);
  });

  test('logical ids are stable', () => {
    const stack = workloadsStack();
    new MigNodeOverlay(stack, 'overlay', { nodePoolName: 'mig-pool', instanceTypes: ['p4d.24xlarge'], spec: BALANCED });
    expect(Object.values(addresses(synth(stack), 'kubernetes_manifest'))).toEqual(['test-workloads/overlay/overlay-p4d.24xlarge']);
  });

  test('exports the Karpenter feature gate', () => {
    expect(NODE_OVERLAY_FEATURE_GATE).toBe('NodeOverlay');
    expect(NODE_OVERLAY_FEATURE_GATE_VALUES).toEqual({ settings: { featureGates: { nodeOverlay: true } } });
    expect(MIG_NODE_OVERLAY_WEIGHT).toBe(1000);
  });

  test.each([
    [
      { nodePoolName: 'p', instanceTypes: ['p4de.24xlarge'], spec: BALANCED },
      'test-workloads/overlay: instanceTypes[0] = "p4de.24xlarge" cannot carry MIG config "a100-balanced": p4de.24xlarge has A100 80GB GPUs, not A100 40GB; use p4d.24xlarge, or set gpu to \'A100-80GB\'',
    ],
    [
      { nodePoolName: 'p', instanceTypes: ['p4d.24xlarge', 'g6e.12xlarge'], spec: BALANCED },
      'test-workloads/overlay: instanceTypes[1] = "g6e.12xlarge" cannot carry MIG config "a100-balanced": g6e.12xlarge has L40S GPUs, which do not support MIG; use time-slicing for it, or a MIG-capable type (p4d.24xlarge)',
    ],
    [
      { nodePoolName: 'p', instanceTypes: ['p4d.24xlarge'], spec: { ...BALANCED, layout: { '3g.20gb': 2, '1g.5gb': 1 } } },
      'test-workloads/overlay: spec.layout = {"3g.20gb":2,"1g.5gb":1} does not fit an A100 40GB (memory slices 9 > 8); drop 1 × 1g.5gb; {3g.20gb: 2} fits',
    ],
    [
      { nodePoolName: 'p', instanceTypes: [], spec: BALANCED },
      'test-workloads/overlay: instanceTypes = [] is empty; give the instance types of the MIG pool, e.g. ["p4d.24xlarge"]',
    ],
    [
      { nodePoolName: 'Bad_Pool', instanceTypes: ['p4d.24xlarge'], spec: BALANCED },
      'test-workloads/overlay: nodePoolName = "Bad_Pool" is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit',
    ],
  ])('rejects %j', (props, message) => {
    expect(() => new MigNodeOverlay(workloadsStack(), 'overlay', props)).toThrow(new Error(message));
  });

  test('belongs in the workloads layer', () => {
    expect(() => new MigNodeOverlay(platformStack(), 'overlay', { nodePoolName: 'p', instanceTypes: ['p4d.24xlarge'], spec: BALANCED })).toThrow(
      'test-platform/overlay: MigNodeOverlay belongs in the workloads layer but was created in platform stack "test-platform"',
    );
  });
});
