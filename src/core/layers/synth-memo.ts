/**
 * Work over the whole app that the validations of one synth share. cdktf 0.21's `App.synth()`
 * prepares every stack, then validates and writes them one by one; a check that reads every stack
 * of the app (the destroy-order check's controller sites) would otherwise walk the whole app once
 * per stack. {@link synthMemo} keeps such a result from the first validation of a synth for the
 * next ones, when nothing but the library's own aspects can have changed the app since:
 *
 * - every stack of the app took `MlopsStack`'s prepared path at its last `prepareStack()` (only
 *   {@link PreparedAspect}s affect it, and they ran at prepare: cdktf's aspect invocation between
 *   the validations of two stacks changes nothing a check reads), and
 * - the stack asking is prepared and not yet written (its synth is under way).
 *
 * Any `prepareStack()` drops what was kept for the app, and so does a failed validation. What is not
 * detected, as for the prepared JSON (see `MlopsStack.prepareStack`): a change made to the app
 * between the validations of one synth by something other than an aspect (a validation, custom
 * synthesis); the library makes none.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Stacks whose last `prepareStack()` took the prepared path. */
const PREPARED_PATH = new WeakSet<TerraformStack>();
/** Stacks prepared (on the prepared path) and not written since. */
const IN_SYNTH = new WeakSet<TerraformStack>();
/** What {@link synthMemo} kept, by app root. */
const MEMOS = new WeakMap<IConstruct, Map<symbol, unknown>>();

/** Called by `MlopsStack.prepareStack()`: a new synth of `stack` starts; `preparedPath` is whether it took the prepared path. */
export function startSynth(stack: TerraformStack, preparedPath: boolean): void {
  MEMOS.delete(stack.node.root);
  if (preparedPath) {
    PREPARED_PATH.add(stack);
    IN_SYNTH.add(stack);
  } else {
    PREPARED_PATH.delete(stack);
    IN_SYNTH.delete(stack);
  }
}

/** Called when `stack` is written (its synth is over) or its validation failed (`failed`: the app's memos are dropped too). */
export function endSynth(stack: TerraformStack, failed = false): void {
  IN_SYNTH.delete(stack);
  if (failed) MEMOS.delete(stack.node.root);
}

/**
 * `compute()` for the app of `stack`, kept under `key` for the other validations of the same synth
 * when the conditions in the module comment hold. `compute` returns its value and every stack of
 * the app (it walks the app anyway).
 */
export function synthMemo<T>(stack: TerraformStack, key: symbol, compute: () => { readonly value: T; readonly stacks: readonly TerraformStack[] }): T {
  const inSynth = IN_SYNTH.has(stack);
  const memos = MEMOS.get(stack.node.root);
  if (inSynth && memos?.has(key)) return memos.get(key) as T;
  const { value, stacks } = compute();
  if (inSynth && stacks.every((s) => PREPARED_PATH.has(s))) {
    if (memos) memos.set(key, value);
    else MEMOS.set(stack.node.root, new Map([[key, value]]));
  }
  return value;
}
