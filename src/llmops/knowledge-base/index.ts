export * from './constants';
export * from './alias-switch-script';
export * from './knowledge-base-identity';
export * from './knowledge-base-ingestion';
