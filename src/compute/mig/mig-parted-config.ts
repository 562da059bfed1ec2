/**
 * The mig-parted config format (`version: v1`, `mig-configs`) the GPU operator's MIG manager reads:
 * named configs, each a list of device selectors with MIG mode and the MIG devices per GPU. A node
 * labelled `nvidia.com/mig.config=<name>` gets config `<name>`.
 *
 * @see https://github.com/NVIDIA/mig-parted (config file format)
 */
import { MIG_DISABLED_CONFIG } from '../gpu-operator/constants';
import { MigPoolSpec } from './types';

/** mig-parted config file version. */
export const MIG_PARTED_CONFIG_VERSION = 'v1';

/** One entry of a named mig-parted config. */
export interface MigPartedDeviceConfig {
  /** Which GPUs of the node (`all` or indexes). */
  readonly devices: 'all' | readonly number[];
  /** PCI device id(s) the entry is limited to. */
  readonly 'device-filter'?: string | readonly string[];
  readonly 'mig-enabled': boolean;
  /** MIG profile → instances per GPU. */
  readonly 'mig-devices'?: Readonly<Record<string, number>>;
}

/** A mig-parted config file. */
export interface MigPartedConfig {
  readonly version: string;
  readonly 'mig-configs': Readonly<Record<string, readonly MigPartedDeviceConfig[]>>;
}

/**
 * The mig-parted config for a set of pool specs: `all-disabled` (what the operator applies to GPU
 * nodes without a `nvidia.com/mig.config` label) plus one config per distinct `configName`, applying
 * the layout to every GPU of the node. Config names are sorted (deterministic output).
 */
export function migPartedConfig(specs: readonly MigPoolSpec[]): MigPartedConfig {
  const configs: Record<string, MigPartedDeviceConfig[]> = {
    [MIG_DISABLED_CONFIG]: [{ devices: 'all', 'mig-enabled': false }],
  };
  for (const spec of [...specs].sort((a, b) => a.configName.localeCompare(b.configName))) {
    configs[spec.configName] = [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { ...spec.layout } }];
  }
  return { version: MIG_PARTED_CONFIG_VERSION, 'mig-configs': configs };
}
