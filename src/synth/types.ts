/**
 * What a cdktf output directory (or one stack's Terraform JSON) contains, as every reader of
 * synthesized output sees it: the plan review (src/review), the policy pack (src/policy) and the CLI.
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
  /** The `//` metadata object (construct path, recorded policy suppressions), when there is one. */
  readonly metadata?: Readonly<Record<string, unknown>>;
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

