/**
 * Resolving once per synth, on the shared synth of every reference set (imported by
 * reference-stacks.test.ts): every reference stack takes the prepared path (no full resolve by
 * cdktf's `TerraformStack.toTerraform()`), and its result is byte-identical, as a string, to cdktf's
 * own full resolve and equal to the file the synth wrote. This is the guard for the cdktf behaviour
 * `MlopsStack.prepareStack` mirrors (see src/core/layers/prepared-synth.ts).
 */
import * as fs from 'fs';
import { TerraformStack } from 'cdktf';
import { MlopsStack } from '../../src';
import { first, stackFile, stacks } from './reference-fixture';

describe('reference stacks: the prepared path', () => {
  test.each(stacks.map((s) => [s.node.id, s] as const))('%s: written from the prepare pass, byte-identical to cdktf’s full resolve', (id, stack) => {
    expect(stack).toBeInstanceOf(MlopsStack);
    const full = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    let prepared: unknown;
    try {
      // As cdktf's App.synth() and StackSynthesizer do: prepare, (aspects,) validations (the policy pack's reads the JSON), write.
      stack.prepareStack();
      stack.runAllValidations();
      prepared = stack.toTerraform();
      expect(full).not.toHaveBeenCalled();
    } finally {
      full.mockRestore();
    }
    const cdktf = stack.toTerraform();
    expect(JSON.stringify(prepared)).toBe(JSON.stringify(cdktf));
    expect(JSON.parse(fs.readFileSync(stackFile(first, id), 'utf8'))).toEqual(cdktf);
  });
});
