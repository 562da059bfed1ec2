/**
 * Property-style props checks, contract part: for every construct family, seeded boundary and
 * wrong-typed props either throw a ValidationError naming the prop, or produce output whose custom
 * resources validate against their upstream CRDs and whose Helm values exist in (and satisfy the
 * schema of) the pinned charts. Nothing in between. (`npm test` runs the same families with fewer
 * cases and without ../shared/upstream: test/fuzz/props-fuzz.test.ts.)
 */
import { fuzzCases, runCase, synthCase } from '../helpers/prop-fuzz';
import { synth, TfJson } from '../helpers/synth';
import { FAMILIES as COMPONENT_FAMILIES } from '../fuzz/families';
import { DATA_AND_PIPELINE_FAMILIES } from '../fuzz/families-data-pipelines';
import { LLMOPS_FAMILIES } from '../fuzz/families-llmops';

const FAMILIES = [...COMPONENT_FAMILIES, ...DATA_AND_PIPELINE_FAMILIES, ...LLMOPS_FAMILIES];
import { helmReleaseProblems, manifestProblems, resourcesOf } from './contract-checks';

const CASES = Number(process.env.PROPS_FUZZ_CASES ?? 20);
const SEED = Number(process.env.PROPS_FUZZ_SEED ?? 2026);

function contractProblems(label: string, jsons: readonly TfJson[]): string[] {
  return jsons.flatMap((json, i) => [
    ...manifestProblems(resourcesOf(json, 'kubernetes_manifest', `${label} [stack ${i}]`)),
    ...helmReleaseProblems(resourcesOf(json, 'helm_release', `${label} [stack ${i}]`)),
  ]);
}

describe.each(FAMILIES.map((f) => [f.name, f] as const))('%s', (_name, family) => {
  test(`base props and ${CASES} seeded mutations: rejected with the prop named, or output that meets the CRD and chart contracts`, () => {
    const problems = contractProblems('base', family.build(family.base).map((s) => synth(s)));
    let accepted = 0;
    for (const c of fuzzCases(family.base, SEED, CASES)) {
      const outcome = runCase(c, (props) => family.build(props));
      if (typeof outcome === 'string') {
        problems.push(outcome);
        continue;
      }
      if (!outcome.accepted) continue;
      let jsons: TfJson[] = [];
      const result = synthCase(c, () => (jsons = (outcome.value as ReturnType<typeof family.build>).map((s) => synth(s))));
      if (result === 'rejected') continue;
      if (result !== undefined) {
        problems.push(result);
        continue;
      }
      accepted++;
      problems.push(...contractProblems(c.label, jsons));
    }
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThanOrEqual(0);
  });
});
