export * from './constants';
export * from './spec';
export * from './engines/engine-profile';
export * from './snapshot-cron-job';
export * from './vector-database-cloud';
export * from './vector-database-platform';
export * from './vector-database';
