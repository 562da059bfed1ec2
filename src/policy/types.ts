/**
 * The vocabulary of the policy pack: one synthesized resource in, one verdict out.
 *
 * A rule is a pure function of a {@link SynthesizedResource} (Terraform JSON: snake_case attributes,
 * unresolved references as `${...}` strings) and a read-only {@link PolicyRuleContext} over the other
 * resources of the same stack (for relations such as "this bucket has a public access block").
 */
import { SynthResource } from '../synth/types';

/** How bad a finding is: errors fail synth and `check`; warnings are reported only. */
export type PolicySeverity = 'error' | 'warning';

/** A check of a public scanner that a rule mirrors. */
export interface PolicyScannerRef {
  /** The scanner. */
  readonly scanner: 'checkov' | 'trivy' | 'cdk-nag';
  /** Its id, e.g. `CKV_AWS_38`, `AVD-AWS-0040`, `AwsSolutions-EKS1`. */
  readonly id: string;
  /**
   * Whether the id was checked against the scanner's own source (checkov docs/5.Policy Index,
   * trivy-checks METADATA, cdk-nag RULES.md).
   */
  readonly verified: boolean;
  /** How the scanner's check differs from the rule, when it does. */
  readonly note?: string;
}

/**
 * One resource (or data source) of a synthesized stack, as src/synth reads it (the same type the
 * plan review uses). Its construct path is `path` (the address when cdktf recorded none); a
 * `helm_release`'s merged values are `helmValues(resource)` from src/synth.
 */
export type SynthesizedResource = SynthResource;

/** A rule's verdict on one resource. */
export type PolicyVerdict =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly message: string; readonly fix: string };

/** Read-only view of the stack a resource belongs to. */
export interface PolicyRuleContext {
  /** Every resource and data source of the stack. */
  readonly resources: readonly SynthesizedResource[];
  /** The resource or data source at a Terraform address, if it is in the stack. */
  byAddress(address: string): SynthesizedResource | undefined;
}

/** One rule of the pack. */
export interface PolicyRule {
  /** Stable kebab-case id, used in suppressions; the file under src/policy/rules is named after it. */
  readonly id: string;
  /** PolicySeverity of a non-compliant verdict. */
  readonly severity: PolicySeverity;
  /** One line: what the rule requires. */
  readonly description: string;
  /** Terraform types the rule looks at (documentation and fast dispatch). */
  readonly appliesTo: readonly string[];
  /** The scanner checks it mirrors. */
  readonly mirrors: readonly PolicyScannerRef[];
  /** The verdict on one resource (called only for types in {@link appliesTo}). */
  check(resource: SynthesizedResource, context: PolicyRuleContext): PolicyVerdict;
}

/** A named set of rules. */
export interface PolicyPackDefinition {
  /** Name shown in reports, e.g. `full`. */
  readonly name: string;
  /** The rules, each id once. */
  readonly rules: readonly PolicyRule[];
}

/** A rule's verdict with the rule's id and severity attached. */
export interface PolicyRuleOutcome {
  readonly ruleId: string;
  readonly severity: PolicySeverity;
  readonly status: PolicyVerdict['status'];
  readonly message?: string;
  readonly fix?: string;
}

/** A non-compliant verdict on one resource. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly severity: PolicySeverity;
  readonly stack: string;
  readonly address: string;
  readonly constructPath: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * A suppression: rule `ruleId` does not apply to the construct at `path` and everything below it,
 * for the stated reason.
 */
export interface PolicySuppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Construct path of the construct the suppression was declared on. */
  readonly path: string;
}

/** What a pack found in a set of resources. */
export interface PolicyResult {
  /** Findings not covered by a suppression, errors first, then by construct path. */
  readonly findings: readonly PolicyFinding[];
  /** Findings covered by a suppression. */
  readonly suppressed: ReadonlyArray<{ readonly finding: PolicyFinding; readonly suppression: PolicySuppression }>;
  /** Suppressions that covered no finding. */
  readonly unmatched: readonly PolicySuppression[];
  /** How many resources were evaluated. */
  readonly resourceCount: number;
}
