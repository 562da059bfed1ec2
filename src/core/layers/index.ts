export * from './cluster-connection';
export * from './crd-owners';
export * from './data-scope';
export * from './deployability-check';
export * from './mlops-stack';
export * from './namespace-ordering';
export * from './reconcilers';
export * from './stack-set';
