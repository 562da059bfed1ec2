/**
 * The policy pack: secure-by-default rules over synthesized Terraform JSON, applied during synth
 * (`PolicyPack.applyTo(app)`) and by `cdktf-mlops check <cdktf.out>`, with reasoned suppressions
 * (`suppress(construct, ruleId, reason)`). See docs/catalog/policy.md.
 */
export * from './types';
export { runRules, evaluateRule, contextOf, formatFinding } from './engine';
export { checkOutput, recordedSuppressions, resourcesOf, SUPPRESSIONS_METADATA_KEY } from './check';
export { suppress, suppressionsFor, MIN_REASON_LENGTH } from './suppressions';
export { allowComputeDeletion, allowDataDeletion, DATA_DELETION_OVERRIDES, isComputeProtection } from './allow-data-deletion';
export { PolicyAspect, checkStack } from './aspect';
export { PolicyPack, FULL_PACK, AWS_PACK, K8S_PACK, PACKS } from './pack';
export { formatPolicyReport } from './report';
export type { PolicyReportHeader } from './report';
export * from './rules';
