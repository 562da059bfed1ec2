/**
 * Types shared by the MIG support (src/compute/mig) and GPU node pools (src/compute).
 * A MIG-partitioned pool names one mig-parted config; every node of the pool is labelled
 * `nvidia.com/mig.config=<configName>` and every GPU on it is split by `layout`.
 */

/** GPU models that support MIG. */
export type MigGpuModel = 'A100-40GB' | 'A100-80GB' | 'A30' | 'H100-80GB' | 'H100-NVL-94GB' | 'H200-141GB' | 'B200';

/** MIG profiles per GPU: profile name (e.g. `3g.40gb`) → number of instances on each GPU. */
export type MigLayout = Readonly<Record<string, number>>;

/** How the GPUs of one node pool are partitioned. */
export interface MigPoolSpec {
  /** Name of the mig-parted config (value of the `nvidia.com/mig.config` node label). */
  readonly configName: string;
  /** GPU model of the pool's instances. */
  readonly gpu: MigGpuModel;
  /** Profiles per GPU. */
  readonly layout: MigLayout;
}

/** Node label the GPU operator's MIG manager reads to pick a config. */
export const MIG_CONFIG_LABEL = 'nvidia.com/mig.config';
