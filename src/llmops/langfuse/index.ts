export * from './constants';
export * from './langfuse-data';
export * from './langfuse-cloud';
export * from './langfuse-platform';
export * from './langfuse-values';
export * from './clickhouse';
export * from './clickhouse-backup-job';
export * from './langfuse';
