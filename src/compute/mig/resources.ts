/**
 * Kubernetes extended resources of MIG-partitioned nodes. With the device plugin's `mixed` strategy
 * every MIG profile is its own resource, `nvidia.com/mig-<profile>` (e.g. `nvidia.com/mig-3g.40gb`),
 * and a node offers (GPUs per instance × instances of the profile per GPU) of each.
 *
 * The name is the device plugin's, not the profile's: NVIDIA/k8s-device-plugin v0.20.0 (the
 * version of the pinned `nvidia-device-plugin` chart 0.20.0) names a profile's resource
 * `"mig-" + profile` with every `+` replaced by `.` (internal/rm/rm.go, AddDefaultResourcesToConfig,
 * `strings.ReplaceAll("mig-"+p.String(), "+", ".")`; the same in internal/resource/nvml-mig-device.go
 * GetName), because `+` is not allowed in a resource name. So `1g.10gb+me` is advertised as
 * `nvidia.com/mig-1g.10gb.me`, and every place that writes a MIG resource (NodeOverlay capacity, pool
 * limits, serving requests, the scheduling contract) goes through {@link migResourceName}.
 */
import { GPU_INSTANCE_TYPES, GpuInstanceType, gpuInstanceType } from '../gpu-instances';
import { validateMigLayout } from './layout';
import { MIG_GPUS } from './profiles';
import { MigGpuModel, MigPoolSpec } from './types';

/** Prefix of MIG resource names under the mixed strategy. */
export const MIG_RESOURCE_PREFIX = 'nvidia.com/mig-';

/** `3g.40gb` → `nvidia.com/mig-3g.40gb`, `1g.10gb+me` → `nvidia.com/mig-1g.10gb.me` (device plugin `migStrategy: mixed`). */
export function migResourceName(profile: string): string {
  return `${MIG_RESOURCE_PREFIX}${profile.replace(/\+/g, '.')}`;
}

/**
 * `nvidia.com/mig-3g.40gb` → `3g.40gb`, `nvidia.com/mig-1g.10gb.me` → `1g.10gb+me`; undefined for
 * other resources. The `.` the device plugin put in place of `+` is the one after `<n>gb`.
 */
export function migProfileOfResource(resource: string): string | undefined {
  if (!resource.startsWith(MIG_RESOURCE_PREFIX)) return undefined;
  const name = resource.slice(MIG_RESOURCE_PREFIX.length);
  return name.replace(/^((?:\d+c\.)?\d+g\.\d+gb)\.(.+)$/, '$1+$2');
}

/**
 * The MIG GPU model of an EC2 GPU instance type (by Karpenter's GPU name and per-GPU memory), or
 * undefined when its GPU does not support MIG (T4, A10G, L4, L40S) or the type is unknown.
 */
export function migGpuModelOf(instance: GpuInstanceType): MigGpuModel | undefined {
  const gib = Math.round(instance.gpuMemoryMiB / 1024);
  switch (instance.gpuName) {
    case 'a100':
      return gib <= 40 ? 'A100-40GB' : 'A100-80GB';
    case 'h100':
      return gib <= 80 ? 'H100-80GB' : 'H100-NVL-94GB';
    case 'h200':
      return 'H200-141GB';
    case 'b200':
      return 'B200';
    default:
      return undefined;
  }
}

/** Raised when an instance type cannot carry a MIG pool spec. */
export class MigInstanceTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigInstanceTypeError';
  }
}

/**
 * Extended resources one node of `instanceType` offers when every GPU is split by `spec.layout`:
 * `{ 'nvidia.com/mig-<profile>': gpusPerInstance × countPerGpu }`, keys in the layout's order.
 *
 * @throws MigInstanceTypeError when the instance type is unknown, has no MIG-capable GPU, has a GPU
 * other than `spec.gpu`, or the layout does not fit the GPU (the message says the fix).
 */
export function migResourcesPerNode(spec: MigPoolSpec, instanceType: string): Record<string, number> {
  const instance = gpuInstanceType(instanceType);
  if (!instance) {
    throw new MigInstanceTypeError(`${instanceType} is not a known GPU instance type; use a MIG-capable type such as p4d.24xlarge, p4de.24xlarge, p5.48xlarge, p5e.48xlarge, p5en.48xlarge or p6-b200.48xlarge`);
  }
  const model = migGpuModelOf(instance);
  if (model === undefined) {
    throw new MigInstanceTypeError(`${instanceType} has ${instance.gpuName.toUpperCase()} GPUs, which do not support MIG; use time-slicing for it, or a MIG-capable type (${migInstanceTypes(spec.gpu).join(', ') || 'none for this GPU'})`);
  }
  if (model !== spec.gpu) {
    const matching = migInstanceTypes(spec.gpu);
    throw new MigInstanceTypeError(
      `${instanceType} has ${MIG_GPUS[model].displayName} GPUs, not ${MIG_GPUS[spec.gpu].displayName}; ` +
        (matching.length > 0 ? `use ${matching.join(', ')}, or set gpu to '${model}'` : `set gpu to '${model}' (no EC2 instance type has ${MIG_GPUS[spec.gpu].displayName} GPUs)`),
    );
  }
  const check = validateMigLayout(spec.gpu, spec.layout);
  if (!check.ok) throw new MigInstanceTypeError(check.message);
  const out: Record<string, number> = {};
  for (const [profile, count] of Object.entries(spec.layout)) out[migResourceName(profile)] = count * instance.gpuCount;
  return out;
}

/** EC2 instance types whose GPU is `model`, in catalog order. */
export function migInstanceTypes(model: MigGpuModel): string[] {
  return Object.values(GPU_INSTANCE_TYPES)
    .filter((t) => migGpuModelOf(t) === model)
    .map((t) => t.instanceType);
}
