export * from './cluster-connection';
export * from './crd-owners';
export * from './deployability-check';
export * from './mlops-stack';
export * from './namespace-ordering';
export * from './stack-set';
