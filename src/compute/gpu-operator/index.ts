export * from './constants';
export * from './gpu-operator-values';
export * from './nvidia-gpu-operator';
