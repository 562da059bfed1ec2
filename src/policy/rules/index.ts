/** Every rule of the policy pack, by area. */
import { PolicyRule } from '../types';
import { ec2EbsEncrypted } from './ec2/ec2-ebs-encrypted';
import { ec2ImdsHopLimit } from './ec2/ec2-imds-hop-limit';
import { ec2Imdsv2Required } from './ec2/ec2-imdsv2-required';
import { ec2SgOpenIngress } from './ec2/ec2-sg-open-ingress';
import { eksControlPlaneLogs } from './eks/eks-control-plane-logs';
import { eksPublicEndpoint } from './eks/eks-public-endpoint';
import { eksSecretsEncryption } from './eks/eks-secrets-encryption';
import { elasticacheAuth } from './elasticache/elasticache-auth';
import { elasticacheEncryptionAtRest } from './elasticache/elasticache-encryption-at-rest';
import { elasticacheEncryptionInTransit } from './elasticache/elasticache-encryption-in-transit';
import { iamAdminPolicy } from './iam/iam-admin-policy';
import { iamIrsaTrust } from './iam/iam-irsa-trust';
import { iamPodIdentityTrust } from './iam/iam-pod-identity-trust';
import { iamTrustAnyPrincipal } from './iam/iam-trust-any-principal';
import { iamWildcardAction } from './iam/iam-wildcard-action';
import { helmLiteralSecret } from './k8s/helm-literal-secret';
import { k8sDefaultNamespace } from './k8s/k8s-default-namespace';
import { k8sEnvLiteralSecret } from './k8s/k8s-env-literal-secret';
import { k8sHostNamespaces } from './k8s/k8s-host-namespaces';
import { k8sImagePinned } from './k8s/k8s-image-pinned';
import { k8sNoPrivilegeEscalation } from './k8s/k8s-no-privilege-escalation';
import { k8sNotPrivileged } from './k8s/k8s-not-privileged';
import { k8sResources } from './k8s/k8s-resources';
import { k8sRunAsNonRoot } from './k8s/k8s-run-as-non-root';
import { k8sSecretLiteral } from './k8s/k8s-secret-literal';
import { rdsBackupRetention } from './rds/rds-backup-retention';
import { rdsDeletionProtection } from './rds/rds-deletion-protection';
import { rdsFinalSnapshot } from './rds/rds-final-snapshot';
import { rdsManagedPassword } from './rds/rds-managed-password';
import { rdsNotPublic } from './rds/rds-not-public';
import { rdsStorageEncrypted } from './rds/rds-storage-encrypted';
import { s3Encryption } from './s3/s3-encryption';
import { s3ForceDestroy } from './s3/s3-force-destroy';
import { s3PublicAccessBlock } from './s3/s3-public-access-block';
import { s3TlsOnly } from './s3/s3-tls-only';
import { s3Versioning } from './s3/s3-versioning';
import { kmsKeyRotation } from './services/kms-key-rotation';
import { logsKms } from './services/logs-kms';
import { logsRetention } from './services/logs-retention';
import { secretsmanagerKmsKey } from './services/secretsmanager-kms-key';
import { sqsEncryption } from './services/sqs-encryption';

/** Rules over AWS resources (and EC2NodeClass manifests, which configure EC2 instances). */
export const AWS_RULES: readonly PolicyRule[] = [
  eksPublicEndpoint, eksSecretsEncryption, eksControlPlaneLogs,
  ec2Imdsv2Required, ec2ImdsHopLimit, ec2EbsEncrypted, ec2SgOpenIngress,
  iamWildcardAction, iamAdminPolicy, iamTrustAnyPrincipal, iamPodIdentityTrust, iamIrsaTrust,
  s3PublicAccessBlock, s3Encryption, s3Versioning, s3TlsOnly, s3ForceDestroy,
  rdsStorageEncrypted, rdsNotPublic, rdsDeletionProtection, rdsBackupRetention, rdsFinalSnapshot, rdsManagedPassword,
  elasticacheEncryptionAtRest, elasticacheEncryptionInTransit, elasticacheAuth,
  sqsEncryption, kmsKeyRotation, secretsmanagerKmsKey, logsRetention, logsKms,
];

/** Rules over Kubernetes objects, manifests and Helm releases. */
export const K8S_RULES: readonly PolicyRule[] = [
  k8sResources, k8sRunAsNonRoot, k8sNoPrivilegeEscalation, k8sNotPrivileged, k8sHostNamespaces, k8sImagePinned, k8sDefaultNamespace,
  k8sSecretLiteral, helmLiteralSecret, k8sEnvLiteralSecret,
];

/** Every rule. */
export const ALL_RULES: readonly PolicyRule[] = [...AWS_RULES, ...K8S_RULES];


export {
  ec2EbsEncrypted, ec2ImdsHopLimit, ec2Imdsv2Required, ec2SgOpenIngress, eksControlPlaneLogs, eksPublicEndpoint, eksSecretsEncryption,
  elasticacheAuth, elasticacheEncryptionAtRest, elasticacheEncryptionInTransit, iamAdminPolicy, iamIrsaTrust, iamPodIdentityTrust,
  iamTrustAnyPrincipal, iamWildcardAction, helmLiteralSecret, k8sDefaultNamespace, k8sEnvLiteralSecret, k8sHostNamespaces, k8sImagePinned, k8sNoPrivilegeEscalation,
  k8sNotPrivileged, k8sResources, k8sRunAsNonRoot, k8sSecretLiteral, rdsBackupRetention, rdsDeletionProtection, rdsFinalSnapshot,
  rdsManagedPassword, rdsNotPublic, rdsStorageEncrypted, s3Encryption, s3ForceDestroy, s3PublicAccessBlock, s3TlsOnly, s3Versioning,
  kmsKeyRotation, logsKms, logsRetention, secretsmanagerKmsKey, sqsEncryption,
};
