/** Markdown of cost estimates: the before/after table for `diff`, and the full breakdown for `cost`. */
import { CostEstimate } from './cost';
import { usd, usdDelta } from './format';

/** Hidden marker of the cost section (also handy for tests). */
export const COST_HEADING = '### Cost estimate';

/** Max GPU burn: `unbounded (+$x)` with an unbounded pool, `at least $x` with an unpriced one. */
function burnText(c: CostEstimate): string {
  if (c.gpuUnbounded) return `unbounded (+${usd(c.gpuHourlyUsd)})`;
  return c.gpuLowerBound ? `at least ${usd(c.gpuHourlyUsd)}` : usd(c.gpuHourlyUsd);
}

/** Idle total: `at least $x` when some resource is unpriced. */
function idleText(c: CostEstimate): string {
  return c.idleLowerBound ? `at least ${usd(c.idleMonthlyUsd)}` : usd(c.idleMonthlyUsd);
}

/** One GPU pool: its burn, `unpriced` or `unbounded`. */
function poolText(g: CostEstimate['gpu'][number]): string {
  if (g.hourlyUsd === undefined) return g.gpuLimit === undefined ? 'unbounded' : 'unpriced';
  const atLeast = g.lowerBound ? 'at least ' : '';
  return g.instanceType
    ? `${atLeast}${g.gpuLimit} GPU × ${usd(g.perGpuHourUsd ?? 0)}/GPU-h (${g.instanceType}) = ${usd(g.hourlyUsd)}/h`
    : `${atLeast}${usd(g.hourlyUsd)}/h`;
}

/** One line naming the price table: region, date and whether unverified prices were used. */
export function priceTableLine(c: CostEstimate): string {
  const unverified = new Set([...c.lines.flatMap((l) => l.unverified)]);
  const note = unverified.size > 0 ? `; ${unverified.size} unverified price${unverified.size === 1 ? '' : 's'} used (marked †)` : '';
  return `On-demand prices for ${c.priceTable.region} dated ${c.priceTable.date}${note}. Idle = what runs with no workloads, 730 h/month; usage-priced items are excluded, not guessed.`;
}

/** The breakdown: lines, GPU pools, excluded, unpriced, warnings, sources. */
export function costDetails(c: CostEstimate): string[] {
  const out: string[] = [];
  out.push('| Stack | Resource | Formula | $/month |', '|---|---|---|---:|');
  for (const l of c.lines) out.push(`| \`${l.stack}\` | \`${l.address}\` | ${l.formula}${l.unverified.length > 0 ? ' †' : ''} | ${usd(l.monthlyUsd)} |`);
  out.push(`| | **Idle total** | | **${idleText(c)}** |`, '');
  if (c.gpu.length > 0) {
    out.push('Max GPU burn = GPU limit × dearest admitted $/GPU-hour (upper bound):', '');
    for (const g of c.gpu) out.push(`- \`${g.stack}\` NodePool \`${g.nodePool}\`: ${poolText(g)}${g.notes.length > 0 ? ` — ${g.notes.join('; ')}` : ''}`);
    out.push('');
  }
  if (c.excluded.length > 0) out.push(`Excluded (usage-priced): ${c.excluded.join('; ')}.`, '');
  if (c.unpriced.length > 0) {
    out.push('Unpriced (the idle total is a lower bound):');
    for (const u of c.unpriced) out.push(`- \`${u.stack}\` \`${u.address}\`: ${u.reason}`);
    out.push('');
  }
  for (const w of c.warnings) out.push(`Warning: ${w}.`);
  out.push(`Price sources (${c.priceTable.region}, ${c.priceTable.date}):`);
  for (const s of c.priceTable.sources) out.push(`- ${s}`);
  return out;
}

/**
 * The cost section of `diff`: before/after table, then the head breakdown folded (or, with
 * `details` false, a note where to get it).
 */
export function costSection(before: CostEstimate, after: CostEstimate, details = true): string[] {
  const breakdown = details
    ? ['<details><summary>Cost breakdown (head)</summary>', '', ...costDetails(after), '', '</details>']
    : ['_Cost breakdown omitted to fit the comment limit; run `cdktf-mlops cost` for it._'];
  return [
    COST_HEADING,
    '',
    '| | Base | Head | Change |',
    '|---|---:|---:|---:|',
    `| Idle $/month | ${idleText(before)} | ${idleText(after)} | ${usdDelta(after.idleMonthlyUsd - before.idleMonthlyUsd)}${before.idleLowerBound || after.idleLowerBound ? ' (of lower bounds)' : ''} |`,
    `| Max GPU burn $/hour | ${burnText(before)} | ${burnText(after)} | ${usdDelta(after.gpuHourlyUsd - before.gpuHourlyUsd)}${before.gpuLowerBound || after.gpuLowerBound ? ' (of lower bounds)' : ''} |`,
    '',
    priceTableLine(after),
    '',
    ...breakdown,
  ];
}

/** Markdown of the `cost` command. */
export function renderCostMarkdown(label: string, c: CostEstimate): string {
  return [
    `## Cost estimate: \`${label}\``,
    '',
    `**Idle: ${idleText(c)}/month · Max GPU burn: ${burnText(c)}/hour**`,
    '',
    priceTableLine(c),
    '',
    ...costDetails(c),
  ].join('\n');
}
