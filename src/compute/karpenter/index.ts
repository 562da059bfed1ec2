export * from './constants';
export * from './interruption-events';
export * from './controller-policies';
export * from './karpenter-aws';
export * from './karpenter';
