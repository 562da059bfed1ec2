import type { WorkloadImagesConfig } from './environment';

/** The registry of the placeholder images: an image under it warns at synth until it is replaced. */
export const PLACEHOLDER_REGISTRY = 'registry.example.com/';

/**
 * Placeholders for the images the operator supplies (the library ships no Python): the drift check,
 * the training pipeline's steps and the knowledge base's embedding. Replace them in dev.ts/prod.ts with
 * your own pinned images (README, "Drift and pipeline images").
 */
export const PLACEHOLDER_IMAGES: WorkloadImagesConfig = {
  driftJob: `${PLACEHOLDER_REGISTRY}mlops/drift-check:0.1.0`,
  retraining: `${PLACEHOLDER_REGISTRY}mlops/train:0.1.0`,
  validate: `${PLACEHOLDER_REGISTRY}mlops/validate:0.1.0`,
  evaluate: `${PLACEHOLDER_REGISTRY}mlops/evaluate:0.1.0`,
  register: `${PLACEHOLDER_REGISTRY}mlops/register:0.1.0`,
  embedding: `${PLACEHOLDER_REGISTRY}mlops/embed-documents:0.1.0`,
};
