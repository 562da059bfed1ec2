/**
 * The engine: runs a pack's rules over the resources of a stack (or several), applies
 * suppressions, and reports findings, suppressed findings and suppressions that matched nothing.
 * The same engine runs in the synth-time aspect and in `cdktf-mlops check`.
 */
import { PolicyFinding, PolicyPackDefinition, PolicyResult, PolicyRule, PolicyRuleContext, PolicyRuleOutcome, PolicySuppression, SynthesizedResource } from './types';

/** A {@link PolicyRuleContext} over one stack's resources. */
export function contextOf(resources: readonly SynthesizedResource[]): PolicyRuleContext {
  const index = new Map(resources.map((r) => [r.address, r]));
  return { resources, byAddress: (address) => index.get(address) };
}

/**
 * One rule's outcome on one resource (not-applicable when the rule does not look at its type or
 * the resource is a data source). `context` defaults to a stack holding only `resource`.
 */
export function evaluateRule(rule: PolicyRule, resource: SynthesizedResource, context: PolicyRuleContext = contextOf([resource])): PolicyRuleOutcome {
  if (resource.mode !== 'managed' || !rule.appliesTo.includes(resource.type)) {
    return { ruleId: rule.id, severity: rule.severity, status: 'not-applicable' };
  }
  const verdict = rule.check(resource, context);
  if (verdict.status !== 'non-compliant') return { ruleId: rule.id, severity: rule.severity, status: verdict.status };
  return { ruleId: rule.id, severity: rule.severity, status: 'non-compliant', message: verdict.message, fix: verdict.fix };
}

/** True when `suppression` covers the construct at `constructPath` (itself or a descendant). */
export function covers(suppression: PolicySuppression, ruleId: string, constructPath: string): boolean {
  return suppression.ruleId === ruleId && (constructPath === suppression.path || constructPath.startsWith(`${suppression.path}/`));
}

/**
 * Runs `pack` over `resources` (which may span stacks: relations are looked up within each stack)
 * and applies `suppressions`.
 */
export function runRules(
  resources: readonly SynthesizedResource[],
  pack: PolicyPackDefinition,
  suppressions: readonly PolicySuppression[] = [],
): PolicyResult {
  const byStack = new Map<string, SynthesizedResource[]>();
  for (const r of resources) {
    const list = byStack.get(r.stack);
    if (list) list.push(r);
    else byStack.set(r.stack, [r]);
  }
  const contexts = new Map([...byStack].map(([stack, rs]) => [stack, contextOf(rs)]));
  const rulesFor = rulesByType(pack.rules);

  const findings: PolicyFinding[] = [];
  const suppressed: Array<{ finding: PolicyFinding; suppression: PolicySuppression }> = [];
  const used = new Set<PolicySuppression>();
  for (const resource of resources) {
    // only the rules that look at the resource's type (evaluateRule finds the others not applicable)
    if (resource.mode !== 'managed') continue;
    for (const rule of rulesFor.get(resource.type) ?? []) {
      const outcome = evaluateRule(rule, resource, contexts.get(resource.stack));
      if (outcome.status !== 'non-compliant') continue;
      const finding: PolicyFinding = {
        ruleId: rule.id,
        severity: rule.severity,
        stack: resource.stack,
        address: resource.address,
        constructPath: resource.path ?? resource.address,
        message: outcome.message ?? '',
        fix: outcome.fix ?? '',
      };
      const suppression = mostSpecific(suppressions.filter((s) => covers(s, rule.id, finding.constructPath)));
      if (suppression) {
        used.add(suppression);
        suppressed.push({ finding, suppression });
      } else {
        findings.push(finding);
      }
    }
  }
  return {
    findings: sortFindings(findings),
    suppressed: suppressed.sort((a, b) => compareFindings(a.finding, b.finding)),
    unmatched: suppressions.filter((s) => !used.has(s)),
    resourceCount: resources.length,
  };
}

/** `rules` by the types they apply to, each list in the order of `rules`. */
function rulesByType(rules: readonly PolicyRule[]): ReadonlyMap<string, readonly PolicyRule[]> {
  const byType = new Map<string, PolicyRule[]>();
  for (const rule of rules) {
    for (const type of new Set(rule.appliesTo)) {
      const list = byType.get(type);
      if (list) list.push(rule);
      else byType.set(type, [rule]);
    }
  }
  return byType;
}

function mostSpecific(candidates: readonly PolicySuppression[]): PolicySuppression | undefined {
  return [...candidates].sort((a, b) => b.path.length - a.path.length)[0];
}

function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
  return (
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    a.stack.localeCompare(b.stack) ||
    a.constructPath.localeCompare(b.constructPath) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Errors first, then by stack, construct path and rule id. */
export function sortFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return [...findings].sort(compareFindings);
}

/** `[rule-id] path (address): message. Fix: fix` */
export function formatFinding(f: PolicyFinding): string {
  return `[${f.ruleId}] ${f.constructPath} (${f.address}): ${f.message}. Fix: ${f.fix}`;
}
