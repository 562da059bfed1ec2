/** `eks-secrets-encryption`: Kubernetes Secrets are envelope-encrypted with a KMS key. */
import { PolicyRule } from '../../types';
import { at, blocks, COMPLIANT, fail, isUnresolved, list, mustBeConcrete } from '../../values';
import { checkov, trivy } from '../scanners';

const FIX = 'add encryption_config { resources = ["secrets"], provider { key_arn = <KMS key ARN> } } (EksCluster does this by default)';

export const eksSecretsEncryption: PolicyRule = {
  id: 'eks-secrets-encryption',
  severity: 'error',
  description: 'The EKS cluster encrypts Kubernetes Secrets with a KMS key (encryption_config with resources ["secrets"]).',
  appliesTo: ['aws_eks_cluster'],
  mirrors: [checkov('CKV_AWS_58'), trivy('AVD-AWS-0039')],
  check(resource) {
    const configs = blocks(resource.attributes.encryption_config);
    if (configs.length === 0) return fail('encryption_config is not set, so Kubernetes Secrets are not encrypted with a KMS key', FIX);
    for (const config of configs) {
      const kinds = config.resources;
      if (isUnresolved(kinds)) return mustBeConcrete('encryption_config.resources', kinds, FIX);
      if (!list(kinds).includes('secrets')) continue;
      const keyArn = at(config, 'provider.key_arn');
      if (keyArn === undefined || keyArn === '') return fail('encryption_config.provider.key_arn is not set', FIX);
      return COMPLIANT;
    }
    return fail('encryption_config does not list "secrets" in resources', FIX);
  },
};
