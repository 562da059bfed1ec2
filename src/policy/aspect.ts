/**
 * Applying a pack during synth. `PolicyAspect` records suppressions on the resources (so they reach
 * cdk.tf.json) and registers a validation on each stack; the validation runs after every aspect,
 * checks the stack's Terraform JSON with the same engine as `cdktf-mlops check`, and
 *
 * - fails synth with the error findings (construct path, address, message, fix),
 * - adds the warning findings as warning annotations on their constructs,
 * - adds an info annotation for each suppression that was used, and a warning for each that matched nothing.
 */
import { Annotations, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct, IValidation } from 'constructs';
import { PreparedAspect } from '../core/layers/prepared-synth';
import { parseStack } from '../synth/load';
import { resourcesOf, SUPPRESSIONS_METADATA_KEY } from './check';
import { formatFinding, runRules } from './engine';
import { suppressionsFor, suppressionsInStack } from './suppressions';
import { PolicyPackDefinition, PolicyResult, PolicySuppression } from './types';

/** Runs `pack` over Terraform JSON of `stack` (read by src/synth like any cdktf output), honouring the suppressions declared in code. */
function checkJson(stack: TerraformStack, json: unknown, pack: PolicyPackDefinition, suppressions: readonly PolicySuppression[] = suppressionsInStack(stack)): PolicyResult {
  return runRules(resourcesOf(parseStack(stack.node.id, json)), pack, suppressions);
}

/** Runs `pack` over one stack's synthesized Terraform JSON, honouring the suppressions declared in code. */
export function checkStack(stack: TerraformStack, pack: PolicyPackDefinition): PolicyResult {
  return checkJson(stack, stack.toTerraform(), pack);
}

class PolicyValidation implements IValidation {
  private annotated = false;
  constructor(
    private readonly stack: TerraformStack,
    private readonly pack: PolicyPackDefinition,
  ) {}

  validate(): string[] {
    // A library stack resolves its JSON once for this check and the file cdktf writes next.
    const once = (this.stack as { terraformForValidation?: () => unknown }).terraformForValidation;
    const json = once ? once.call(this.stack) : this.stack.toTerraform();
    const suppressions = suppressionsInStack(this.stack);
    const result = checkJson(this.stack, json, this.pack, suppressions);
    if (!this.annotated) {
      this.annotated = true;
      this.annotate(result, suppressions);
    }
    return result.findings.filter((f) => f.severity === 'error').map((f) => `policy ${formatFinding(f)}`);
  }

  private annotate(result: PolicyResult, suppressions: readonly PolicySuppression[]): void {
    let byPath: Map<string, IConstruct> | undefined; // only when there is something to annotate
    const at = (path: string): IConstruct => (byPath ??= new Map(this.stack.node.findAll().map((c) => [c.node.path, c]))).get(path) ?? this.stack;
    for (const f of result.findings.filter((x) => x.severity === 'warning')) Annotations.of(at(f.constructPath)).addWarning(`policy ${formatFinding(f)}`);
    const counts = new Map<string, number>();
    for (const { suppression } of result.suppressed) counts.set(`${suppression.path}\u0000${suppression.ruleId}`, (counts.get(`${suppression.path}\u0000${suppression.ruleId}`) ?? 0) + 1);
    for (const s of suppressions) {
      const n = counts.get(`${s.path}\u0000${s.ruleId}`);
      if (n) Annotations.of(at(s.path)).addInfo(`policy [${s.ruleId}] suppressed on ${n} finding(s): ${s.reason}`);
    }
    for (const s of result.unmatched) {
      Annotations.of(at(s.path)).addWarning(`policy [${s.ruleId}] suppression at ${s.path} matched no finding; remove it (reason given: ${s.reason})`);
    }
  }
}

const APPLIED = Symbol.for('cdktf-mlops.policy.applied');
type Marked = TerraformStack & { [APPLIED]?: Set<string> };

/** Runs a policy pack on the stacks it is added to (see {@link PolicyPack.applyTo}). */
export class PolicyAspect extends PreparedAspect {
  constructor(public readonly pack: PolicyPackDefinition) {
    super();
  }

  protected apply(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      enableValidation(node, this.pack);
      return;
    }
    if (node instanceof TerraformResource || node instanceof TerraformDataSource) {
      const records = suppressionsFor(node);
      if (records.length > 0) node.addOverride(`//.${SUPPRESSIONS_METADATA_KEY}`, records.map((r) => ({ ruleId: r.ruleId, reason: r.reason, path: r.path })));
    }
  }
}

/** Registers the policy validation of `pack` on `stack` once. */
function enableValidation(stack: TerraformStack, pack: PolicyPackDefinition): void {
  const marked = stack as Marked;
  const applied = marked[APPLIED] ?? (marked[APPLIED] = new Set());
  if (applied.has(pack.name)) return;
  applied.add(pack.name);
  stack.node.addValidation(new PolicyValidation(stack, pack));
}

/** True when some policy pack is applied to `stack`. */
export function hasPolicyPack(stack: TerraformStack): boolean {
  return ((stack as Marked)[APPLIED]?.size ?? 0) > 0;
}
