/**
 * `MigConfiguration` (platform layer): the mig-parted config the NVIDIA GPU operator's MIG manager
 * reads, as a ConfigMap in the operator's namespace. Pass it to `NvidiaGpuOperator` (`mig`), which
 * points `migManager.config.name` at it and switches the device plugin to the `mixed` strategy.
 *
 * Every pool layout is checked against NVIDIA's placement rules at construction; a layout that does
 * not fit fails with the reason and a layout that does.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { toYaml } from '../../core/helm-chart';
import { requireLayer } from '../../core/layers/mlops-stack';
import { clusterNameOf } from '../../core/layers/stack-region';
import { Schemas } from '../../core/schemas';
import { failProp, validateProps } from '../../core/validation';
import { DEFAULT_GPU_OPERATOR_NAMESPACE, DEFAULT_MIG_CONFIG_MAP_NAME, GPU_OPERATOR_LABELS, MIG_DISABLED_CONFIG, MIG_PARTED_CONFIG_KEY } from '../gpu-operator/constants';
import { validateMigLayout } from './layout';
import { MigPartedConfig, migPartedConfig } from './mig-parted-config';
import { MIG_GPU_MODELS } from './profiles';
import { MigGpuModel, MigPoolSpec } from './types';
import { KubernetesConfigMapV1 } from '../../core/resources/kubernetes-core';
import { dependencyStrings } from '../../core/resources/reference-tokens';

/** Props of {@link MigConfiguration}. */
export interface MigConfigurationProps {
  /**
   * How each MIG node pool splits its GPUs; each becomes a mig-parted config named `configName`
   * (the value of the pool's `nvidia.com/mig.config` node label).
   */
  readonly pools: readonly MigPoolSpec[];
  /**
   * Namespace of the GPU operator (the MIG manager reads ConfigMaps from its own namespace).
   * @default 'gpu-operator'
   */
  readonly namespace?: string;
  /**
   * Name of the ConfigMap.
   * @default 'mlops-mig-parted-config'
   */
  readonly configMapName?: string;
}

/** Schema of a {@link MigGpuModel} prop, with the fix in its message. */
export function migGpuModelSchema() {
  return z.enum(MIG_GPU_MODELS as [MigGpuModel, ...MigGpuModel[]], { message: `is not a MIG-capable GPU model; use one of ${MIG_GPU_MODELS.join(', ')}` });
}

/** Schema of a {@link MigPoolSpec} (shared by `MigConfiguration` and `GpuNodePool`). */
export function migPoolSpecSchema() {
  return Schemas.props<MigPoolSpec>()({
    configName: Schemas.labelValue()
      .refine((name) => name !== '', { message: 'is empty; name the config, e.g. "inference-3g"' })
      .refine((name) => name !== MIG_DISABLED_CONFIG, {
        message: `is reserved for GPUs without MIG (the operator's default config); choose another name, e.g. "inference-3g"`,
      }),
    gpu: migGpuModelSchema(),
    layout: z.record(z.string(), z.number()),
  });
}

const schema = Schemas.props<MigConfigurationProps>()({
  pools: z.array(migPoolSpecSchema()).min(1, { message: 'is empty; give at least one MIG pool layout' }),
  namespace: Schemas.k8sName().optional(),
  configMapName: Schemas.dnsSubdomain().optional(),
});

/** The MIG configurations of each app, per cluster (see {@link migConfigurationsOf}). */
const registry = new WeakMap<IConstruct, Map<string, MigConfiguration[]>>();

/** The `MigConfiguration`s created so far for the cluster of `scope` (in its app). */
export function migConfigurationsOf(scope: IConstruct): readonly MigConfiguration[] {
  return registry.get(scope.node.root)?.get(clusterNameOf(scope as Construct)) ?? [];
}

/** The MIG manager's ConfigMap. */
export class MigConfiguration extends Construct {
  /** The ConfigMap (data key `config.yaml`). */
  public readonly configMap: KubernetesConfigMapV1;
  /** Name of the ConfigMap (for `migManager.config.name`). */
  public readonly configMapName: string;
  /** Namespace of the ConfigMap (must be the operator's). */
  public readonly namespace: string;
  /** The mig-parted config as an object. */
  public readonly config: MigPartedConfig;
  /** The pool specs, one per config name. */
  public readonly pools: readonly MigPoolSpec[];

  constructor(scope: Construct, id: string, props: MigConfigurationProps) {
    super(scope, id);
    requireLayer(this, 'platform', 'MigConfiguration');
    validateProps(this, schema, props);
    this.pools = distinctPools(this, props.pools);
    this.namespace = props.namespace ?? DEFAULT_GPU_OPERATOR_NAMESPACE;
    this.configMapName = props.configMapName ?? DEFAULT_MIG_CONFIG_MAP_NAME;
    this.config = migPartedConfig(this.pools);
    this.configMap = new KubernetesConfigMapV1(this, 'config-map', {
      metadata: { name: this.configMapName, namespace: this.namespace, labels: { ...GPU_OPERATOR_LABELS } },
      data: { [MIG_PARTED_CONFIG_KEY]: toYaml(this.config) },
    });
    const byCluster = registry.get(this.node.root) ?? new Map<string, MigConfiguration[]>();
    registry.set(this.node.root, byCluster);
    const key = clusterNameOf(this);
    byCluster.set(key, [...(byCluster.get(key) ?? []), this]);
  }

  /**
   * The pool spec declared under `configName`: pass it to the pool's `GpuNodePool` (`mig`) so the
   * layout is declared once.
   */
  public pool(configName: string): MigPoolSpec {
    const spec = this.pools.find((p) => p.configName === configName);
    if (!spec) failProp(this, 'pool(configName)', configName, `is not a config of this MigConfiguration (${this.configNames.join(', ')}); use one of them or add the pool to its pools`);
    return spec;
  }

  /** Names of the MIG configs (node label values), sorted. */
  public get configNames(): string[] {
    return this.pools.map((p) => p.configName).sort();
  }

  /** Makes the ConfigMap wait for `deps` (e.g. the operator's namespace). */
  public placeAfter(...deps: ITerraformDependable[]): void {
    this.configMap.dependsOn = [...(this.configMap.dependsOn ?? []), ...dependencyStrings(deps)];
  }
}

/** Validates each layout and removes exact duplicates; two different layouts under one name fail. */
function distinctPools(scope: Construct, pools: readonly MigPoolSpec[]): MigPoolSpec[] {
  const byName = new Map<string, MigPoolSpec>();
  pools.forEach((pool, i) => {
    const check = validateMigLayout(pool.gpu, pool.layout);
    if (!check.ok) failProp(scope, `pools[${i}].layout`, pool.layout, `${check.problem}; ${check.fix}`);
    const seen = byName.get(pool.configName);
    if (seen && (seen.gpu !== pool.gpu || JSON.stringify(sorted(seen.layout)) !== JSON.stringify(sorted(pool.layout)))) {
      failProp(
        scope,
        `pools[${i}].configName`,
        pool.configName,
        'is used by another pool with a different GPU or layout; one config name is one layout, so give this pool its own configName',
      );
    }
    byName.set(pool.configName, pool);
  });
  return [...byName.values()];
}

function sorted(layout: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(layout).sort(([a], [b]) => a.localeCompare(b));
}
