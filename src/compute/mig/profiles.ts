/**
 * MIG profile tables of the GPUs that support Multi-Instance GPU, with NVIDIA's placement rules.
 *
 * A GPU is cut into compute slices (GPCs) and memory slices: 7 and 8 on A100, H100, H200 and B200,
 * 4 and 4 on A30. A GPU instance of a profile occupies a fixed number of memory slices and may start
 * only at certain memory-slice offsets; two instances may not overlap. The offsets and sizes are what
 * `nvidia-smi mig -lgipp` prints (`{0,4}:4` = starts at 0 or 4, 4 slices wide).
 *
 * Sources (checked 2026-08):
 * - NVIDIA MIG user guide, "Supported MIG Profiles" (profile names, instance counts per GPU) and
 *   "Getting Started with MIG" (`nvidia-smi mig -lgipp` of an A100:
 *   `19 {0..6}:1, 20 {0..6}:1, 15 {0,2,4,6}:2, 14 {0,2,4}:2, 9 {0,4}:4, 5 {0}:4, 0 {0}:8`).
 *   The same placement table is printed by H100 80GB and H100 NVL GPUs; H200 and B200 expose the same
 *   profile ids (19/20/15/14/9/5/0) with the same instance counts (mig-parted #120, gpu-operator #1351).
 *   A30 (`nvidia-smi mig -lgipp`): `14 {0,1,2,3}:1, 21 {0,1,2,3}:1, 5 {0,2}:2, 6 {0,2}:2, 0 {0}:4`.
 * - NVIDIA gpu-operator v26.7.0 default mig-parted config (its `all-<profile>` entries give the maximum
 *   count of each profile; the contract test checks every layout in it against these tables).
 */
import { MigGpuModel } from './types';

/** One MIG GPU-instance profile of one GPU model. */
export interface MigProfile {
  /** Profile name as mig-parted and the device plugin spell it, e.g. `3g.40gb`, `1g.10gb+me`. */
  readonly name: string;
  /** Compute slices (the `Ng` of the name). */
  readonly computeSlices: number;
  /** Memory slices the instance occupies (its placement size). */
  readonly memorySlices: number;
  /** Most instances of this profile one GPU can hold. */
  readonly maxCount: number;
  /** Memory-slice offsets at which an instance of this profile may start. */
  readonly starts: readonly number[];
  /** True for `+me` profiles (they take the GPU's JPEG decoder and OFA; see `MigGpuSpec.mediaExtensionSlots`). */
  readonly mediaExtensions: boolean;
}

/** A MIG-capable GPU model: its slices and profiles. */
export interface MigGpuSpec {
  readonly model: MigGpuModel;
  /** Name for messages, e.g. `H100 80GB`. */
  readonly displayName: string;
  /** Compute slices of the whole GPU. */
  readonly computeSlices: number;
  /** Memory slices of the whole GPU. */
  readonly memorySlices: number;
  /** Profiles, largest first. */
  readonly profiles: readonly MigProfile[];
  /**
   * PCI device ids (`0x<device><vendor>`) of the products of this model, as gpu-operator's default
   * mig-parted config groups them in `device-filter`s.
   */
  readonly deviceIds: readonly string[];
  /**
   * Most `+me` instances one GPU can hold, across all `+me` profiles: each takes the GPU's one JPEG
   * decoder and one optical-flow accelerator (OFA). NVIDIA MIG user guide, "Supported MIG Profiles":
   * the whole A30 (4g.24gb) has 1 JPEG / 1 OFA and both 1g.6gb+me and 2g.12gb+me take 1 JPEG / 1 OFA;
   * on A100 and later the 1g `+me` profile takes the single OFA ("a single 1g profile can include
   * media extensions").
   */
  readonly mediaExtensionSlots: number;
}

/** Memory sizes (GB, as in the profile names) of the seven profiles of a 7-compute-slice GPU. */
interface SevenSliceMemory {
  /** `1g` with one memory slice (and its `+me` variant). */
  readonly g1: number;
  /** `1g` with two memory slices. */
  readonly g1x2: number;
  readonly g2: number;
  readonly g3: number;
  readonly g4: number;
  readonly g7: number;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function profile(compute: number, memGb: number, memorySlices: number, maxCount: number, starts: number[], me = false): MigProfile {
  return { name: `${compute}g.${memGb}gb${me ? '+me' : ''}`, computeSlices: compute, memorySlices, maxCount, starts, mediaExtensions: me };
}

/** The seven profiles shared by A100, H100, H200 and B200 (same ids, sizes and placements). */
function sevenSliceProfiles(mem: SevenSliceMemory): MigProfile[] {
  return [
    profile(7, mem.g7, 8, 1, [0]),
    profile(4, mem.g4, 4, 1, [0]),
    profile(3, mem.g3, 4, 2, [0, 4]),
    profile(2, mem.g2, 2, 3, [0, 2, 4]),
    profile(1, mem.g1x2, 2, 4, [0, 2, 4, 6]),
    profile(1, mem.g1, 1, 7, range(7)),
    profile(1, mem.g1, 1, 1, range(7), true),
  ];
}

function sevenSliceGpu(model: MigGpuModel, displayName: string, mem: SevenSliceMemory, deviceIds: string[]): MigGpuSpec {
  return { model, displayName, computeSlices: 7, memorySlices: 8, profiles: sevenSliceProfiles(mem), deviceIds, mediaExtensionSlots: 1 };
}

/** Every MIG-capable GPU model the library knows, by model. */
export const MIG_GPUS: Readonly<Record<MigGpuModel, MigGpuSpec>> = {
  'A100-40GB': sevenSliceGpu('A100-40GB', 'A100 40GB', { g1: 5, g1x2: 10, g2: 10, g3: 20, g4: 20, g7: 40 }, [
    '0x20B010DE',
    '0x20B110DE',
    '0x20F110DE',
    '0x20F610DE',
  ]),
  'A100-80GB': sevenSliceGpu('A100-80GB', 'A100 80GB', { g1: 10, g1x2: 20, g2: 20, g3: 40, g4: 40, g7: 80 }, [
    '0x20B210DE',
    '0x20B510DE',
    '0x20F310DE',
    '0x20F510DE',
  ]),
  A30: {
    model: 'A30',
    displayName: 'A30',
    computeSlices: 4,
    memorySlices: 4,
    profiles: [
      profile(4, 24, 4, 1, [0]),
      profile(2, 12, 2, 2, [0, 2]),
      profile(2, 12, 2, 1, [0, 2], true),
      profile(1, 6, 1, 4, range(4)),
      profile(1, 6, 1, 1, range(4), true),
    ],
    deviceIds: ['0x20B710DE'],
    mediaExtensionSlots: 1,
  },
  'H100-80GB': sevenSliceGpu('H100-80GB', 'H100 80GB', { g1: 10, g1x2: 20, g2: 20, g3: 40, g4: 40, g7: 80 }, [
    '0x233010DE',
    '0x233110DE',
    '0x232210DE',
    '0x232410DE',
  ]),
  'H100-NVL-94GB': sevenSliceGpu('H100-NVL-94GB', 'H100 NVL 94GB', { g1: 12, g1x2: 24, g2: 24, g3: 47, g4: 47, g7: 94 }, [
    '0x232110DE',
    '0x233A10DE',
  ]),
  'H200-141GB': sevenSliceGpu('H200-141GB', 'H200 141GB', { g1: 18, g1x2: 35, g2: 35, g3: 71, g4: 71, g7: 141 }, [
    '0x233510DE',
    '0x233B10DE',
  ]),
  B200: sevenSliceGpu('B200', 'B200', { g1: 23, g1x2: 45, g2: 45, g3: 90, g4: 90, g7: 180 }, ['0x290110DE']),
};

/** Every MIG GPU model, in the table's order. */
export const MIG_GPU_MODELS: readonly MigGpuModel[] = Object.keys(MIG_GPUS) as MigGpuModel[];

/** The table of one GPU model. */
export function migGpu(model: MigGpuModel): MigGpuSpec {
  return MIG_GPUS[model];
}

/** A profile of a GPU model, or undefined when the GPU has no profile of that name. */
export function migProfile(model: MigGpuModel, name: string): MigProfile | undefined {
  return MIG_GPUS[model].profiles.find((p) => p.name === name);
}

/** Profile names of a GPU model, largest first. */
export function migProfileNames(model: MigGpuModel): string[] {
  return MIG_GPUS[model].profiles.map((p) => p.name);
}

/** `an H100 80GB`, `a B200`: the display name with its article, for messages. */
export function withArticle(displayName: string): string {
  return `${/^[AEFHILMNORSX8]/.test(displayName) ? 'an' : 'a'} ${displayName}`;
}
