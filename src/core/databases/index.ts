export * from './postgres-instance';
export * from './managed-redis';
export * from './postgres-app-user';
export * from './postgres-app-database-script';
export * from './postgres-app-database-job';
export * from './postgres-app-database';
export * from './redis-rbac-user';
