export * from './model-mirror';
