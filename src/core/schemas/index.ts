/**
 * `Schemas`: the zod building blocks every props schema uses, so each shape (cron, Kubernetes name,
 * quantity, resources, duration, region, account, CIDR, bucket name, image reference, Secret key,
 * plain-text env) has exactly one definition and one set of messages.
 */
import { z } from 'zod';
import { awsEdgeSchemas, awsSchemas } from './aws';
import { plainEnvSchema } from './credentials';
import { cronSchema } from './cron';
import { dnsSchemas } from './dns';
import { durationSchemas } from './duration';
import { ec2Schemas } from './ec2';
import { imageSchemas } from './image';
import { kubernetesSchemas } from './kubernetes';
import { memorySchema, quantitySchema, resourceRequirementsSchema } from './quantity';
import { constructRef, propsSchema, strictObject } from './strict';

export * from './aws';
export * from './credentials';
export * from './cron';
export * from './dns';
export * from './duration';
export * from './ec2';
export * from './image';
export * from './kubernetes';
export * from './quantity';
export * from './strict';

/** Building blocks shared by the props schemas. */
export const Schemas = {
  ...kubernetesSchemas,
  ...awsSchemas,
  ...awsEdgeSchemas,
  ...dnsSchemas,
  ...durationSchemas,
  ...ec2Schemas,
  ...imageSchemas,
  /** A props object: unknown keys are errors, with a "did you mean" when one is close. */
  object: strictObject,
  /** The strict schema of a props interface, checked at compile time to cover exactly its props. */
  props: propsSchema,
  /** A reference to another construct: named members checked, others allowed; missing → "is required; pass …". */
  construct: constructRef,
  /** An http(s) URL with no whitespace, quotes, `$` or backslashes (it goes into scripts and YAML); `fix` says what to pass. */
  httpUrl: (fix?: string) => z.string().regex(/^https?:\/\/[^\s"'$\\]+$/, { message: `is not an http(s) URL${fix === undefined ? '' : `; ${fix}`}` }),
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
  /** An IAM policy statement (`Effect`, `Action`, …; strict: a misspelt key would change its meaning). */
  policyStatement: () => {
    const strings = z.union([z.string(), z.array(z.string())]);
    return strictObject({
      Sid: z.string().regex(/^[A-Za-z0-9]*$/, { message: 'is not a statement id; use letters and digits only' }).optional(),
      Effect: z.enum(['Allow', 'Deny'], { message: 'must be "Allow" or "Deny"' }),
      Action: strings,
      Resource: strings.optional(),
      NotResource: strings.optional(),
      Principal: z.union([z.string(), z.record(z.string(), strings)]).optional(),
      Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())]))).optional(),
    });
  },
  /** An IAM policy document (`Version` 2012-10-17, at least one strict statement). */
  policyDocument: () =>
    strictObject({
      Version: z.literal('2012-10-17', { message: 'must be "2012-10-17"' }),
      Statement: z.array(Schemas.policyStatement()).min(1, { message: 'has no statements; grant at least one permission or omit the policy' }),
    }),
  /** Plain-text container env that refuses literal credentials; `fix` points at the secret-reference prop. */
  env: plainEnvSchema,
};
