/**
 * Shared types of the plan review (src/review): what changed between two cdktf output directories,
 * what is dangerous and what it costs. What a directory contains is src/synth/types.ts.
 */

export type { MovedBlock, SynthOutput, SynthResource, SynthSelection, SynthStack } from '../synth/types';

/**
 * One changed attribute path. `undefined` means the attribute is absent on that side. Secret values
 * are already replaced by the `REDACTED` marker here (whole values, or the secret parts of an
 * object), so no renderer can print them.
 */
export interface AttributeChange {
  /** Attribute path, e.g. `scaling_config.desired_size`, `policy.Statement[0].Action`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Some or all of `before`/`after` was a secret and is replaced by the marker. */
  readonly redacted?: boolean;
}

/** How a resource changes. */
export type ChangeKind = 'added' | 'removed' | 'updated' | 'replaced' | 'readdressed' | 'moved';

/** Blocks other than managed resources whose changes are shown too (no state, no danger except IAM). */
export type BlockKind = 'data' | 'local' | 'ephemeral';

/** One resource-level change (or a change of a data source, local value or ephemeral resource). */
export interface ResourceChange {
  readonly kind: ChangeKind;
  /** Set for data sources, locals and ephemeral resources; absent for managed resources. */
  readonly block?: BlockKind;
  /** Stack of the resource (the head stack for readdressed/moved). */
  readonly stack: string;
  /** Address (the head address for readdressed/moved). */
  readonly address: string;
  readonly type: string;
  readonly path?: string;
  /** For `readdressed` and `moved`: where the resource was. */
  readonly from?: { readonly stack: string; readonly address: string };
  /** For `readdressed`: why the two are taken to be the same thing. */
  readonly matchedBy?: string;
  /** Attribute changes (updated, replaced, readdressed, moved). */
  readonly changes: readonly AttributeChange[];
  /** For `replaced`: the changed attributes that force replacement. */
  readonly forceNew: readonly string[];
  /**
   * Changed attributes that the replacement table does not know (or a reference to something that
   * may be replaced): the change may force replacement.
   * @default - none
   */
  readonly mayForceNew?: readonly string[];
  /**
   * Replacements (certain or possible) reached through references: the replaced resources this one
   * reads through a replacement-forcing attribute.
   * @default - none
   */
  readonly cascade?: readonly CascadeCause[];
  /**
   * `plan` when the change comes from Terraform's own plan (`terraform show -json`), else the static
   * comparison of the synthesized configurations.
   * @default 'static'
   */
  readonly source?: 'plan' | 'static';
}

/** A replaced resource that another one reads through an attribute, so that one is replaced (or may be) too. */
export interface CascadeCause {
  /** Stack and address of the replaced resource read. */
  readonly stack: string;
  readonly address: string;
  /** The reading resource's attribute path that holds the reference. */
  readonly attribute: string;
  /** True when the attribute forces replacement for sure; false when it may. */
  readonly certain: boolean;
}

/** Changes of one stack. */
export interface StackDiff {
  readonly stack: string;
  /**
   * `added`/`removed` when the whole stack is new or gone; `unselected` when it is only missing from a
   * head synthesized for a selection of stack sets (`STACK_SETS`), so it was not compared.
   */
  readonly status: 'unchanged' | 'changed' | 'added' | 'removed' | 'unselected';
  /** Resource count in head (base for removed stacks). */
  readonly resourceCount: number;
  /** Managed-resource changes, then data/local/ephemeral changes (those have `block` set). */
  readonly changes: readonly ResourceChange[];
}

/** Danger categories, in the order the report lists them. */
export const DANGER_CATEGORIES = ['replacement', 'stateful', 'stacks', 'iam', 'network', 'gpu', 'versions'] as const;
export type DangerCategory = (typeof DANGER_CATEGORIES)[number];

/** Headline of each danger category. */
export const DANGER_TITLES: Readonly<Record<DangerCategory, string>> = {
  replacement: 'Network, cluster or database replaced (with everything that depends on it)',
  stateful: 'Stateful resource destroyed or replaced',
  stacks: 'Stack removed from the app',
  iam: 'IAM permissions widened',
  network: 'Network exposure opened',
  gpu: 'GPU capacity changed',
  versions: 'Chart or image version changed',
};

/** One item of the danger section. */
export interface DangerItem {
  readonly category: DangerCategory;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
}
