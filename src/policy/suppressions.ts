/**
 * Suppressions: "rule X does not apply to this construct (and everything below it), because …".
 * A suppression needs a reason of at least {@link MIN_REASON_LENGTH} characters; it is recorded on
 * every resource below the construct under `//.policy_suppressions` in the synthesized JSON, so
 * `cdktf-mlops check` honours it too, and it is listed in the synth output and the check report.
 */
import { TerraformElement, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { existingDataMirror, mirroredFrom } from '../core/layers/data-scope';
import { ValidationError } from '../core/validation';
import { isKnownRuleId } from './registry';
import { PolicySuppression } from './types';

/** Fewest characters a suppression reason may have. */
export const MIN_REASON_LENGTH = 10;

const DECLARED = Symbol.for('cdktf-mlops.policy.suppressions');
type Marked = IConstruct & { [DECLARED]?: PolicySuppression[] };

/**
 * Suppresses rule `ruleId` on `construct` and its children.
 *
 * @param construct a construct inside a stack (a resource, a library construct, or the stack)
 * @param ruleId the id of the rule, e.g. `s3-versioning`
 * @param reason why the rule does not apply here, at least 10 characters; it is shown in every report
 * @throws ValidationError when the reason is too short, the rule id is unknown, or the construct is not in a stack
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  const path = construct.node.path;
  if (!isKnownRuleId(ruleId)) {
    throw new ValidationError(path, [{ prop: 'ruleId', value: ruleId, message: 'is not a rule of any policy pack; use a rule id listed in docs/catalog/policy.md' }]);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(path, [
      { prop: 'reason', value: reason, message: `is shorter than ${MIN_REASON_LENGTH} characters; say why rule "${ruleId}" does not apply to this construct` },
    ]);
  }
  try {
    TerraformStack.of(construct);
  } catch {
    throw new ValidationError(path, [{ prop: 'construct', value: path, message: 'is not inside a TerraformStack; suppress on the stack or a construct inside it' }]);
  }
  const marked = construct as Marked;
  const records = marked[DECLARED] ?? (marked[DECLARED] = []);
  if (!records.some((r) => r.ruleId === ruleId)) records.push({ ruleId, reason: reason.trim(), path });
}

/** The suppressions declared on `construct` itself. */
export function suppressionsDeclaredOn(construct: IConstruct): readonly PolicySuppression[] {
  return (construct as Marked)[DECLARED] ?? [];
}

/**
 * The suppressions declared on `c`, and — when `c` stands in the data stack for a construct of the
 * cloud stack (`dataScope`) — those declared on that construct, at `c`'s path: a suppression on a
 * component covers its stateful resources in the data stack too.
 */
function declaredFor(c: IConstruct): PolicySuppression[] {
  const origin = mirroredFrom(c as Construct);
  return [...suppressionsDeclaredOn(c), ...(origin ? suppressionsDeclaredOn(origin).map((s) => ({ ...s, path: c.node.path })) : [])];
}

/** The suppressions that apply to `construct`: declared on it or on any of its ancestors. */
export function suppressionsFor(construct: IConstruct): PolicySuppression[] {
  return construct.node.scopes.flatMap(declaredFor);
}

/**
 * Every suppression that applies in `stack`: declared on it or a construct inside it — except on a
 * cloud-stack construct whose resources are all in the data stack (the data stack reports it).
 */
export function suppressionsInStack(stack: TerraformStack): PolicySuppression[] {
  const found: PolicySuppression[] = [];
  // depth first as `findAll`, not into nested stacks (their constructs are not in `stack`)
  const visit = (c: IConstruct): void => {
    const records = declaredFor(c);
    if (records.length > 0) {
      const mirroredEntirely = existingDataMirror(c as Construct) !== undefined && !c.node.findAll().some((e) => e instanceof TerraformElement);
      if (!mirroredEntirely) found.push(...records);
    }
    for (const child of c.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return found;
}
