/**
 * Property-style props checks (fast part, in `npm test`): for every construct family, seeded
 * boundary and wrong-typed props either throw a ValidationError that names the prop, or build and
 * synthesize without any other error. The contract part (accepted output against the CRDs and the
 * pinned charts, more cases) is test/contract/props-fuzz.contract.test.ts.
 */
import { fuzzCases, runCase, synthCase } from '../helpers/prop-fuzz';
import { synth } from '../helpers/synth';
import { FAMILIES as COMPONENT_FAMILIES } from './families';
import { DATA_AND_PIPELINE_FAMILIES } from './families-data-pipelines';
import { LLMOPS_FAMILIES } from './families-llmops';

const FAMILIES = [...COMPONENT_FAMILIES, ...DATA_AND_PIPELINE_FAMILIES, ...LLMOPS_FAMILIES];

/** Cases per family here (the contract test runs more); `PROPS_FUZZ_CASES` and `PROPS_FUZZ_SEED` explore further. */
const CASES = Number(process.env.PROPS_FUZZ_CASES ?? 6);
const SEED = Number(process.env.PROPS_FUZZ_SEED ?? 15);

describe.each(FAMILIES.map((f) => [f.name, f] as const))('%s', (_name, family) => {
  test('the base props are valid', () => {
    expect(() => family.build(family.base).forEach((s) => synth(s))).not.toThrow();
  });

  test(`${CASES + 3} seeded mutations: a ValidationError naming the prop, or output that synthesizes`, () => {
    const problems: string[] = [];
    let rejected = 0;
    for (const c of fuzzCases(family.base, SEED, CASES)) {
      const outcome = runCase(c, (props) => family.build(props));
      if (typeof outcome === 'string') problems.push(outcome);
      else if (!outcome.accepted) rejected++;
      else {
        const result = synthCase(c, () => (outcome.value as ReturnType<typeof family.build>).forEach((s) => synth(s)));
        if (result === 'rejected') rejected++;
        else if (result !== undefined) problems.push(result);
      }
    }
    expect(problems).toEqual([]);
    // The always-run cases (no props, two unknown keys) are rejected, so every family rejects something.
    expect(rejected).toBeGreaterThanOrEqual(3);
  });
});
