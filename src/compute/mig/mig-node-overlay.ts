/**
 * `MigNodeOverlay` (workloads layer): scale-from-zero for MIG pools.
 *
 * Karpenter knows an instance type's `nvidia.com/gpu` count from EC2, but not the MIG slices the GPU
 * operator will create after boot, so a pending pod that asks for `nvidia.com/mig-3g.40gb` matches no
 * instance type and never launches a node. A Karpenter `NodeOverlay` (v1alpha1, feature gate
 * `NodeOverlay`) adds extended resources to the instance types of its scheduling simulation: this
 * construct declares, for every instance type of a MIG pool, the MIG resources a node of that type
 * will offer (GPUs × instances per GPU), limited to that pool's nodes.
 *
 * Design decisions
 * - One overlay per instance type: capacity depends on the GPU count (p5.4xlarge has 1 GPU,
 *   p5.48xlarge 8), so each overlay has one capacity and selects exactly one type of one pool
 *   (`karpenter.sh/nodepool In [pool]`, `node.kubernetes.io/instance-type In [type]`).
 * - `nvidia.com/gpu` is left as EC2 reports it, not zeroed. With the mixed strategy a fully
 *   partitioned node really offers `nvidia.com/gpu: 0`, but GPU node pools bound spend with
 *   `limits: nvidia.com/gpu`, which Karpenter counts from the same simulated capacity: zeroing it would
 *   make that limit unreachable and the MIG pool unbounded. Pods asking for whole GPUs are kept off MIG
 *   pools by their labels/taints and the scheduling contract instead.
 * - Capacity is only what Karpenter simulates; the device plugin (mixed strategy) advertises the real
 *   resources once the MIG manager has applied the node's `nvidia.com/mig.config`.
 *
 * @see https://karpenter.sh/docs/concepts/nodeoverlays/
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../../core/layers/mlops-stack';
import { Schemas } from '../../core/schemas';
import { failProp, validateProps } from '../../core/validation';
import { validateMigLayout } from './layout';
import { migPoolSpecSchema } from './mig-configuration';
import { migResourcesPerNode } from './resources';
import { MigPoolSpec } from './types';
import { KARPENTER_LABELS } from '../../core/labels';

/** apiVersion of Karpenter's NodeOverlay. */
export const NODE_OVERLAY_API_VERSION = 'karpenter.sh/v1alpha1';
/** Kind of Karpenter's NodeOverlay. */
export const NODE_OVERLAY_KIND = 'NodeOverlay';
/** Karpenter feature gate that makes the controller read NodeOverlays (alpha, off by default). */
export const NODE_OVERLAY_FEATURE_GATE = 'NodeOverlay';
/** Karpenter chart values that turn the gate on (`settings.featureGates.nodeOverlay`, chart 1.14.1). */
export const NODE_OVERLAY_FEATURE_GATE_VALUES = { settings: { featureGates: { nodeOverlay: true } } } as const;
/**
 * Weight of MIG overlays. Overlays of different weights merge their capacity; a higher weight wins
 * only when two overlays set the same field. 1000 lets these capacities override a generic overlay
 * a user might add for the same types, while leaving room above (max 10000).
 */
export const MIG_NODE_OVERLAY_WEIGHT = 1000;

/** Well-known labels the overlay selects on. */
export const NODE_OVERLAY_LABELS = {
  nodePool: KARPENTER_LABELS.nodePool,
  instanceType: KARPENTER_LABELS.instanceType,
} as const;

/** Props of {@link MigNodeOverlay}. */
export interface MigNodeOverlayProps {
  /** Name of the Karpenter NodePool whose nodes are MIG-partitioned. */
  readonly nodePoolName: string;
  /** Instance types the pool may launch (each must have `spec.gpu` GPUs). */
  readonly instanceTypes: string[];
  /** How the pool's GPUs are partitioned. */
  readonly spec: MigPoolSpec;
}

const schema = Schemas.props<MigNodeOverlayProps>()({
  nodePoolName: Schemas.k8sName(),
  instanceTypes: z
    .array(Schemas.instanceType())
    .min(1, { message: 'is empty; give the instance types of the MIG pool, e.g. ["p4d.24xlarge"]' }),
  spec: migPoolSpecSchema(),
});

/** NodeOverlays declaring a MIG pool's extended resources to Karpenter, one per instance type. */
export class MigNodeOverlay extends Construct {
  /** The NodeOverlay manifests, by instance type. */
  public readonly overlays: Readonly<Record<string, KubernetesManifest>>;
  /** MIG resources per node, by instance type (what the overlays declare). */
  public readonly capacities: Readonly<Record<string, Readonly<Record<string, number>>>>;

  constructor(scope: Construct, id: string, props: MigNodeOverlayProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'MigNodeOverlay');
    const layoutCheck = validateMigLayout(props.spec.gpu, props.spec.layout);
    if (!layoutCheck.ok) failProp(this, 'spec.layout', props.spec.layout, `${layoutCheck.problem}; ${layoutCheck.fix}`);
    const types = [...new Set(props.instanceTypes)].sort();
    const capacities: Record<string, Record<string, number>> = {};
    for (const type of types) {
      try {
        capacities[type] = migResourcesPerNode(props.spec, type);
      } catch (e) {
        failProp(this, `instanceTypes[${props.instanceTypes.indexOf(type)}]`, type, `cannot carry MIG config ${JSON.stringify(props.spec.configName)}: ${(e as Error).message}`);
      }
    }
    const overlays: Record<string, KubernetesManifest> = {};
    for (const type of types) {
      overlays[type] = new KubernetesManifest(this, `overlay-${type}`, { manifest: nodeOverlayManifest(props.nodePoolName, type, capacities[type]) });
    }
    this.overlays = overlays;
    this.capacities = capacities;
  }
}

/** Name of the overlay of one instance type of a pool, e.g. `llm-mig-p4d-24xlarge`. */
export function migNodeOverlayName(nodePoolName: string, instanceType: string): string {
  return `${nodePoolName}-mig-${instanceType.replace(/\./g, '-')}`;
}

/** The NodeOverlay object of one instance type of a pool (capacity values as Kubernetes quantities). */
export function nodeOverlayManifest(nodePoolName: string, instanceType: string, capacity: Readonly<Record<string, number>>): Record<string, unknown> {
  return {
    apiVersion: NODE_OVERLAY_API_VERSION,
    kind: NODE_OVERLAY_KIND,
    metadata: { name: migNodeOverlayName(nodePoolName, instanceType) },
    spec: {
      weight: MIG_NODE_OVERLAY_WEIGHT,
      requirements: [
        { key: NODE_OVERLAY_LABELS.nodePool, operator: 'In', values: [nodePoolName] },
        { key: NODE_OVERLAY_LABELS.instanceType, operator: 'In', values: [instanceType] },
      ],
      capacity: Object.fromEntries(Object.entries(capacity).map(([resource, n]) => [resource, String(n)])),
    },
  };
}
