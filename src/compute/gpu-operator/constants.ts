/** Names shared by the NVIDIA GPU operator, its MIG manager config and the device-plugin config. */

/** Namespace the GPU operator runs in (the MIG and device-plugin ConfigMaps must be in it too). */
export const DEFAULT_GPU_OPERATOR_NAMESPACE = 'gpu-operator';

/** Helm release name of the GPU operator. */
export const DEFAULT_GPU_OPERATOR_RELEASE = 'gpu-operator';

/** Taint of GPU nodes (GPU node pools set `nvidia.com/gpu=true:NoSchedule`). */
export const NVIDIA_GPU_TAINT_KEY = 'nvidia.com/gpu';

/**
 * Key of the mig-parted config in the MIG manager's ConfigMap. The chart requires it: "Custom
 * ConfigMaps must contain a key named config.yaml" (gpu-operator values.yaml, `migManager.config`).
 */
export const MIG_PARTED_CONFIG_KEY = 'config.yaml';

/** mig-parted config applied to GPU nodes without a `nvidia.com/mig.config` label (chart default `migManager.config.default`). */
export const MIG_DISABLED_CONFIG = 'all-disabled';

/** Default name of the ConfigMap `MigConfiguration` emits. */
export const DEFAULT_MIG_CONFIG_MAP_NAME = 'mlops-mig-parted-config';

/** Default name of the device-plugin ConfigMap `NvidiaGpuOperator` emits for time-slicing. */
export const DEFAULT_DEVICE_PLUGIN_CONFIG_MAP_NAME = 'mlops-device-plugin-config';

/** Key (config name) of the device-plugin config inside its ConfigMap. */
export const DEVICE_PLUGIN_CONFIG_KEY = 'default';

/** Labels on the ConfigMaps and namespace the library creates for the operator. */
export const GPU_OPERATOR_LABELS = {
  'app.kubernetes.io/managed-by': 'cdktf-mlops',
  'app.kubernetes.io/part-of': 'gpu-operator',
} as const;
