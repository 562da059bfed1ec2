/** Plan review of two cdktf outputs: resource diff, danger items and cost before/after. */
import { estimateCost, CostEstimate } from './cost';
import { cascadeReplacements } from './cascade';
import { classifyDangers, unselectedStacks } from './danger';
import { compareChanges, diffBlocks, diffResources, stackDiffs } from './diff';
import { applyPlans, TerraformPlan } from './plan';
import { PriceTable } from './prices/types';
import { US_EAST_1_PRICES } from './prices/us-east-1';
import { ChangeKind, DangerItem, StackDiff, SynthOutput } from './types';

/** Everything the review found. */
export interface PlanReview {
  readonly base: string;
  readonly head: string;
  readonly stacks: readonly StackDiff[];
  readonly danger: readonly DangerItem[];
  readonly cost: { readonly before: CostEstimate; readonly after: CostEstimate };
  /** Managed-resource changes by kind. */
  readonly totals: Readonly<Record<ChangeKind, number>>;
  /** Stacks whose verdicts come from a Terraform plan (the others are static). */
  readonly planStacks: readonly string[];
  /** Changes that may force replacement (an attribute the replacement table does not know, or a reference to such a change). */
  readonly mayReplace: number;
  /** How many data sources, locals and ephemeral resources changed (listed in `stacks`). */
  readonly blockChanges: number;
}

/** Options of {@link reviewPlan}. */
export interface ReviewOptions {
  /**
   * Price table for the cost section.
   * @default US_EAST_1_PRICES
   */
  readonly prices?: PriceTable;
  /**
   * Terraform plans (`terraform show -json`) by stack name: for those stacks, actions and replacements
   * come from the plan instead of the static comparison.
   * @default - none: every stack is compared statically
   */
  readonly plans?: ReadonlyMap<string, TerraformPlan>;
}

/** Compares two synthesized outputs. */
export function reviewPlan(base: SynthOutput, head: SynthOutput, options: ReviewOptions = {}): PlanReview {
  const prices = options.prices ?? US_EAST_1_PRICES;
  // stacks only left out of a partial synth (STACK_SETS) are not compared at all
  const unselected = unselectedStacks(base, head);
  const compared: SynthOutput = unselected.length === 0 ? base : { ...base, stacks: new Map([...base.stacks].filter(([name]) => !unselected.includes(name))) };
  let managed = diffResources(compared, head);
  let blocks = diffBlocks(compared, head);
  const plans = options.plans ?? new Map<string, TerraformPlan>();
  if (plans.size > 0) {
    const merged = applyPlans([...managed, ...blocks], plans);
    managed = merged.filter((c) => !c.block);
    blocks = merged.filter((c) => c.block).sort(compareChanges);
  }
  const cascade = cascadeReplacements(compared, head, managed, new Set(plans.keys()));
  // resources of a stack removed from the app are not destroyed (one danger item per stack says so)
  const changes = cascade.changes.filter((c) => !(c.kind === 'removed' && !head.stacks.has(c.stack))).sort(compareChanges);
  const blockChanges = blocks;
  const totals: Record<ChangeKind, number> = { added: 0, removed: 0, updated: 0, replaced: 0, readdressed: 0, moved: 0 };
  for (const c of changes) totals[c.kind]++;
  const mayReplace = changes.filter((c) => c.kind !== 'replaced' && c.kind !== 'readdressed' && (c.mayForceNew?.length ?? 0) > 0).length;
  return {
    base: base.label,
    head: head.label,
    stacks: stackDiffs(base, head, [...changes, ...blockChanges], unselected),
    danger: classifyDangers({ base: compared, head, changes, blockChanges, cascade }),
    cost: { before: estimateCost(base, prices), after: estimateCost(head, prices) },
    totals,
    mayReplace,
    planStacks: [...plans.keys()].filter((s) => head.stacks.has(s)).sort(),
    blockChanges: blockChanges.length,
  };
}

/** Deterministic JSON of any review value (sorted keys, 2-space indent). */
export function toStableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v),
    2,
  );
}
