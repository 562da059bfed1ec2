import { EnvironmentConfig } from './environment';
import { PLACEHOLDER_IMAGES } from './placeholder-images';

/**
 * Production: highly available (a NAT gateway per AZ, three system nodes, multi-AZ databases),
 * protected (deletion protection, 365-day logs), private EKS endpoint (deploy from inside the VPC
 * or add your CI egress CIDRs to `adminCidrs`), state in S3 with native locking.
 * Edit `accountId`, `adminPrincipalArns` and the backend bucket before deploying.
 */
export const prod: EnvironmentConfig = {
  environment: 'prod',
  preset: 'prod',
  region: 'us-east-1',
  vpcCidr: '10.50.0.0/16',
  azCount: 3,
  adminCidrs: [],
  adminPrincipalArns: [],
  systemInstanceTypes: ['m7i.xlarge'],
  backend: { type: 's3', bucket: 'replace-me-terraform-state', keyPrefix: 'mlops-platform' },
  gpuLimits: { inference: 16, migA100: 16, migH100: 16 },
  // Replace with your own images (see README, "Drift and pipeline images").
  images: PLACEHOLDER_IMAGES,
  // Replace the domain and the hosted zone with yours (README, "Reach your platform").
  frontDoor: {
    domain: 'prod.ml.example.com',
    hostedZoneId: 'Z0EXAMPLE000000000000',
    scheme: 'internal',
    // An internal ALB with single sign-on (a Cognito user pool in the data stack; or your OIDC provider:
    // { issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientSecretArn }), and the
    // inference endpoint on its own internal NLB with TLS.
    sso: 'cognito',
    externalDns: true,
    inference: 'nlb',
  },
  // Langfuse's first admin, and the LLM gateway's token budgets (docs/catalog/llmops.md).
  llmops: { langfuseAdminEmail: 'mlops-admin@example.com', defaultTokensPerHour: 1000000, tenantTokensPerHour: { 'rag-app': 10000000 } },
};
