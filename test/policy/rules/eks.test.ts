import { eksControlPlaneLogs } from '../../../src/policy/rules/eks/eks-control-plane-logs';
import { eksPublicEndpoint } from '../../../src/policy/rules/eks/eks-public-endpoint';
import { eksSecretsEncryption } from '../../../src/policy/rules/eks/eks-secrets-encryption';
import { expectCompliant, expectFinding, fixOf, resource, unknownMsg } from '../helpers';

const cluster = (attributes: Record<string, unknown>) => resource('aws_eks_cluster', { name: 'c', ...attributes });

describe('eks-public-endpoint', () => {
  it.each([
    ['private endpoint', { vpc_config: { endpoint_public_access: false, endpoint_private_access: true } }],
    ['public to listed CIDRs', { vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } }],
    ['block as a one-element list', { vpc_config: [{ endpoint_public_access: 'false' }] }],
  ])('passes: %s', (_name, attributes) => expectCompliant(eksPublicEndpoint, cluster(attributes)));

  it.each([
    ['public without CIDRs', { vpc_config: { endpoint_public_access: true } }, 'endpoint_public_access is true and vpc_config.public_access_cidrs is not set (the default is 0.0.0.0/0)'],
    ['defaults', { vpc_config: { subnet_ids: ['s'] } }, 'endpoint_public_access is not set (the provider default is true) and vpc_config.public_access_cidrs is not set (the default is 0.0.0.0/0)'],
    ['open CIDR', { vpc_config: { endpoint_public_access: true, public_access_cidrs: ['10.0.0.0/8', '0.0.0.0/0'] } }, 'endpoint_public_access is true and vpc_config.public_access_cidrs = ["10.0.0.0/8","0.0.0.0/0"] includes 0.0.0.0/0'],
    ['unknown switch', { vpc_config: { endpoint_public_access: '${var.public}' } }, unknownMsg('vpc_config.endpoint_public_access', '${var.public}')],
    ['unknown CIDRs', { vpc_config: { endpoint_public_access: true, public_access_cidrs: '${var.cidrs}' } }, unknownMsg('vpc_config.public_access_cidrs', '${var.cidrs}')],
  ])('fails: %s', (_name, attributes, message) => {
    expectFinding(eksPublicEndpoint, cluster(attributes), message);
    expect(fixOf(eksPublicEndpoint, cluster(attributes))).toBe('set vpc_config.endpoint_public_access = false (reach the API through the VPC), or list the operator CIDRs in vpc_config.public_access_cidrs');
  });
});

describe('eks-secrets-encryption', () => {
  it('passes with a KMS key for secrets', () => {
    expectCompliant(eksSecretsEncryption, cluster({ encryption_config: { resources: ['secrets'], provider: { key_arn: '${aws_kms_key.k.arn}' } } }));
  });
  it.each([
    ['no encryption_config', {}, 'encryption_config is not set, so Kubernetes Secrets are not encrypted with a KMS key'],
    ['no key', { encryption_config: { resources: ['secrets'], provider: {} } }, 'encryption_config.provider.key_arn is not set'],
    ['other resources', { encryption_config: { resources: ['configmaps'], provider: { key_arn: 'arn' } } }, 'encryption_config does not list "secrets" in resources'],
    ['unknown resources', { encryption_config: { resources: '${var.r}', provider: { key_arn: 'arn' } } }, unknownMsg('encryption_config.resources', '${var.r}')],
  ])('fails: %s', (_name, attributes, message) => expectFinding(eksSecretsEncryption, cluster(attributes), message));
});

describe('eks-control-plane-logs', () => {
  it('passes with all five log types', () => {
    expectCompliant(eksControlPlaneLogs, cluster({ enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] }));
  });
  it.each([
    ['two missing', { enabled_cluster_log_types: ['api', 'audit', 'authenticator'] }, 'enabled_cluster_log_types is missing controllerManager, scheduler'],
    ['unset', {}, 'enabled_cluster_log_types is missing api, audit, authenticator, controllerManager, scheduler'],
    ['unknown', { enabled_cluster_log_types: '${var.logs}' }, unknownMsg('enabled_cluster_log_types', '${var.logs}')],
  ])('fails: %s', (_name, attributes, message) => expectFinding(eksControlPlaneLogs, cluster(attributes), message));
});
