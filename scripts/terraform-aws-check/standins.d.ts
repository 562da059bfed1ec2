/** Types of standins.js (plain CommonJS, run by scripts/terraform-aws-check.sh without a build). */

/** An output as a Terraform state (format version 4) records it. */
export interface StateOutput {
  readonly value: string;
  readonly type: 'string';
  readonly sensitive: boolean;
}

/** The account id in stand-in ARNs (the shared tool's aws_caller_identity override). */
export const ACCOUNT: string;
/** One rule per `<type>.<attribute path>` a cross-stack output may reference. */
export const RULES: Record<string, unknown>;
/** Splits a `${type.name.attr}` expression, or returns undefined for any other shape. */
export function parseReference(expression: unknown): { type: string; name: string; attr: string } | undefined;
/** Stand-in values for every cross-stack output of a synthesized stack; throws for one without a stand-in. */
export function standInOutputs(stackName: string, stackJson: unknown): Record<string, StateOutput>;
/** A Terraform state holding only `outputs`, as a `local` backend writes it. */
export function stateFile(stackName: string, outputs: Record<string, StateOutput>): { version: 4; lineage: string; outputs: Record<string, StateOutput>; resources: [] };
