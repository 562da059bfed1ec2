/** Test helpers for the policy rules: build synthesized resources and evaluate one rule on them. */
import { stringify } from 'yaml';
import { contextOf, evaluateRule } from '../../src/policy/engine';
import { PolicyRule, PolicyRuleOutcome, SynthesizedResource } from '../../src/policy/types';

/** A managed resource `type.name` at `stack/name` with `attributes`. */
export function resource(type: string, attributes: Record<string, unknown>, name = 'r', mode: 'managed' | 'data' = 'managed'): SynthesizedResource {
  const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  return {
    mode,
    type,
    name,
    address,
    stack: 'stack',
    path: `stack/${name}`,
    attributes,
  };
}

/** A helm_release with `values` (serialized to YAML) and more attributes. */
export function helmRelease(values: unknown, attributes: Record<string, unknown> = {}): SynthesizedResource {
  return resource('helm_release', { name: 'x', namespace: 'ns', chart: 'c', values: [stringify(values)], ...attributes });
}

/** A kubernetes_manifest of `manifest`. */
export function manifest(m: Record<string, unknown>): SynthesizedResource {
  return resource('kubernetes_manifest', { manifest: m });
}

/** The outcome of `rule` on `r`, with `others` in the same stack. */
export function outcome(rule: PolicyRule, r: SynthesizedResource, ...others: SynthesizedResource[]): PolicyRuleOutcome {
  return evaluateRule(rule, r, contextOf([r, ...others]));
}

/** Asserts `rule` finds `r` compliant. */
export function expectCompliant(rule: PolicyRule, r: SynthesizedResource, ...others: SynthesizedResource[]): void {
  expect(outcome(rule, r, ...others)).toEqual({ ruleId: rule.id, severity: rule.severity, status: 'compliant' });
}

/** Asserts `rule` finds `r` non-compliant with exactly `message` and some fix. */
export function expectFinding(rule: PolicyRule, r: SynthesizedResource, message: string, ...others: SynthesizedResource[]): void {
  const o = outcome(rule, r, ...others);
  expect({ status: o.status, message: o.message }).toEqual({ status: 'non-compliant', message });
  expect((o.fix ?? '').length).toBeGreaterThan(10);
}

/** The fix `rule` gives for `r`. */
export function fixOf(rule: PolicyRule, r: SynthesizedResource, ...others: SynthesizedResource[]): string | undefined {
  return outcome(rule, r, ...others).fix;
}

/** Asserts `rule` does not apply to `r`. */
export function expectNotApplicable(rule: PolicyRule, r: SynthesizedResource, ...others: SynthesizedResource[]): void {
  expect(outcome(rule, r, ...others).status).toBe('not-applicable');
}

/** The message for an unresolved value. */
export function unknownMsg(attribute: string, value: string): string {
  return `${attribute} = ${JSON.stringify(value)} is not known at synth; this check needs a concrete value`;
}
