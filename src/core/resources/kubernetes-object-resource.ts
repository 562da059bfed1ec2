/**
 * `KubernetesObjectResource`: the base of the typed `kubernetes_*` resources the library declares
 * without their bindings (pod-spec kinds, NetworkPolicy): a {@link ProviderResource} of the
 * kubernetes provider whose config has `metadata`, exposed as the bindings expose it.
 */
import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { GENERATOR_METADATA, ProviderResource } from './provider-resource';

/** A reference to an object's name (see {@link KubernetesObjectResource.metadata}). */
export interface KubernetesMetadataReference {
  /** `metadata[0].name` */
  readonly name: string;
}

/** A typed `kubernetes_*` resource with `metadata`. */
export abstract class KubernetesObjectResource<C extends TerraformMetaArguments & { readonly metadata: unknown }> extends ProviderResource<C> {
  /**
   * @param terraformResourceType e.g. `kubernetes_cron_job_v1`
   * @param mapArguments the binding's map arguments (see {@link ProviderResourceType})
   */
  protected constructor(scope: Construct, id: string, terraformResourceType: string, mapArguments: ReadonlySet<string>, config: C) {
    super(scope, id, { terraformResourceType, generatorMetadata: GENERATOR_METADATA.kubernetes, mapArguments }, config);
  }

  /**
   * A reference to the object's name, as the binding's `metadata.name` gives it
   * (`${kubernetes_namespace_v1.x.metadata[0].name}`): use it where a dependency on the object should
   * be implied (e.g. a namespace's name in the objects created in it).
   */
  public get metadata(): KubernetesMetadataReference {
    return { name: this.getStringAttribute('metadata[0].name') };
  }

  /** `metadata` as given (what the binding's `metadataInput` returns; the namespace ordering reads it). */
  public get metadataInput(): C['metadata'] {
    return this.config.metadata;
  }
}
