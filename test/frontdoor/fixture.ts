/** Shared fixtures of the front door tests: literal cloud sides, so workloads JSON is exact. */
import * as fs from 'fs';
import * as path from 'path';
import { ISecretStoreRef } from '../../src/core/secrets/secret-store';
import { existingSecret } from '../../src/core/secrets/secret-source';
import { AwsLoadBalancerControllerCloudRef } from '../../src/frontdoor/aws-load-balancer-controller-cloud';
import { FrontDoorSso, IFrontDoorCloud } from '../../src/frontdoor/front-door-cloud';

export const ZONE = 'Z04506372KXQEN3KTK1BQ';
export const DOMAIN = 'ml.acme.io';
export const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000';
export const OIDC_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:frontdoor/okta-AbCdEf';
export const STORE: ISecretStoreRef = { storeName: 'aws-secrets-manager', storeKind: 'ClusterSecretStore' };
export const CONTROLLER: AwsLoadBalancerControllerCloudRef = { clusterName: 'test-cluster', namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller' };

export const COGNITO: FrontDoorSso = {
  type: 'cognito',
  scope: 'openid email',
  pool: {
    userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI',
    userPoolClientId: '1example23456789',
    userPoolDomain: 'acme-ml',
    hosts: ['grafana.ml.acme.io', 'mlflow.ml.acme.io'],
  },
};

export const OIDC_PROVIDER = {
  type: 'oidc',
  issuer: 'https://acme.okta.com',
  authorizationEndpoint: 'https://acme.okta.com/oauth2/v1/authorize',
  tokenEndpoint: 'https://acme.okta.com/oauth2/v1/token',
  userInfoEndpoint: 'https://acme.okta.com/oauth2/v1/userinfo',
  clientCredentials: existingSecret({ secretArn: OIDC_SECRET_ARN, jsonKeys: ['client-id', 'client-secret'] }),
} as const;

export const OIDC: FrontDoorSso = { ...OIDC_PROVIDER, clientIdProperty: 'client-id', clientSecretProperty: 'client-secret', scope: 'openid email' };

/** A cloud side as `FrontDoor` reads it (literal values instead of cross-stack references). */
export function literalCloud(sso?: FrontDoorSso, apps: readonly string[] = ['evidently', 'grafana', 'mlflow']): IFrontDoorCloud {
  return {
    domain: DOMAIN,
    apps,
    certificateArn: CERT_ARN,
    accessLogs: { bucketName: 'test-dev-access-logs-0001', prefix: 'alb' },
    sso,
    hostFor: (app: string) => `${app}.${DOMAIN}`,
  };
}

/** The upstream IAM policy of the AWS Load Balancer Controller v3.5.0 (test/contract/fixtures). */
export function upstreamControllerPolicy(): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'contract', 'fixtures', 'aws-load-balancer-controller-v3.5.0', 'iam_policy.json'), 'utf8'));
}
