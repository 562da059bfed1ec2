/**
 * `ProviderResource`: the base of the provider resources the library declares without loading the
 * provider binding: `kubernetes_cron_job_v1`, `kubernetes_deployment_v1`, `kubernetes_job_v1`,
 * `kubernetes_manifest`, `kubernetes_network_policy_v1`, `helm_release` and
 * `aws_cloudwatch_event_target`. Each synthesizes exactly what the binding's class (`CronJobV1`,
 * `DeploymentV1`, `JobV1`, `Manifest`, `NetworkPolicyV1`, `Release`, `CloudwatchEventTarget`)
 * synthesizes for the same config: same Terraform resource type, same arguments, JSON and HCL
 * (test/core/provider-resources.test.ts synthesizes both for every one of them in a full reference
 * set and compares). Nothing in Terraform state or plans changes.
 *
 * Why: cdktf records a full stack trace for every token it creates and has no switch to turn that
 * off, and a binding builds a tree of attribute-reference objects (tokens) in its constructor, one
 * per nested block, whether anyone reads them or not: a `CronJobV1` ~80, a `helm_release` 9, an
 * event target 17. Those were 40% of the stack traces taken while synthesizing every reference set
 * (80% in a workloads stack of 400 InferenceServices and pools). And the three pod-spec bindings are
 * ~4.6 MiB of JavaScript each, which every importer of the library loaded and parsed.
 *
 * The config stays typed by the binding's own interfaces (`import type`: no code is loaded). What
 * the bindings have and these do not: attribute getters and setters (`cronJob.spec.…`); these
 * expose what every resource has (`fqn`, `friendlyUniqueId`, overrides, `getStringAttribute`, …),
 * plus the few inputs the library reads (`KubernetesManifest.manifestInput`, `HelmRelease.chartInput`).
 *
 * Attribute references (`getStringAttribute`, `getNumberAttribute`) and `dependsOn` entries are
 * tokens that resolve as cdktf's do but record no stack trace (see ./reference-tokens).
 */
import { ITerraformDependable, TerraformMetaArguments, TerraformResource, TerraformProviderGeneratorMetadata } from 'cdktf';
import { Construct } from 'constructs';
import { attributeNumber, attributeString, dependencyStrings } from './reference-tokens';
import { HclArgument, hclArguments, terraformArguments } from './terraform-arguments';

/** The providers of the bindings (what cdktf's provider-presence validation reads), as the bindings declare them. */
export const GENERATOR_METADATA = {
  kubernetes: { providerName: 'kubernetes', providerVersion: '2.38.0', providerVersionConstraint: '~> 2.0' },
  helm: { providerName: 'helm', providerVersion: '3.1.1', providerVersionConstraint: '~> 3.0' },
  aws: { providerName: 'aws', providerVersion: '6.25.0', providerVersionConstraint: '~> 6.0' },
} as const satisfies Record<string, TerraformProviderGeneratorMetadata>;

/** What a {@link ProviderResource} is, besides its config. */
export interface ProviderResourceType {
  /** e.g. `kubernetes_cron_job_v1` */
  readonly terraformResourceType: string;
  /** The provider, as the binding declares it. */
  readonly generatorMetadata: TerraformProviderGeneratorMetadata;
  /** The arguments (snake_case) whose value is a map: copied verbatim, their keys are data. */
  readonly mapArguments: ReadonlySet<string>;
}

/** A provider resource whose typed config `C` is converted as the binding converts it. */
export abstract class ProviderResource<C extends TerraformMetaArguments> extends TerraformResource {
  /** The config as given (meta-arguments included). */
  protected config: C;
  /** The binding's map arguments (see {@link ProviderResourceType}). */
  protected readonly mapArguments: ReadonlySet<string>;

  protected constructor(scope: Construct, id: string, type: ProviderResourceType, config: C) {
    const { dependsOn, count, provider, lifecycle, forEach, provisioners, connection } = config;
    super(scope, id, {
      terraformResourceType: type.terraformResourceType,
      terraformGeneratorMetadata: { ...type.generatorMetadata },
      count,
      provider,
      lifecycle,
      forEach,
      provisioners,
      connection,
    });
    // What cdktf's constructor does with `dependsOn`, with tokens that record no stack trace.
    if (Array.isArray(dependsOn)) this.dependsOn = dependencyStrings(dependsOn as ITerraformDependable[]);
    this.config = config;
    this.mapArguments = type.mapArguments;
  }

  /** A reference to an attribute, as cdktf's (a new token per call), without a stack trace (./reference-tokens). */
  public override getStringAttribute(terraformAttribute: string): string {
    return attributeString(this, terraformAttribute);
  }

  /** A reference to a number attribute, as cdktf's, without a stack trace (./reference-tokens). */
  public override getNumberAttribute(terraformAttribute: string): number {
    return attributeNumber(this, terraformAttribute);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const { dependsOn: _d, count: _c, provider: _p, lifecycle: _l, forEach: _f, provisioners: _pr, connection: _co, ...args } = this.config;
    return terraformArguments(args, this.mapArguments) as Record<string, unknown>;
  }

  protected override synthesizeHclAttributes(): Record<string, HclArgument> {
    return hclArguments(this.synthesizeAttributes(), this.mapArguments);
  }
}
