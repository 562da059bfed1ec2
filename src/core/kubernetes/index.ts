export * from './terraform-attributes';
export * from './kubernetes-resource';
export * from './pod-spec';
export * from './cron-job';
export * from './deployment';
export * from './job';
export * from './manifest';
