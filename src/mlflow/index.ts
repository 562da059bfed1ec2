export * from './constants';
export * from './artifact-policy';
export * from './mlflow-database';
export * from './mlflow-cloud';
export * from './mlflow-platform';
export * from './mlflow-values';
export * from './mlflow-client-user';
export * from './mlflow-tracking-server';
