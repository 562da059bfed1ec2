export * from './apply-time-function';
