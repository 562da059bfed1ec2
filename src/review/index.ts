/**
 * Plan review for pull requests (library code behind `cdktf-mlops diff|cost|graph`): diff resources
 * of two cdktf outputs (read by src/synth) with attribute paths and secret redaction, classify
 * danger, estimate cost, draw a Mermaid graph, render Markdown/JSON.
 */
export * from './types';
export { diffAttributes, normalizeAttributes, valueAt } from './attributes';
export { diffResources, diffBlocks, stackDiffs, identityOf, pathInStack } from './diff';
export { REDACTED, isSecretPath, isSecretSegment, isSecretChild, isPureReference, isPlaceholder, redactValue, embedsSecret, SECRET_ATTRIBUTES } from './redact';
export { forceNewAttribute, mayForceNewAttribute, replacementVerdict, PathVerdict, ReplacementVerdict, REPLACEMENT_FACTS, REPLACEMENT_FACTS_VERSIONS, ReplacementFacts } from './force-new';
export { cascadeReplacements, CascadeResult } from './cascade';
export { applyPlans, loadPlans, planChanges, KNOWN_AFTER_APPLY, PlanResourceChange, TerraformPlan } from './plan';
export { STATEFUL_TYPES, StatefulType } from './stateful';
export { classifyDangers, BLAST_TYPES, unselectedStacks, DangerContext, ATTACHMENT_ATTRIBUTES, POLICY_ATTRIBUTES, policyWidening, unpinnedImage } from './danger';
export { NodePoolInfo, Requirement, nodePoolOf, allowedGpuInstances } from './nodepool';
export { estimateCost, CostEstimate, CostLine, GpuBurn, UnpricedItem, HOURS_PER_MONTH, USAGE_PRICED, quantityToGiB } from './cost';
export { Price, PriceTable, PriceUnit } from './prices/types';
export { US_EAST_1_PRICES } from './prices/us-east-1';
export { loadPriceTable, mergePriceTable } from './prices/load';
export { mermaidGraph, GraphOptions } from './graph';
export { reviewPlan, PlanReview, ReviewOptions, toStableJson } from './review';
export { renderReviewMarkdown, COMMENT_MARKER, MAX_COMMENT_LENGTH, MAX_DANGER_ITEMS, TRUNCATION_MARKER } from './render-markdown';
export { renderCostMarkdown, COST_HEADING } from './render-cost';
