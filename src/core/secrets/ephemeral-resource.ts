/**
 * `EphemeralResource`: a Terraform `ephemeral` block (Terraform ≥ 1.10), which cdktf 0.21 has no
 * class for (hashicorp/terraform-cdk#3886 is open).
 *
 * Why a `TerraformElement` and not `TerraformStack.addOverride('ephemeral.…')`: an element has a
 * construct path, a logical id allocated by the stack like any resource (so two constructs never
 * collide and ids stay stable when the tree moves), `//` metadata that tools such as the review diff
 * can read, and it is found by `node.findAll()`. `TerraformStack.toTerraform()` deep-merges every
 * element's `toTerraform()` fragment, so an `ephemeral` key is emitted as-is.
 *
 * Values read from an ephemeral resource are themselves ephemeral: Terraform accepts them only in
 * write-only arguments (`*_wo`), provider blocks, locals and other ephemeral contexts, and never
 * stores them in the plan or the state.
 *
 * Caveat: only JSON synthesis (the cdktf default) is supported; cdktf's HCL renderer drops keys it
 * does not know, so `hcl` output would lose the block.
 *
 * @see https://developer.hashicorp.com/terraform/language/resources/ephemeral
 */
import { TerraformElement } from 'cdktf';
import { Construct } from 'constructs';
import { addressString } from '../resources/reference-tokens';

/** Props of {@link EphemeralResource}. */
export interface EphemeralResourceProps {
  /** Terraform type, e.g. `aws_secretsmanager_random_password`. */
  readonly type: string;
  /**
   * Arguments, with Terraform (snake_case) names, emitted as given.
   * @default - no arguments
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** One `ephemeral "<type>" "<logical id>" { … }` block. */
export class EphemeralResource extends TerraformElement {
  /** Terraform type of the ephemeral resource. */
  public readonly ephemeralType: string;
  private readonly config: Readonly<Record<string, unknown>>;

  constructor(scope: Construct, id: string, props: EphemeralResourceProps) {
    super(scope, id, `ephemeral.${props.type}`);
    this.ephemeralType = props.type;
    this.config = props.config ?? {};
  }

  /** `ephemeral.<type>.<id>`: the address of the block. */
  public get address(): string {
    return `ephemeral.${this.ephemeralType}.${this.friendlyUniqueId}`;
  }

  /**
   * A reference to one attribute (`ephemeral.<type>.<id>.<name>`). The value is ephemeral: pass it
   * only to write-only arguments or `Fn` calls whose result goes to one.
   */
  public attribute(name: string): string {
    return addressString(this, `${this.address}.${name}`, `.${name}`);
  }

  public override toTerraform(): Record<string, unknown> {
    const body: Record<string, unknown> = { ...this.config, ...this.constructNodeMetadataBlock() };
    return { ephemeral: { [this.ephemeralType]: { [this.friendlyUniqueId]: deepMergeOverrides(body, this.rawOverrides) } } };
  }

  public override toMetadata(): Record<string, unknown> {
    return Object.keys(this.rawOverrides).length > 0 ? { overrides: { [this.address]: Object.keys(this.rawOverrides) } } : {};
  }

  private constructNodeMetadataBlock(): Record<string, unknown> {
    return { '//': this.constructNodeMetadata };
  }
}

function deepMergeOverrides(target: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (isPlainObject(current) && isPlainObject(value)) out[key] = deepMergeOverrides(current, value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
