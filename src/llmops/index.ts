export * from './langfuse';
