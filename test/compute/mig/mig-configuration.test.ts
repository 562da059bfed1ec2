import { parse } from 'yaml';
import { MigConfiguration, MigPoolSpec } from '../../../src/compute/mig';
import { onlyResource, platformStack, synth, workloadsStack } from '../../helpers/synth';

const BALANCED: MigPoolSpec = { configName: 'a100-balanced', gpu: 'A100-40GB', layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 } };
const H100: MigPoolSpec = { configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } };

describe('MigConfiguration', () => {
  test('emits the mig-parted config as the ConfigMap the MIG manager reads', () => {
    const stack = platformStack();
    const mig = new MigConfiguration(stack, 'mig', { pools: [H100, BALANCED] });
    const cm = onlyResource(synth(stack), 'kubernetes_config_map_v1');
    expect(cm.metadata).toEqual({
      name: 'mlops-mig-parted-config',
      namespace: 'gpu-operator',
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-mlops', 'app.kubernetes.io/part-of': 'gpu-operator' },
    });
    expect(Object.keys(cm.data)).toEqual(['config.yaml']);
    expect(cm.data['config.yaml']).toBe(
      [
        'mig-configs:',
        '  a100-balanced:',
        '    - devices: all',
        '      mig-devices:',
        '        1g.5gb: 2',
        '        2g.10gb: 1',
        '        3g.20gb: 1',
        '      mig-enabled: true',
        '  all-disabled:',
        '    - devices: all',
        '      mig-enabled: false',
        '  h100-3g:',
        '    - devices: all',
        '      mig-devices:',
        '        3g.40gb: 2',
        '      mig-enabled: true',
        'version: v1',
        '',
      ].join('\n'),
    );
    expect(parse(cm.data['config.yaml'])).toEqual(mig.config);
    expect(mig.configNames).toEqual(['a100-balanced', 'h100-3g']);
    expect(mig.configMapName).toBe('mlops-mig-parted-config');
  });

  test('namespace and name are configurable; identical specs are merged', () => {
    const stack = platformStack();
    const mig = new MigConfiguration(stack, 'mig', { pools: [H100, { ...H100 }], namespace: 'nvidia', configMapName: 'mig' });
    const cm = onlyResource(synth(stack), 'kubernetes_config_map_v1');
    expect([cm.metadata.namespace, cm.metadata.name]).toEqual(['nvidia', 'mig']);
    expect(Object.keys(mig.config['mig-configs'])).toEqual(['all-disabled', 'h100-3g']);
  });

  test.each([
    [
      { pools: [{ configName: 'p4d', gpu: 'A100-40GB', layout: { '3g.20gb': 2, '1g.5gb': 1 } }] },
      'test-platform/mig: pools[0].layout = {"3g.20gb":2,"1g.5gb":1} does not fit an A100 40GB (memory slices 9 > 8); drop 1 × 1g.5gb; {3g.20gb: 2} fits',
    ],
    [
      { pools: [H100, { configName: 'h100-3g', gpu: 'H100-80GB', layout: { '2g.20gb': 3 } }] },
      'test-platform/mig: pools[1].configName = "h100-3g" is used by another pool with a different GPU or layout; one config name is one layout, so give this pool its own configName',
    ],
    [
      { pools: [{ ...H100, configName: 'all-disabled' }] },
      'test-platform/mig: pools[0].configName = "all-disabled" is reserved for GPUs without MIG (the operator\'s default config); choose another name, e.g. "inference-3g"',
    ],
    [
      { pools: [{ ...H100, configName: 'bad name' }] },
      'test-platform/mig: pools[0].configName = "bad name" is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    ],
    [
      { pools: [{ ...H100, gpu: 'T4' }] },
      'test-platform/mig: pools[0].gpu = "T4" is not a MIG-capable GPU model; use one of A100-40GB, A100-80GB, A30, H100-80GB, H100-NVL-94GB, H200-141GB, B200',
    ],
    [{ pools: [] }, 'test-platform/mig: pools = [] is empty; give at least one MIG pool layout'],
  ])('rejects %j', (props, message) => {
    expect(() => new MigConfiguration(platformStack(), 'mig', props as any)).toThrow(new Error(message));
  });

  test('belongs in the platform layer', () => {
    expect(() => new MigConfiguration(workloadsStack(), 'mig', { pools: [H100] })).toThrow(
      'test-workloads/mig: MigConfiguration belongs in the platform layer but was created in workloads stack "test-workloads"',
    );
  });
});
