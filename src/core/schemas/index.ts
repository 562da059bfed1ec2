/**
 * `Schemas`: the zod building blocks every props schema uses, so each shape (cron, Kubernetes name,
 * quantity, resources, duration, region, account, CIDR, bucket name, image reference, Secret key,
 * plain-text env) has exactly one definition and one set of messages.
 */
import { z } from 'zod';
import { awsSchemas } from './aws';
import { plainEnvSchema } from './credentials';
import { cronSchema } from './cron';
import { durationSchemas } from './duration';
import { imageSchemas } from './image';
import { kubernetesSchemas } from './kubernetes';
import { memorySchema, quantitySchema, resourceRequirementsSchema } from './quantity';
import { constructRef, strictObject } from './strict';

export * from './aws';
export * from './credentials';
export * from './cron';
export * from './duration';
export * from './image';
export * from './kubernetes';
export * from './quantity';
export * from './strict';

/** Building blocks shared by the props schemas. */
export const Schemas = {
  ...kubernetesSchemas,
  ...awsSchemas,
  ...durationSchemas,
  ...imageSchemas,
  /** A props object: unknown keys are errors, with a "did you mean" when one is close. */
  object: strictObject,
  /** A reference to another construct: named members checked, others allowed; missing → "is required; pass …". */
  construct: constructRef,
  /** A positive whole number. */
  positiveInt: (what = 'value') =>
    z
      .number({ error: (iss) => (iss.input === undefined ? `is required; give the ${what}` : `is not a number; give the ${what} as a whole number`) })
      .int({ message: `must be a whole number; give the ${what} as an integer` })
      .positive({ message: `must be at least 1; give a positive ${what}` }),
  /** A Kubernetes quantity such as `500m`, `2Gi`, `1.5Gi`, `2e3`. */
  quantity: quantitySchema,
  /** A memory quantity (a quantity that is not a fraction of a byte). */
  memory: memorySchema,
  /** Container requests and limits, each limit at least its request. */
  resources: resourceRequirementsSchema,
  /** A 5-field cron schedule (UTC) or an `@hourly`-style macro. */
  cron: cronSchema,
  /** Plain-text container env that refuses literal credentials; `fix` points at the secret-reference prop. */
  env: plainEnvSchema,
};
