export * from './gpu-instances';
export * from './gpu-node-pool-props';
export * from './gpu-node-pool-selection';
export * from './gpu-node-pool';
export * from './karpenter';
export * from './mig';
export * from './gpu-operator';
export * from './scheduling';
