/**
 * `AwsEksPodIdentityAssociation`: an EKS Pod Identity association (`aws_eks_pod_identity_association`),
 * typed and synthesized like the provider binding's `EksPodIdentityAssociation` without building its
 * attribute-reference objects (see {@link ProviderResource}). `PodIdentityRole` creates one per role.
 */
import { Construct } from 'constructs';
import type { EksPodIdentityAssociationConfig } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { AwsResource } from './aws-resource';

/** An `aws_eks_pod_identity_association` resource. */
export class AwsEksPodIdentityAssociation extends AwsResource<EksPodIdentityAssociationConfig> {
  constructor(scope: Construct, id: string, config: EksPodIdentityAssociationConfig) {
    super(scope, id, 'aws_eks_pod_identity_association', ['tags'], config);
  }
}
