export * from './postgres-instance';
export * from './managed-redis';
export * from './postgres-app-user';
export * from './postgres-app-database';
