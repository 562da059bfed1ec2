export * from './postgres-instance';
export * from './managed-redis';
