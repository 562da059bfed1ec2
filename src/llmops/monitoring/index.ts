export * from './llm-queries';
export * from './llm-alert-rules';
export * from './llm-dashboard';
