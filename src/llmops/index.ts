export * from './langfuse';
export * from './gateway';
export * from './monitoring';
export * from './knowledge-base';
export * from './warm-start';
