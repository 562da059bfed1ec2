/**
 * `HelmRelease`: a Helm release as the `helm_release` resource, typed and synthesized like the
 * provider binding's `Release` without building its attribute-reference objects (see
 * {@link ProviderResource}). `HelmChart` creates one per chart.
 */
import { IResolvable } from 'cdktf';
import { Construct } from 'constructs';
import type { ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { GENERATOR_METADATA, ProviderResource, ProviderResourceType } from './provider-resource';

const TYPE: ProviderResourceType = { terraformResourceType: 'helm_release', generatorMetadata: GENERATOR_METADATA.helm, mapArguments: new Set() };

/** A `helm_release` resource. */
export class HelmRelease extends ProviderResource<ReleaseConfig> {
  constructor(scope: Construct, id: string, config: ReleaseConfig) {
    super(scope, id, TYPE, config);
  }

  /** The chart as given (what the binding's `chartInput` returns; the deployability check reads it). */
  public get chartInput(): string {
    return this.config.chart;
  }

  /** The namespace as given (what the binding's `namespaceInput` returns; the namespace ordering reads it). */
  public get namespaceInput(): string | undefined {
    return this.config.namespace;
  }

  /** `createNamespace` as given (what the binding's `createNamespaceInput` returns). */
  public get createNamespaceInput(): boolean | IResolvable | undefined {
    return this.config.createNamespace;
  }

  /** The values documents (YAML), in order. */
  public get values(): string[] | undefined {
    return this.config.values;
  }

  public set values(values: string[] | undefined) {
    this.config = { ...this.config, values };
  }
}
