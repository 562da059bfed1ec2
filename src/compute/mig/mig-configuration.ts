/**
 * `MigConfiguration` (platform layer): the mig-parted config the NVIDIA GPU operator's MIG manager
 * reads, as a ConfigMap in the operator's namespace. Pass it to `NvidiaGpuOperator` (`mig`), which
 * points `migManager.config.name` at it and switches the device plugin to the `mixed` strategy.
 *
 * Every pool layout is checked against NVIDIA's placement rules at construction; a layout that does
 * not fit fails with the reason and a layout that does.
 */
import { dependable, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { z } from 'zod';
import { toYaml } from '../../core/helm-chart';
import { requireLayer } from '../../core/layers/mlops-stack';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { DEFAULT_GPU_OPERATOR_NAMESPACE, DEFAULT_MIG_CONFIG_MAP_NAME, GPU_OPERATOR_LABELS, MIG_DISABLED_CONFIG, MIG_PARTED_CONFIG_KEY } from '../gpu-operator/constants';
import { validateMigLayout } from './layout';
import { MigPartedConfig, migPartedConfig } from './mig-parted-config';
import { MIG_GPU_MODELS } from './profiles';
import { MigGpuModel, MigPoolSpec } from './types';

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

/** A Kubernetes label value (the config name is the value of `nvidia.com/mig.config`). */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const poolSchema = z.object({
  configName: z
    .string()
    .max(63, { message: 'is longer than 63 characters; a node label value is at most 63 characters' })
    .regex(LABEL_VALUE, { message: 'is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit' })
    .refine((name) => name !== MIG_DISABLED_CONFIG, {
      message: `is reserved for GPUs without MIG (the operator's default config); choose another name, e.g. "inference-3g"`,
    }),
  gpu: migGpuModelSchema(),
  layout: z.record(z.string(), z.number()),
});

const schema = z.object({
  pools: z.array(poolSchema).min(1, { message: 'is empty; give at least one MIG pool layout' }),
  namespace: Schemas.k8sName().optional(),
  configMapName: Schemas.k8sName().optional(),
});

/** The MIG manager's ConfigMap. */
export class MigConfiguration extends Construct {
  /** The ConfigMap (data key `config.yaml`). */
  public readonly configMap: ConfigMapV1;
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
    this.configMap = new ConfigMapV1(this, 'config-map', {
      metadata: { name: this.configMapName, namespace: this.namespace, labels: { ...GPU_OPERATOR_LABELS } },
      data: { [MIG_PARTED_CONFIG_KEY]: toYaml(this.config) },
    });
  }

  /** Names of the MIG configs (node label values), sorted. */
  public get configNames(): string[] {
    return this.pools.map((p) => p.configName).sort();
  }

  /** Makes the ConfigMap wait for `deps` (e.g. the operator's namespace). */
  public placeAfter(...deps: ITerraformDependable[]): void {
    this.configMap.dependsOn = [...(this.configMap.dependsOn ?? []), ...deps.map((d) => dependable(d))];
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
