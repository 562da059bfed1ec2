/**
 * Tokens without a stack trace: what a {@link ProviderResource} hands out for an attribute
 * (`bucket.arn`) and keeps for each of its `dependsOn` entries, and what the library's constructs use
 * for a data source's attributes (`attributeString(partition, 'partition')`), a binding's
 * `dependsOn` (`dependencyStrings`), an address of an element kind cdktf has no class for
 * (`addressString`) and a value produced at synthesis (`producedString`, as `Lazy.stringValue`).
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
 *   cdktf's `Dependable` does;
 * - a produced string: what `produce` returns, as cdktf's `Lazy.stringValue` without post-processors.
 * Every call returns a new token, as cdktf's getters do, so two reads of one attribute stay two
 * distinct strings (code that deduplicates equal strings sees what it saw before).
 * test/core/reference-tokens.test.ts resolves them next to cdktf's own in each of these cases.
 */
import { IResolvable, IResolveContext, ITerraformDependable, TerraformDataSource, TerraformElement, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

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
 * A reference to `address`, an address in `stack` (what cdktf's `ref(address, stack)` makes). In
 * another stack it resolves through the app's cross-stack output and remote state (see
 * {@link crossStackAddress}).
 */
class AddressReference extends TraceFreeReference {
  /** The address in each other stack this token was prepared in (cdktf's `crossStackIdentifier`). */
  private readonly crossStack = new Map<TerraformStack, string>();

  constructor(
    private readonly stack: TerraformStack,
    private readonly address: string,
    private readonly element: IConstruct,
    private readonly what: string,
  ) {
    super();
  }

  protected get description(): string {
    return `reference to ${this.element.node.path}${this.what}`;
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

/** A resource or data source whose attributes are read. */
export type AttributeSource = TerraformResource | TerraformDataSource;

/**
 * The address of `element.<attribute>`, fixed when it is read, as cdktf's `interpolationForAttribute`
 * has it: `data.` for a data source, a splat for an element with `forEach`.
 */
function attributeReference(element: AttributeSource, attribute: string): AddressReference {
  const prefix = TerraformDataSource.isTerraformDataSource(element) ? 'data.' : '';
  const address = `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}${element.forEach ? '.*' : ''}.${attribute}`;
  return new AddressReference(element.cdktfStack, address, element, `.${attribute}`);
}

/** A string token for `element.<attribute>` (what `getStringAttribute` returns). */
export function attributeString(element: AttributeSource, attribute: string): string {
  return Token.asString(attributeReference(element, attribute));
}

/** A number token for `element.<attribute>` (what `getNumberAttribute` returns). */
export function attributeNumber(element: AttributeSource, attribute: string): number {
  return Token.asNumber(attributeReference(element, attribute));
}

/**
 * A string token for `address`, an address in the stack of `element` (what `Token.asString(ref(address,
 * stack))` returns), e.g. an attribute of an element kind cdktf has no class for.
 */
export function addressString(element: TerraformElement, address: string, what: string): string {
  return Token.asString(new AddressReference(element.cdktfStack, address, element, what));
}

/** The `dependsOn` strings of a resource that depends on `dependencies` (what cdktf's `dependable()` makes). */
export function dependencyStrings(dependencies: readonly ITerraformDependable[]): string[] {
  return dependencies.map((d) => Token.asString(new DependencyReference(d)));
}

/** A string produced at synthesis (what cdktf's `Lazy.stringValue` makes, without post-processors). */
class ProducedString extends TraceFreeReference {
  constructor(
    private readonly produce: () => string,
    private readonly scope: IConstruct,
    private readonly what: string,
  ) {
    super();
  }

  protected get description(): string {
    return `${this.what} of ${this.scope.node.path}`;
  }

  public resolve(): unknown {
    return this.produce();
  }

  /** What cdktf's lazy tokens give `JSON.stringify`. */
  public override toJSON(): string {
    return '<unresolved-lazy>';
  }
}

/**
 * A string token whose value `produce` returns when the stack is synthesized (as
 * `Lazy.stringValue({ produce })`), e.g. a policy that collects grants made after it was created.
 * `what` and `scope` describe it in resolution errors.
 */
export function producedString(produce: () => string, scope: IConstruct, what: string): string {
  return Token.asString(new ProducedString(produce, scope, what));
}
