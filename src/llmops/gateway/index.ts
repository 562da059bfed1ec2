export * from './constants';
export * from './ai-gateway';
export * from './token-budgets';
export * from './llm-gateway';
