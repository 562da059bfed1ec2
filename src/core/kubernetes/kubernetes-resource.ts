/**
 * `KubernetesResource`: the base of the library's kubernetes provider resources that are declared
 * without loading the provider binding: `kubernetes_cron_job_v1`, `kubernetes_deployment_v1`,
 * `kubernetes_job_v1` and `kubernetes_manifest`. Each synthesizes exactly what the binding's class
 * (`CronJobV1`, `DeploymentV1`, `JobV1`, `Manifest`) synthesizes for the same config: same Terraform
 * resource type, same arguments (test/core/kubernetes synthesizes both and compares). Nothing in
 * Terraform state or plans changes.
 *
 * Why: the three pod-spec bindings are ~4.6 MiB of JavaScript each (the whole pod spec, as
 * classes), together about half of what importing the library used to load and parse, for every
 * importer whether it declared a Job or not; and every binding instance builds a tree of
 * attribute-reference objects in its constructor, each of which records a full stack trace (cdktf
 * does that for every token and has no switch to turn it off). A `kubernetes_manifest` built six of
 * them: in a workloads stack of 400 InferenceServices and pools, ~80% of all the stack traces taken.
 *
 * The config stays typed by the binding's own interfaces (`import type`: no code is loaded). What
 * the bindings have and these do not: attribute getters (`cronJob.spec.…`, `manifest.object`); these
 * expose what every resource has (`fqn`, `friendlyUniqueId`, overrides, `getStringAttribute`, …).
 */
import { ITerraformDependable, TerraformMetaArguments, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { HclArgument, hclArguments, terraformArguments } from './terraform-attributes';

/** The provider the bindings declare (what cdktf's provider-presence validation reads). */
export const KUBERNETES_GENERATOR_METADATA = { providerName: 'kubernetes', providerVersion: '2.38.0', providerVersionConstraint: '~> 2.0' } as const;

/** A kubernetes provider resource whose typed config `C` is converted as the binding converts it. */
export abstract class KubernetesResource<C extends TerraformMetaArguments> extends TerraformResource {
  /** The config as given (meta-arguments included). */
  private readonly config: C;

  /**
   * @param terraformResourceType e.g. `kubernetes_cron_job_v1`
   * @param config the binding's config type
   * @param mapArguments the arguments (snake_case) whose value is a map: copied verbatim, keys are data
   */
  protected constructor(
    scope: Construct,
    id: string,
    terraformResourceType: string,
    config: C,
    private readonly mapArguments: ReadonlySet<string>,
  ) {
    const { dependsOn, count, provider, lifecycle, forEach, provisioners, connection } = config;
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { ...KUBERNETES_GENERATOR_METADATA },
      dependsOn: dependsOn as ITerraformDependable[] | undefined,
      count,
      provider,
      lifecycle,
      forEach,
      provisioners,
      connection,
    });
    this.config = config;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const { dependsOn: _d, count: _c, provider: _p, lifecycle: _l, forEach: _f, provisioners: _pr, connection: _co, ...args } = this.config;
    return terraformArguments(args, this.mapArguments) as Record<string, unknown>;
  }

  protected override synthesizeHclAttributes(): Record<string, HclArgument> {
    return hclArguments(this.synthesizeAttributes(), this.mapArguments);
  }
}
