export * from './types';
export * from './scheduling-contract';
