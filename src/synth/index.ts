/**
 * The one reader of synthesized output, used by the plan review, the policy pack and the CLI: the
 * loader of cdktf output directories and stack JSON, the resource type, the Helm-values reader and
 * the IAM policy-document reader (with an explicit "unknown"). Imports neither cdktf nor a provider.
 */
export * from './types';
export { loadSynthOutput, parseStack, SynthOutputError, SELECTION_FILE } from './load';
export { helmValues, valuesDocument, splitSetName } from './helm-values';
export {
  readPolicyDocument,
  statementsOf,
  statementsOfDataSource,
  grantsOf,
  grantsOfStatements,
  covers,
  conditionList,
  principalsOfType,
  isAnyPrincipal,
  dataSourcesOf,
  NO_GRANTS,
} from './policy-document';
export type { DataSourceLookup, Grants, IamStatement, PolicyDocumentRead } from './policy-document';
export { interpolations, isPureExpression, referencesIn, referencesInValue, parseJsonWithInterpolations } from './expressions';
export type { Reference } from './expressions';
export { at, block, blocks, bool, isObject, isUnresolved, list, num, str, UNKNOWN } from './values';
export type { Json, Unknown } from './values';
