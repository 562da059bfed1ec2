/**
 * `KubernetesManifest`: a Kubernetes object of any kind (custom resources) as the
 * `kubernetes_manifest` resource, typed and synthesized like the provider binding's `Manifest`
 * without building its attribute-reference objects (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { ManifestConfig } from '@cdktf/provider-kubernetes/lib/manifest';
import { GENERATOR_METADATA, ProviderResource } from './provider-resource';

/** A `kubernetes_manifest` resource. */
export class KubernetesManifest extends ProviderResource<ManifestConfig> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_manifest';

  /** The object as given (what the binding's `manifestInput` returns). */
  public readonly manifestInput: ManifestConfig['manifest'];

  constructor(scope: Construct, id: string, config: ManifestConfig) {
    super(
      scope,
      id,
      {
        terraformResourceType: KubernetesManifest.tfResourceType,
        generatorMetadata: GENERATOR_METADATA.kubernetes,
        // copied verbatim: the object keeps its camelCase keys
        mapArguments: new Set(['fields', 'manifest', 'object']),
      },
      config,
    );
    this.manifestInput = config.manifest;
  }
}
