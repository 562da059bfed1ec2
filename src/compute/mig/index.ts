export * from './types';
export * from './profiles';
export * from './layout';
export * from './resources';
export * from './mig-parted-config';
export * from './mig-configuration';
export * from './mig-node-overlay';
