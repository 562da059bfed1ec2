import { TerraformStack } from 'cdktf';
import { checkStack } from '../../src/policy/aspect';
import { formatFinding } from '../../src/policy/engine';
import { FULL_PACK } from '../../src/policy/pack';
import { build } from './fixture';

describe('the full policy pack finds nothing in a feature store', () => {
  test.each([
    ['prod, all modes', { project: 'p', featureServer: { offline: true, ui: true } }],
    ['dev', { project: 'p', preset: 'dev' as const }],
  ])('%s', (_name, spec) => {
    const b = build(spec);
    const findings = [b.cloud, b.platform, b.store].flatMap((c) => checkStack(TerraformStack.of(c), FULL_PACK).findings.map(formatFinding));
    expect(findings).toEqual([]);
  });
});

test('synthesis is deterministic', () => {
  const spec = { project: 'p', featureServer: { offline: true } };
  const [a, b] = [build(spec), build(spec)];
  expect(JSON.stringify([b.cloudJson, b.platformJson, b.workloadsJson])).toBe(JSON.stringify([a.cloudJson, a.platformJson, a.workloadsJson]));
});
