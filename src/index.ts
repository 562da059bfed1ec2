/**
 * cdktf-mlops: CDK for Terraform constructs for an MLOps platform on AWS EKS.
 * One export per layer/component folder; see README.md for the construct catalog.
 */
export * from './core';
export * from './cluster';
export * from './compute';
export * from './mlflow';
export * from './featurestore';
export * from './vectordb';
export * from './serving';
export * from './monitoring';
export * from './pipelines';
export * from './frontdoor';
export * from './synth';
export * from './policy';
export * from './review';
export * from './llmops';
