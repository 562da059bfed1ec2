import { EnvironmentConfig } from './environment';
import { PLACEHOLDER_IMAGES } from './placeholder-images';

/**
 * Development: cheap (one NAT gateway, two system nodes, single-AZ databases). Its AWS data (keys,
 * buckets, database) is protected like prod's — tear it down with `allowDataDeletion` (README,
 * "Deleting data deliberately") — but in-cluster volumes (Qdrant, Evidently, Prometheus) are
 * deleted with their namespaces on destroy.
 * Edit `adminCidrs` to your office/VPN/CI egress CIDRs before deploying, or leave it empty and run
 * `cdktf deploy` from inside the VPC.
 */
export const dev: EnvironmentConfig = {
  environment: 'dev',
  preset: 'dev',
  region: 'us-east-1',
  vpcCidr: '10.40.0.0/16',
  azCount: 3,
  adminCidrs: ['203.0.113.0/24'],
  adminPrincipalArns: [],
  // 4 vCPU: the controllers of the full platform request ~4 vCPU on the system nodes.
  systemInstanceTypes: ['m7i.xlarge'],
  backend: { type: 'local' },
  gpuLimits: { inference: 4, migA100: 8, migH100: 8 },
  // Replace with your own images (see README, "Drift and pipeline images").
  images: PLACEHOLDER_IMAGES,
  // Replace the domain and the hosted zone with yours (README, "Reach your platform").
  frontDoor: {
    domain: 'dev.ml.example.com',
    hostedZoneId: 'Z0EXAMPLE000000000000',
    scheme: 'internal',
    // An internal ALB (reach it over your VPN or from the VPC); no single sign-on: each UI's own login
    // (MLflow basic-auth, Grafana admin, Argo client tokens); the Evidently UI has none.
    sso: 'none',
    externalDns: true,
    inference: 'alb',
  },
  // Langfuse's first admin, and the LLM gateway's token budgets (docs/catalog/llmops.md).
  llmops: { langfuseAdminEmail: 'mlops-admin@example.com', defaultTokensPerHour: 200000, tenantTokensPerHour: { 'rag-app': 1000000 } },
};
