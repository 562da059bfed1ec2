/**
 * Shared types of the plan review (src/review): what a cdktf output directory contains, what
 * changed between two of them, what is dangerous and what it costs.
 */

/** One resource (or data source, or ephemeral resource) of a synthesized stack. */
export interface SynthResource {
  /** Stack name (manifest.json key). */
  readonly stack: string;
  /** Terraform address within the stack: `type.name`, `data.type.name` or `ephemeral.type.name`. */
  readonly address: string;
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical name (cdktf's unique id). */
  readonly name: string;
  /** `managed` for resources, `data` for data sources, `ephemeral` for ephemeral resources. */
  readonly mode: 'managed' | 'data' | 'ephemeral';
  /** Construct path from `//.metadata.path`, when cdktf recorded it. */
  readonly path?: string;
  /** Attributes as synthesized, without the `//` metadata. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A `moved` block of a stack. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/** One synthesized stack. */
export interface SynthStack {
  readonly name: string;
  /** Stacks this one depends on (manifest.json), sorted. */
  readonly dependencies: readonly string[];
  /** Managed resources by address. */
  readonly resources: ReadonlyMap<string, SynthResource>;
  /** Data sources by address (`data.type.name`). */
  readonly data: ReadonlyMap<string, SynthResource>;
  /** Ephemeral resources by address (`ephemeral.type.name`); absent in outputs built by hand. */
  readonly ephemeral?: ReadonlyMap<string, SynthResource>;
  /** Local values by name (`locals` block); absent in outputs built by hand. */
  readonly locals?: Readonly<Record<string, unknown>>;
  /** Outputs by name: their `value` expressions. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** `moved` blocks. */
  readonly moved: readonly MovedBlock[];
  /** AWS region of the default aws provider, when literal. */
  readonly region?: string;
  /** The `provider` block as synthesized (its references show what a stack reads from others). */
  readonly providers: Readonly<Record<string, unknown>>;
}

/** What a cdktf output says about the app it came from, when the app wrote it (stacks/main.ts does). */
export interface SynthSelection {
  /** Stack sets synthesized into this output. */
  readonly selected: readonly string[];
  /** Every stack set the app knows; the ones not selected were left out on purpose. */
  readonly all: readonly string[];
}

/** A cdktf output directory. */
export interface SynthOutput {
  /** Label used in reports (usually the directory as given). */
  readonly label: string;
  /**
   * The stack-set selection the output was synthesized with (`cdktf-mlops.json` next to manifest.json);
   * absent when the app did not write one (then every stack present is the whole app).
   * @default - no selection recorded
   */
  readonly selection?: SynthSelection;
  /** Stacks by name. */
  readonly stacks: ReadonlyMap<string, SynthStack>;
}

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
