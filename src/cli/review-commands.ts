/**
 * What the plan review commands (`diff`, `cost`, `graph`) do, apart from argument parsing (run.ts):
 * read cdktf output directories with the one loader (src/synth), review, render. Loaded on demand by
 * run.ts, like check-command.ts, so each command loads only what it uses.
 */
import { estimateCost } from '../review/cost';
import { mermaidGraph } from '../review/graph';
import { loadPlans } from '../review/plan';
import { loadSynthOutput } from '../synth/load';
import { PriceTable } from '../review/prices/types';
import { US_EAST_1_PRICES } from '../review/prices/us-east-1';
import { renderCostMarkdown } from '../review/render-cost';
import { renderReviewMarkdown } from '../review/render-markdown';
import { reviewPlan, toStableJson } from '../review/review';

/** The built-in table, or a price file (its validation, with zod, is loaded only then). */
async function priceTable(file: string | undefined): Promise<PriceTable> {
  if (!file) return US_EAST_1_PRICES;
  const { loadPriceTable } = await import('../review/prices/load');
  return loadPriceTable(file);
}

/** `diff`: the review as Markdown or JSON, and how many danger items it has. */
export async function diffCommand(baseDir: string, headDir: string, options: { json?: boolean; prices?: string; plans?: string }): Promise<{ text: string; danger: number }> {
  const prices = await priceTable(options.prices);
  const plans = options.plans === undefined ? undefined : loadPlans(options.plans);
  const review = reviewPlan(loadSynthOutput(baseDir), loadSynthOutput(headDir), { prices, plans });
  return { text: options.json ? toStableJson(review) : renderReviewMarkdown(review), danger: review.danger.length };
}

/** `cost`: the estimate as Markdown or JSON. */
export async function costCommand(dir: string, options: { json?: boolean; prices?: string }): Promise<string> {
  const prices = await priceTable(options.prices);
  const estimate = estimateCost(loadSynthOutput(dir), prices);
  return options.json ? toStableJson(estimate) : renderCostMarkdown(dir, estimate);
}

/** `graph`: the Mermaid diagram, fenced unless `raw`. */
export function graphCommand(dir: string, options: { depth: number; raw?: boolean }): string {
  const graph = mermaidGraph(loadSynthOutput(dir), { depth: options.depth });
  return options.raw ? graph : ['```mermaid', graph, '```'].join('\n');
}
