/**
 * `HelmChart`: a `helm_release` of a chart pinned in `versions.ts`, with values built as a typed
 * object, user overrides deep-merged on top and serialized to YAML with sorted keys (deterministic
 * output, small diffs). Secrets never go into values: charts are pointed at Kubernetes Secrets by
 * name instead.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { HelmRelease } from './resources/helm-release';
import { stringify } from 'yaml';
import { z } from 'zod';
import { deepMerge, PlainObject } from './merge';
import { claimClusterObject } from './layers/object-claims';
import { Schemas } from './schemas';
import { validateProps } from './validation';
import { PinnedChart } from './versions';

/** Props of {@link HelmChart}. */
export interface HelmChartProps {
  /** The pinned chart (an entry of `CHARTS`). */
  readonly chart: PinnedChart;
  /** Release name. */
  readonly releaseName: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /**
   * Create the namespace if it does not exist.
   * @default false
   */
  readonly createNamespace?: boolean;
  /** Values the construct sets. */
  readonly values?: PlainObject;
  /**
   * User overrides, deep-merged on top of `values` (arrays replace, `null` removes a key).
   * @default - none
   */
  readonly overrides?: PlainObject;
  /**
   * Seconds Helm waits for resources to become ready.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Wait until all resources are ready before marking the release successful.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Skip installing the chart's `crds/` directory (when a separate CRD chart owns them).
   * @default false
   */
  readonly skipCrds?: boolean;
  /**
   * Resources this release must wait for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const plainObject = z.record(z.string(), z.unknown(), { message: 'is not an object of Helm values' });

const schema = Schemas.props<HelmChartProps>()({
  releaseName: Schemas.k8sName().max(53, { message: 'is longer than 53 characters, the Helm release name limit; use a shorter name' }),
  namespace: Schemas.k8sName(),
  createNamespace: z.boolean().optional(),
  values: plainObject.optional(),
  overrides: plainObject.optional(),
  timeoutSeconds: z.number().int().min(30, { message: 'is under 30 seconds; give Helm at least 30 seconds' }).optional(),
  wait: z.boolean().optional(),
  skipCrds: z.boolean().optional(),
  dependsOn: z.array(z.any()).optional(),
  chart: Schemas.object({
    chart: z.string().min(1),
    repository: z.string().regex(/^(https|oci):\/\//, { message: 'must be an https:// or oci:// repository; pin charts from a real repository' }),
    version: z.string().regex(/^v?\d+\.\d+\.\d+/, { message: 'is not an exact chart version; pin an exact version in src/core/versions.ts' }),
  }),
});

/** A Helm release of a pinned chart with typed values. */
export class HelmChart extends Construct {
  /** The underlying `helm_release`. */
  public readonly release: HelmRelease;
  /** The values as synthesized (library values with user overrides merged in). */
  public readonly values: PlainObject;
  /** The pinned chart. */
  public readonly chart: PinnedChart;

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    super(scope, id);
    validateProps(this, schema, props);
    claimClusterObject(this, 'releaseName', 'Helm release', props.namespace, props.releaseName);
    this.chart = props.chart;
    this.values = deepMerge(props.values ?? {}, props.overrides);
    const hasValues = Object.keys(this.values).length > 0;
    this.release = new HelmRelease(this, 'release', {
      name: props.releaseName,
      namespace: props.namespace,
      createNamespace: props.createNamespace ?? false,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      values: hasValues ? [toYaml(this.values)] : undefined,
      timeout: props.timeoutSeconds ?? 600,
      wait: props.wait ?? true,
      atomic: false,
      cleanupOnFail: true,
      maxHistory: 10,
      skipCrds: props.skipCrds,
      dependsOn: props.dependsOn,
    });
  }
}

/** YAML with sorted keys: the same values always give the same text. */
export function toYaml(values: unknown): string {
  return stringify(values, { sortMapEntries: true, lineWidth: 0 });
}
