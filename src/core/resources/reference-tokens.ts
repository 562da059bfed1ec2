/**
 * Reference tokens without a stack trace: what a {@link ProviderResource} hands out for an attribute
 * (`bucket.arn`) and keeps for each of its `dependsOn` entries.
 *
 * Why: cdktf's own tokens (`Reference`, `Dependable`, all built on its `Intrinsic`) capture and format
 * a full JavaScript stack trace when they are created, only to show it if resolving them fails; cdktf
 * has no switch to turn that off. A reference set creates thousands of attribute references and
 * dependencies, each at a depth of 20–40 frames, and the traces were ~10% of its synth's CPU time.
 * `IResolvable.creationStack` is documented as informational, so these tokens carry a one-line
 * description instead (the construct path and attribute).
 *
 * What they resolve to is what cdktf's resolve to, in JSON and HCL alike:
 * - in the stack of the resource: the Terraform address (`aws_s3_bucket.x.arn`; `${…}` unless the
 *   context suppresses braces, and suppressing them for what follows, as cdktf's `Reference` does);
 * - an attribute in another stack: when that stack is prepared, the app's public cross-stack API
 *   creates (once) the output in the resource's stack and the remote state in the other, as cdktf's
 *   `Reference` has it do, and the token resolves to the remote state's output there;
 * - a dependency in another stack, or on something that is not a resource: the element's `fqn`, as
 *   cdktf's `Dependable` does.
 * Every call returns a new token, as cdktf's getters do, so two reads of one attribute stay two
 * distinct strings (code that deduplicates equal strings sees what it saw before).
 * test/core/reference-tokens.test.ts resolves them next to cdktf's own in each of these cases.
 */
import { IResolvable, IResolveContext, ITerraformDependable, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';

/** The common part: token identity, string form and description. */
abstract class TraceFreeReference implements IResolvable {
  protected abstract readonly description: string;

  /** One informational line instead of a captured stack trace (see the module comment). */
  public get creationStack(): string[] {
    return [`${this.description} (created without a stack trace for speed)`];
  }

  public abstract resolve(context: IResolveContext): unknown;

  /** The token string, as cdktf's tokens return it (`Token.asString` caches it on the object). */
  public toString(): string {
    return Token.asString(this);
  }

  /** What cdktf's tokens give `JSON.stringify`. */
  public toJSON(): string {
    return '<unresolved-token>';
  }
}

/** Resolves to an address as cdktf's `Reference` does: `${…}` unless braces are suppressed, and suppresses them after it. */
function resolvedAddress(context: IResolveContext, address: string): string {
  const braces = context.suppressBraces !== true;
  context.suppressBraces = true;
  return braces ? `\${${address}}` : address;
}

/**
 * An attribute of a resource (`getStringAttribute`, `getNumberAttribute`). Like cdktf's reference it
 * fixes the address and the stack when it is created, and in another stack it resolves through the
 * app's cross-stack output and remote state (see {@link crossStackAddress}).
 */
class AttributeReference extends TraceFreeReference {
  private readonly address: string;
  private readonly stack: TerraformStack;
  /** The address in each other stack this token was prepared in (cdktf's `crossStackIdentifier`). */
  private readonly crossStack = new Map<TerraformStack, string>();

  constructor(
    private readonly resource: TerraformResource,
    private readonly attribute: string,
  ) {
    super();
    // cdktf's `interpolationForAttribute`: a resource with `forEach` is read with a splat.
    this.address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}${resource.forEach ? '.*' : ''}.${attribute}`;
    this.stack = resource.cdktfStack;
  }

  protected get description(): string {
    return `reference to ${this.resource.node.path}.${this.attribute}`;
  }

  public resolve(context: IResolveContext): unknown {
    const stack = TerraformStack.of(context.scope);
    if (stack !== this.stack && context.preparing === true) this.crossStack.set(stack, crossStackAddress(this.stack, stack, this.address));
    return resolvedAddress(context, this.crossStack.get(stack) ?? this.address);
  }
}

/**
 * What `App.crossStackReference` sets up for `address` of `from` used in `to` (`to` depends on `from`,
 * `from` outputs the value, `to` reads it from `from`'s remote state), returning the address in `to`
 * itself instead of a new token for it (`TerraformRemoteState.getString`).
 */
function crossStackAddress(from: TerraformStack, to: TerraformStack, address: string): string {
  to.addDependency(from);
  const output = from.registerOutgoingCrossStackReference(address).friendlyUniqueId;
  const remoteState = to.registerIncomingCrossStackReference(from);
  return `data.terraform_remote_state.${remoteState.friendlyUniqueId}.outputs.${output}`;
}

/** One `depends_on` entry. */
class DependencyReference extends TraceFreeReference {
  constructor(private readonly dependency: ITerraformDependable) {
    super();
  }

  protected get description(): string {
    return `dependency on ${Construct.isConstruct(this.dependency) ? this.dependency.node.path : 'an element'}`;
  }

  public resolve(context: IResolveContext): unknown {
    // As cdktf's Dependable: the element's address without braces. In the resource's own stack that is
    // what its fqn resolves to there; anywhere else the fqn itself (a cdktf reference) is returned.
    context.suppressBraces = true;
    const dependency = this.dependency;
    if (TerraformResource.isTerraformResource(dependency) && TerraformStack.of(context.scope) === dependency.cdktfStack) {
      return `${dependency.terraformResourceType}.${dependency.friendlyUniqueId}`;
    }
    return dependency.fqn;
  }
}

/** A string token for `resource.<attribute>` (what `getStringAttribute` returns). */
export function attributeString(resource: TerraformResource, attribute: string): string {
  return Token.asString(new AttributeReference(resource, attribute));
}

/** A number token for `resource.<attribute>` (what `getNumberAttribute` returns). */
export function attributeNumber(resource: TerraformResource, attribute: string): number {
  return Token.asNumber(new AttributeReference(resource, attribute));
}

/** The `dependsOn` strings of a resource that depends on `dependencies` (what cdktf's `dependable()` makes). */
export function dependencyStrings(dependencies: readonly ITerraformDependable[]): string[] {
  return dependencies.map((d) => Token.asString(new DependencyReference(d)));
}
