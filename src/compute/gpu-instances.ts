/**
 * The NVIDIA GPU instance types of EC2 that GPU node pools may use: GPU model, GPUs per instance and
 * memory per GPU. Karpenter exposes the same facts as well-known labels
 * (`karpenter.k8s.aws/instance-gpu-name`, `-gpu-count`, `-gpu-memory`), which node pools select on;
 * this table lets the library check requests at synth time and compute MIG capacity per instance.
 *
 * Source: EC2 accelerated computing instance specifications (GPU model, count and memory per GPU).
 */

/** GPU models on EC2, by Karpenter's `instance-gpu-name` label value. */
export type GpuName = 't4' | 'a10g' | 'l4' | 'l40s' | 'a100' | 'h100' | 'h200' | 'b200';

/** One GPU instance type. */
export interface GpuInstanceType {
  /** EC2 instance type, e.g. `p4d.24xlarge`. */
  readonly instanceType: string;
  /** Instance family, e.g. `p4d`. */
  readonly family: string;
  /** GPU model (Karpenter `instance-gpu-name`). */
  readonly gpuName: GpuName;
  /** GPUs per instance. */
  readonly gpuCount: number;
  /** Memory per GPU in MiB (Karpenter `instance-gpu-memory` is in MiB). */
  readonly gpuMemoryMiB: number;
}

const GIB = 1024;

function family(name: string, gpuName: GpuName, gpuMemoryGiB: number, sizes: Record<string, number>): GpuInstanceType[] {
  return Object.entries(sizes).map(([size, gpuCount]) => ({
    instanceType: `${name}.${size}`,
    family: name,
    gpuName,
    gpuCount,
    gpuMemoryMiB: gpuMemoryGiB * GIB,
  }));
}

/** Every GPU instance type the library knows, by instance type. */
export const GPU_INSTANCE_TYPES: Readonly<Record<string, GpuInstanceType>> = Object.fromEntries(
  [
    ...family('g4dn', 't4', 16, { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, metal: 8 }),
    ...family('g5', 'a10g', 24, { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }),
    ...family('g6', 'l4', 24, { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }),
    ...family('g6e', 'l40s', 48, { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }),
    ...family('p4d', 'a100', 40, { '24xlarge': 8 }),
    ...family('p4de', 'a100', 80, { '24xlarge': 8 }),
    ...family('p5', 'h100', 80, { '4xlarge': 1, '48xlarge': 8 }),
    ...family('p5e', 'h200', 141, { '48xlarge': 8 }),
    ...family('p5en', 'h200', 141, { '48xlarge': 8 }),
    ...family('p6-b200', 'b200', 179, { '48xlarge': 8 }),
  ].map((t) => [t.instanceType, t]),
);

/** Instance families with NVIDIA GPUs, in the table's order. */
export const GPU_FAMILIES: readonly string[] = [...new Set(Object.values(GPU_INSTANCE_TYPES).map((t) => t.family))];

/** The GPU instance types of a family. */
export function instanceTypesOfFamily(familyName: string): GpuInstanceType[] {
  return Object.values(GPU_INSTANCE_TYPES).filter((t) => t.family === familyName);
}

/** Looks up an instance type; undefined when it is not a known GPU instance. */
export function gpuInstanceType(instanceType: string): GpuInstanceType | undefined {
  return GPU_INSTANCE_TYPES[instanceType];
}
