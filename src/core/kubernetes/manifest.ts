/**
 * `KubernetesManifest`: a Kubernetes object of any kind (custom resources) as the
 * `kubernetes_manifest` resource, typed and synthesized like the provider binding's `Manifest`
 * without building its attribute-reference objects (see {@link KubernetesResource}).
 */
import { Construct } from 'constructs';
import type { ManifestConfig } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesResource } from './kubernetes-resource';

/** Map arguments of `kubernetes_manifest` (copied verbatim: the manifest keeps its camelCase keys). */
export const MANIFEST_MAP_ARGUMENTS: ReadonlySet<string> = new Set(['fields', 'manifest', 'object']);

/** A `kubernetes_manifest` resource. */
export class KubernetesManifest extends KubernetesResource<ManifestConfig> {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'kubernetes_manifest';

  /** The object as given (what the binding's `manifestInput` returns). */
  public readonly manifestInput: ManifestConfig['manifest'];

  constructor(scope: Construct, id: string, config: ManifestConfig) {
    super(scope, id, KubernetesManifest.tfResourceType, config, MANIFEST_MAP_ARGUMENTS);
    this.manifestInput = config.manifest;
  }
}
