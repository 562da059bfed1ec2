export * from './network';
export * from './eks-cluster';
export * from './eks-addons';
export * from './system-node-group';
export * from './cluster-ref';
export * from './default-storage-class';
