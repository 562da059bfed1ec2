/**
 * Environment config of the reference stack sets: one typed, validated object per environment.
 * Copy `dev.ts` or `prod.ts`, edit the values, and pass it to a stack set builder.
 */
import { z } from 'zod';
import { BACKEND_SCHEMA, BackendConfig, Preset, Schemas, validateValue } from '../../src';
import { PLACEHOLDER_REGISTRY } from './placeholder-images';

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
  /** GPU ceilings: the most GPUs each node pool may run at once (what bounds the GPU bill). */
  readonly gpuLimits: GpuLimitsConfig;
  /** Your own images for the drift jobs, the training pipeline's steps and the knowledge base's embedding (the library ships no Python). */
  readonly images: WorkloadImagesConfig;
  /** LLMOps settings of the sets with an LLM (`llm-rag`, `mlops-platform`). */
  readonly llmops: LlmopsConfig;
  /**
   * The front door: the shared ALB for the UIs, TLS, DNS, single sign-on and the inference endpoint.
   * Without it the platform is reachable only inside the cluster (`kubectl port-forward`).
   */
  readonly frontDoor?: FrontDoorConfig;
}

/** How users and clients reach the platform (README, "Reach your platform"). */
export interface FrontDoorConfig {
  /** Domain of the hosts: `mlflow.<domain>`, `grafana.<domain>`, …, `<service>.<namespace>.serving.<domain>`. */
  readonly domain: string;
  /** Public Route 53 hosted zone of `domain`: validates the certificate; ExternalDNS writes the records there. */
  readonly hostedZoneId?: string;
  /** An existing ACM certificate for `*.<domain>` and `*.<namespace>.serving.<domain>` instead of issuing one. */
  readonly certificateArn?: string;
  /** `internal` (reachable from the VPC, VPN, peered networks) or `internet-facing` (needs `allowedCidrs`). */
  readonly scheme: 'internal' | 'internet-facing';
  /** CIDRs allowed to connect (required for `internet-facing`). */
  readonly allowedCidrs?: string[];
  /** Single sign-on at the load balancer: none, a Cognito user pool the stacks create, or your OIDC provider. */
  readonly sso: 'none' | 'cognito' | OidcSsoConfig;
  /** Run ExternalDNS to publish the hosts in `hostedZoneId`. */
  readonly externalDns: boolean;
  /** A regional WAFv2 web ACL for the ALB. */
  readonly wafAclArn?: string;
  /** The inference endpoint: its own NLB with TLS, a host on the shared ALB, or none (in-cluster only). */
  readonly inference: 'nlb' | 'alb' | 'none';
}

/** Your OIDC provider (values from its `.well-known/openid-configuration`). */
export interface OidcSsoConfig {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  /** Secrets Manager secret (JSON) holding the client id and secret. */
  readonly clientSecretArn: string;
  /** @default 'client-id' */
  readonly clientIdProperty?: string;
  /** @default 'client-secret' */
  readonly clientSecretProperty?: string;
}

/** LLMOps settings. */
export interface LlmopsConfig {
  /** E-mail of Langfuse's initial admin (its password is generated into Secrets Manager). */
  readonly langfuseAdminEmail: string;
  /** Tokens (input + output) per hour a tenant may use through the LLM gateway, unless named in `tenantTokensPerHour`. */
  readonly defaultTokensPerHour: number;
  /** Per-tenant budgets (`x-tenant-id` → tokens per hour). */
  readonly tenantTokensPerHour: Readonly<Record<string, number>>;
}

/** GPU ceilings of the reference node pools. */
export interface GpuLimitsConfig {
  /** Spot-first whole-GPU pool (g6e/g5/g6): retraining jobs and GPU inference. */
  readonly inference: number;
  /** MIG pool of A100 40GB (p4d.24xlarge, 8 GPUs per node) in `gpu-training` and `mlops-platform`. */
  readonly migA100: number;
  /** MIG pool of H100 80GB (p5.48xlarge, 8 GPUs per node) serving the LLM in `llm-rag` and `mlops-platform`. */
  readonly migH100: number;
}

/** Container images the operator supplies (pinned by tag or digest; `latest` is refused). */
export interface WorkloadImagesConfig {
  /** Drift check: reads reference and current data from S3, pushes drift metrics to the Pushgateway. */
  readonly driftJob: string;
  /** Training (the churn pipeline's train step): trains on a GPU, logs an MLflow run. */
  readonly retraining: string;
  /** The pipeline's validate step: checks new data, writes a report. */
  readonly validate: string;
  /** The pipeline's evaluate step: scores the candidate and the champion. */
  readonly evaluate: string;
  /** The pipeline's register step: registers the version in MLflow, publishes it for serving. */
  readonly register: string;
  /** Knowledge base embedding: reads documents from S3, writes their embeddings into a new Qdrant collection (docs/catalog/llmops.md). */
  readonly embedding: string;
}

/** A GPU count (whole GPUs; MIG pools are limited in physical GPUs). */
const gpuLimit = z.number().int({ message: 'must be a whole number of GPUs' }).min(1, { message: 'must be at least 1 (a pool with no GPUs cannot launch nodes)' }).max(512);

export const environmentSchema = Schemas.props<EnvironmentConfig>()({
  environment: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, { message: 'must be lowercase letters, digits and "-" (at most 16), starting with a letter' }),
  preset: z.enum(['dev', 'prod'], { message: 'must be "dev" or "prod"' }),
  region: Schemas.region(),
  accountId: Schemas.accountId().optional(),
  vpcCidr: Schemas.cidr(),
  azCount: z.number().int().min(2, { message: 'is below 2; EKS needs at least 2 availability zones' }).max(4),
  adminCidrs: z.array(Schemas.publicCidr()),
  adminPrincipalArns: z.array(Schemas.iamPrincipalArn()),
  systemInstanceTypes: z.array(Schemas.instanceType()).min(1),
  backend: BACKEND_SCHEMA,
  gpuLimits: Schemas.props<GpuLimitsConfig>()({ inference: gpuLimit, migA100: gpuLimit, migH100: gpuLimit }),
  images: Schemas.props<WorkloadImagesConfig>()({
    driftJob: Schemas.image(),
    retraining: Schemas.image(),
    validate: Schemas.image(),
    evaluate: Schemas.image(),
    register: Schemas.image(),
    embedding: Schemas.image(),
  }),
  llmops: Schemas.props<LlmopsConfig>()({
    langfuseAdminEmail: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'is not an e-mail address' }),
    defaultTokensPerHour: z.number().int().min(0),
    tenantTokensPerHour: z.record(z.string(), z.number().int().min(0)),
  }),
  frontDoor: Schemas.object({
    domain: Schemas.dnsName(),
    hostedZoneId: Schemas.hostedZoneId().optional(),
    certificateArn: Schemas.acmCertificateArn().optional(),
    scheme: z.enum(['internal', 'internet-facing'], { message: 'must be "internal" or "internet-facing"' }),
    allowedCidrs: z.array(Schemas.cidr()).optional(),
    sso: z.union([
      z.enum(['none', 'cognito']),
      Schemas.object({
        issuer: Schemas.httpsUrl(),
        authorizationEndpoint: Schemas.httpsUrl(),
        tokenEndpoint: Schemas.httpsUrl(),
        userInfoEndpoint: Schemas.httpsUrl(),
        clientSecretArn: Schemas.secretsManagerArn(),
        clientIdProperty: z.string().min(1).optional(),
        clientSecretProperty: z.string().min(1).optional(),
      }),
    ], { message: 'must be "none", "cognito" or an OIDC provider { issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientSecretArn }' }),
    externalDns: z.boolean(),
    wafAclArn: Schemas.wafv2WebAclArn().optional(),
    inference: z.enum(['nlb', 'alb', 'none'], { message: 'must be "nlb", "alb" or "none"' }),
  })
    .refine((f) => f.hostedZoneId !== undefined || f.certificateArn !== undefined, { message: 'is required to issue the certificate; give the public hosted zone of the domain, or an existing certificateArn', path: ['hostedZoneId'] })
    .refine((f) => !f.externalDns || f.hostedZoneId !== undefined, { message: 'is required by externalDns (the zone it writes to); give it or set externalDns: false', path: ['hostedZoneId'] })
    .refine((f) => f.scheme !== 'internet-facing' || (f.allowedCidrs ?? []).length > 0, { message: 'is required for an internet-facing front door; list the CIDRs of your users', path: ['allowedCidrs'] })
    .optional(),
});

/** Validates an environment config; errors name the file's environment and the field. */
export function validateEnvironment(config: EnvironmentConfig): EnvironmentConfig {
  validateValue(`environment config "${(config as Partial<EnvironmentConfig> | undefined)?.environment ?? '?'}"`, environmentSchema, config);
  return config;
}

/** Values the shipped configs use as stand-ins: valid, but not deployable as they are. */
const PLACEHOLDERS: ReadonlyArray<{ field: string; test: (c: EnvironmentConfig) => boolean; fix: string }> = [
  { field: 'adminCidrs', test: (c) => c.adminCidrs.some((cidr) => /^(192\.0\.2|198\.51\.100|203\.0\.113)\./.test(cidr)), fix: 'list your office, VPN or CI egress CIDRs (documentation ranges reach nothing)' },
  { field: 'images.driftJob', test: (c) => c.images.driftJob.startsWith(PLACEHOLDER_REGISTRY), fix: 'point it at your drift-check image' },
  { field: 'images.retraining', test: (c) => c.images.retraining.startsWith(PLACEHOLDER_REGISTRY), fix: 'point it at your training image' },
  ...(['validate', 'evaluate', 'register'] as const).map((step) => ({
    field: `images.${step}`,
    test: (c: EnvironmentConfig) => c.images[step].startsWith(PLACEHOLDER_REGISTRY),
    fix: `point it at your pipeline's ${step} image (docs/catalog/pipelines.md, "Step contract")`,
  })),
  { field: 'images.embedding', test: (c) => c.images.embedding.startsWith(PLACEHOLDER_REGISTRY), fix: 'point it at your embedding image' },
  { field: 'llmops.langfuseAdminEmail', test: (c) => c.llmops.langfuseAdminEmail.endsWith('@example.com'), fix: 'give the e-mail of Langfuse\'s first admin' },
  { field: 'frontDoor.domain', test: (c) => /(^|\.)example\.(com|org|net)$/.test(c.frontDoor?.domain ?? ''), fix: 'use a domain of yours (the hosts are <app>.<domain>)' },
  { field: 'frontDoor.hostedZoneId', test: (c) => (c.frontDoor?.hostedZoneId ?? '').includes('EXAMPLE'), fix: 'give the id of your public Route 53 hosted zone of the domain' },
  { field: 'backend.bucket', test: (c) => String((c.backend as { bucket?: unknown }).bucket ?? '').startsWith('replace-me'), fix: 'name your Terraform state bucket' },
];

/**
 * The placeholder values still in a config, as messages naming the field (synthesis goes on: the
 * stacks are valid; deploying them as they are would not work).
 */
export function placeholderWarnings(config: EnvironmentConfig): string[] {
  return PLACEHOLDERS.filter((p) => p.test(config)).map((p) => `environment config "${config.environment}": ${p.field} is still the shipped placeholder; ${p.fix} before deploying`);
}

