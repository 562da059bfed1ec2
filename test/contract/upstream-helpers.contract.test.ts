/** The contract helpers themselves: they must reject what upstream rejects, or the contract tests prove nothing. */
import { chartValues, crdFileIndex, crdKeysOf, crdSchema, goPatternToJs, parsedCrdFileCount, unknownValuePaths, validateCustomResource } from '../helpers/upstream';

describe('contract helpers', () => {
  test('CRDs load lazily: asking for one kind parses only the file that defines it, once', () => {
    const before = parsedCrdFileCount();
    expect(crdSchema('monitoring.coreos.com/v1/PodMonitor')).toMatchObject({ group: 'monitoring.coreos.com', kind: 'PodMonitor', version: 'v1' });
    expect(parsedCrdFileCount()).toBe(before + 1);
    crdSchema('monitoring.coreos.com/v1/PodMonitor');
    expect(crdSchema('monitoring.coreos.com/v9/PodMonitor')).toBeUndefined();
    expect(parsedCrdFileCount()).toBe(before + 1);
  });

  test('the index finds group and kind of every CRD file without parsing it (no file falls back to "parse on any lookup")', () => {
    const index = crdFileIndex();
    expect(index.has('*')).toBe(false);
    expect(index.get('argoproj.io/Workflow')).toEqual([expect.stringMatching(/argoproj\.io_workflows\.yaml$/)]);
    expect(index.get('inference.networking.k8s.io/InferencePool')).toHaveLength(2);
    expect(crdKeysOf('apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: example.com\n  names:\n    plural: foos\n    kind: Foo\n')).toEqual(['example.com/Foo']);
    expect(crdKeysOf('kind: CustomResourceDefinition\nspec:\n  group: example.com\n')).toBeUndefined();
    expect(crdKeysOf('kind: ConfigMap\n')).toEqual([]);
  });

  test('a NodePool with a wrong field type and an unknown enum value is rejected', () => {
    const errors = validateCustomResource({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'x' },
      spec: {
        template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'x' }, requirements: [{ key: 'k', operator: 'Sometimes', values: ['a'] }] } },
        disruption: { consolidationPolicy: 'Never' },
      },
    });
    expect(errors.join('\n')).toContain('/spec/disruption/consolidationPolicy must be equal to one of the allowed values');
    expect(errors.join('\n')).toContain('/spec/template/spec/requirements/0/operator must be equal to one of the allowed values');
  });

  test("Go's inline (?i) flag becomes a case-insensitive JavaScript pattern", () => {
    const re = new RegExp(goPatternToJs('^(?i)(abort|warn)?$'), 'u');
    expect(['abort', 'WARN', 'Warn', ''].map((v) => re.test(v))).toEqual([true, true, true, true]);
    expect(re.test('ignore')).toBe(false);
    expect(goPatternToJs('^[a-z]+\\d$')).toBe('^[a-z]+\\d$');
    expect(goPatternToJs('(?i)a[b-c]\\w')).toBe('[aA][b-c]\\w');
  });

  test('an unknown kind is reported', () => {
    expect(validateCustomResource({ apiVersion: 'example.com/v1', kind: 'Nope', metadata: {} })).toEqual([expect.stringContaining('no CRD in')]);
  });

  test('unknown Helm value paths are found; free-form maps are allowed', () => {
    const defaults = chartValues('karpenter');
    expect(unknownValuePaths({ settings: { clusterName: 'x', notAKey: 1 }, podAnnotations: { a: 'b' }, bogus: true }, defaults)).toEqual(['settings.notAKey', 'bogus']);
  });
});
