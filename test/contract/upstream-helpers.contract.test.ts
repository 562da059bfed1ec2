/** The contract helpers themselves: they must reject what upstream rejects, or the contract tests prove nothing. */
import { chartValues, unknownValuePaths, validateCustomResource, goPatternToJs } from '../helpers/upstream';

describe('contract helpers', () => {
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
