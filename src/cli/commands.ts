/**
 * What each CLI command does, apart from argument parsing (run.ts): read cdktf output directories
 * with the one loader (src/synth), run the review or the policy pack, and render the result.
 * Loaded on demand by run.ts.
 */
import { checkOutput } from '../policy/check';
import { formatPolicyReport } from '../policy/report';
import { PACK_RULES } from '../policy/rules';
import { estimateCost } from '../review/cost';
import { mermaidGraph } from '../review/graph';
import { loadSynthOutput } from '../synth/load';
import { loadPriceTable } from '../review/prices/load';
import { PriceTable } from '../review/prices/types';
import { US_EAST_1_PRICES } from '../review/prices/us-east-1';
import { renderCostMarkdown } from '../review/render-cost';
import { renderReviewMarkdown } from '../review/render-markdown';
import { reviewPlan, toStableJson } from '../review/review';

/** Names of the packs `check --pack` takes. */
export const PACK_NAMES: readonly string[] = Object.keys(PACK_RULES);

function priceTable(file: string | undefined): PriceTable {
  return file ? loadPriceTable(file) : US_EAST_1_PRICES;
}

/** `diff`: the review as Markdown or JSON, and how many danger items it has. */
export function diffCommand(baseDir: string, headDir: string, options: { json?: boolean; prices?: string }): { text: string; danger: number } {
  const review = reviewPlan(loadSynthOutput(baseDir), loadSynthOutput(headDir), { prices: priceTable(options.prices) });
  return { text: options.json ? toStableJson(review) : renderReviewMarkdown(review), danger: review.danger.length };
}

/** `cost`: the estimate as Markdown or JSON. */
export function costCommand(dir: string, options: { json?: boolean; prices?: string }): string {
  const estimate = estimateCost(loadSynthOutput(dir), priceTable(options.prices));
  return options.json ? toStableJson(estimate) : renderCostMarkdown(dir, estimate);
}

/** `graph`: the Mermaid diagram, fenced unless `raw`. */
export function graphCommand(dir: string, options: { depth: number; raw?: boolean }): string {
  const graph = mermaidGraph(loadSynthOutput(dir), { depth: options.depth });
  return options.raw ? graph : ['```mermaid', graph, '```'].join('\n');
}

/** `check`: the policy report and the number of error findings. */
export function checkCommand(dir: string, pack: string): { lines: string[]; errors: number } {
  const output = loadSynthOutput(dir);
  const rules = PACK_RULES[pack];
  const result = checkOutput(output, { name: pack, rules });
  const lines = formatPolicyReport({ source: dir, stacks: [...output.stacks.keys()], pack: { name: pack, ruleCount: rules.length } }, result);
  return { lines, errors: result.findings.filter((f) => f.severity === 'error').length };
}
