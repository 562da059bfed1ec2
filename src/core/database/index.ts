export * from './postgres-database-user';
export * from './postgres-database-script';
export * from './postgres-database-job';
export * from './postgres-database';
