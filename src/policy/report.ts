/** The text report of `cdktf-mlops check`: findings by severity, then suppressions, then a summary. */
import { PolicyFinding, PolicyResult, PolicySuppression } from './types';

/** What the report says about its input. */
export interface PolicyReportHeader {
  /** The directory checked. */
  readonly source: string;
  /** Names of the stacks checked. */
  readonly stacks: readonly string[];
  /** The pack's name and rule count. */
  readonly pack: { readonly name: string; readonly ruleCount: number };
}

function findingLines(f: PolicyFinding): string[] {
  return [`  [${f.ruleId}] ${f.constructPath} (${f.stack}: ${f.address})`, `    ${f.message}`, `    fix: ${f.fix}`];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The report as lines. */
export function formatPolicyReport(header: PolicyReportHeader, result: PolicyResult): string[] {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const lines = [
    `cdktf-mlops check: ${header.source}: ${plural(header.stacks.length, 'stack')} (${header.stacks.join(', ')}), ${plural(result.resourceCount, 'resource')}, pack "${header.pack.name}" (${plural(header.pack.ruleCount, 'rule')})`,
  ];
  for (const [title, list] of [['Errors', errors], ['Warnings', warnings]] as const) {
    lines.push('', `${title} (${list.length}):`);
    lines.push(...(list.length === 0 ? ['  none'] : list.flatMap(findingLines)));
  }
  const bySuppression = new Map<PolicySuppression, PolicyFinding[]>();
  for (const { finding, suppression } of result.suppressed) bySuppression.set(suppression, [...(bySuppression.get(suppression) ?? []), finding]);
  lines.push('', `Suppressions (${bySuppression.size}):`);
  if (bySuppression.size === 0) lines.push('  none');
  for (const [s, findings] of [...bySuppression].sort(([a], [b]) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId))) {
    lines.push(`  [${s.ruleId}] ${s.path}: ${plural(findings.length, 'finding')} suppressed`, `    reason: ${s.reason}`);
    lines.push(...findings.map((f) => `    - ${f.address}: ${f.message}`));
  }
  lines.push('', `Unmatched suppressions (${result.unmatched.length}):`);
  if (result.unmatched.length === 0) lines.push('  none');
  for (const s of result.unmatched) lines.push(`  [${s.ruleId}] ${s.path}: matched no finding; remove it (reason given: ${s.reason})`);
  lines.push(
    '',
    `Result: ${errors.length > 0 ? 'FAILED' : 'PASSED'}: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}, ` +
      `${plural(result.suppressed.length, 'suppressed finding')}, ${plural(result.unmatched.length, 'unmatched suppression')}`,
  );
  return lines;
}
