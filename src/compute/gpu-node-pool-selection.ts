/**
 * Which instance types a GPU pool may launch: the NodePool `requirements` Karpenter evaluates, and
 * the same selection applied to the library's catalog (`gpu-instances.ts`) so the pool can state
 * what it offers (GPUs, MIG slices per instance type) at synth time.
 */
import { GPU_INSTANCE_TYPES, GpuInstanceType } from './gpu-instances';
import { CapacityType, GpuRequirements } from './gpu-node-pool-props';
import { KARPENTER_LABELS } from '../core/labels';

/** A NodePool requirement (`spec.template.spec.requirements[]`). */
export interface NodeRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: string[];
}

/** What selects the pool's instances. */
export interface InstanceSelection {
  readonly instanceFamilies?: readonly string[];
  readonly instanceTypes?: readonly string[];
  readonly gpu?: GpuRequirements;
}

/** Value of `karpenter.k8s.aws/instance-gpu-manufacturer` for NVIDIA. */
export const NVIDIA_MANUFACTURER = 'nvidia';

const MIB_PER_GIB = 1024;

/**
 * NodePool requirements for a selection. Counts and memory use `Gt`/`Lt` (n-1, n+1), which every
 * Karpenter v1 release understands (`Gte`/`Lte` are newer).
 */
export function nodeRequirements(selection: InstanceSelection, capacityTypes: readonly CapacityType[]): NodeRequirement[] {
  const req: NodeRequirement[] = [
    { key: KARPENTER_LABELS.capacityType, operator: 'In', values: [...capacityTypes] },
    { key: KARPENTER_LABELS.arch, operator: 'In', values: ['amd64'] },
    { key: KARPENTER_LABELS.os, operator: 'In', values: ['linux'] },
    { key: KARPENTER_LABELS.gpuManufacturer, operator: 'In', values: [NVIDIA_MANUFACTURER] },
  ];
  if (selection.instanceFamilies) req.push({ key: KARPENTER_LABELS.instanceFamily, operator: 'In', values: [...selection.instanceFamilies] });
  if (selection.instanceTypes) req.push({ key: KARPENTER_LABELS.instanceType, operator: 'In', values: [...selection.instanceTypes] });
  const gpu = selection.gpu;
  if (gpu?.names) req.push({ key: KARPENTER_LABELS.gpuName, operator: 'In', values: [...gpu.names] });
  if (gpu?.minCount !== undefined && gpu.minCount > 1) req.push({ key: KARPENTER_LABELS.gpuCount, operator: 'Gt', values: [String(gpu.minCount - 1)] });
  if (gpu?.maxCount !== undefined) req.push({ key: KARPENTER_LABELS.gpuCount, operator: 'Lt', values: [String(gpu.maxCount + 1)] });
  if (gpu?.minMemoryGiB !== undefined) req.push({ key: KARPENTER_LABELS.gpuMemory, operator: 'Gt', values: [String(gpu.minMemoryGiB * MIB_PER_GIB - 1)] });
  return req;
}

/** The catalog instance types a selection admits, in catalog order. */
export function selectInstanceTypes(selection: InstanceSelection): GpuInstanceType[] {
  const gpu = selection.gpu;
  return Object.values(GPU_INSTANCE_TYPES).filter(
    (t) =>
      (!selection.instanceFamilies || selection.instanceFamilies.includes(t.family)) &&
      (!selection.instanceTypes || selection.instanceTypes.includes(t.instanceType)) &&
      (!gpu?.names || gpu.names.includes(t.gpuName)) &&
      (gpu?.minCount === undefined || t.gpuCount >= gpu.minCount) &&
      (gpu?.maxCount === undefined || t.gpuCount <= gpu.maxCount) &&
      (gpu?.minMemoryGiB === undefined || t.gpuMemoryMiB >= gpu.minMemoryGiB * MIB_PER_GIB),
  );
}
