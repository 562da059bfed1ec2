/**
 * Environment config of the reference stack sets: one typed, validated object per environment.
 * Copy `dev.ts` or `prod.ts`, edit the values, and pass it to a stack set builder.
 */
import { z } from 'zod';
import { BackendConfig, Preset, Schemas, validateValue } from '../../src';

/** What a reference stack set needs to know about one environment. */
export interface EnvironmentConfig {
  /** Environment name, in stack and resource names (`dev`, `prod`, `staging`, …). */
  readonly environment: string;
  /** Cost/safety preset for the constructs. */
  readonly preset: Preset;
  /** AWS region. */
  readonly region: string;
  /** Guard: the only AWS account this environment may be deployed to (12 digits), if set. */
  readonly accountId?: string;
  /** VPC CIDR. */
  readonly vpcCidr: string;
  /** Number of availability zones. */
  readonly azCount: number;
  /** CIDRs that may reach the public EKS API endpoint; empty = private endpoint only. */
  readonly adminCidrs: string[];
  /** IAM principals with cluster-admin access (e.g. the CI deploy role). */
  readonly adminPrincipalArns: string[];
  /** Instance types of the system node group. */
  readonly systemInstanceTypes: string[];
  /** State backend. */
  readonly backend: BackendConfig;
}

export const environmentSchema = z.object({
  environment: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, { message: 'must be lowercase letters, digits and "-" (at most 16), starting with a letter' }),
  preset: z.enum(['dev', 'prod'], { message: 'must be "dev" or "prod"' }),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: 'is not an AWS region; use e.g. "us-east-1"' }),
  accountId: z.string().regex(/^\d{12}$/, { message: 'is not a 12-digit AWS account id' }).optional(),
  vpcCidr: Schemas.cidr(),
  azCount: z.number().int().min(2, { message: 'is below 2; EKS needs at least 2 availability zones' }).max(4),
  adminCidrs: z.array(Schemas.cidr()),
  adminPrincipalArns: z.array(z.string()),
  systemInstanceTypes: z.array(z.string()).min(1),
  backend: z.object({ type: z.enum(['local', 's3']) }).passthrough(),
});

/** Validates an environment config; errors name the file's environment and the field. */
export function validateEnvironment(config: EnvironmentConfig): EnvironmentConfig {
  validateValue(`environment config "${config.environment}"`, environmentSchema, config);
  return config;
}
