/**
 * `DefaultStorageClass` (platform layer): an encrypted gp3 StorageClass of the EBS CSI driver, marked
 * as the cluster default (EKS ships none since 1.30). Volumes bind where their pod lands
 * (`WaitForFirstConsumer`), can grow, and are kept when their claim is deleted if you choose `Retain`.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { KubernetesStorageClassV1 } from '../core/resources/kubernetes-core';

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS = 'gp3-encrypted';
/** Provisioner of the EBS CSI driver. */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

/** Props of {@link DefaultStorageClass}. */
export interface DefaultStorageClassProps {
  /**
   * Name of the StorageClass.
   * @default 'gp3-encrypted'
   */
  readonly name?: string;
  /**
   * KMS key ARN for the volumes.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly kmsKeyArn?: string;
  /**
   * What happens to a volume when its claim is deleted.
   * @default 'Delete'
   */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
}

const schema = Schemas.props<DefaultStorageClassProps>()({
  name: Schemas.dnsSubdomain().optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  reclaimPolicy: z.enum(['Delete', 'Retain'], { message: 'must be "Delete" or "Retain"' }).optional(),
});

/** The cluster's default, encrypted gp3 StorageClass. */
export class DefaultStorageClass extends Construct {
  public readonly storageClass: KubernetesStorageClassV1;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DefaultStorageClassProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'DefaultStorageClass');
    this.name = props.name ?? DEFAULT_STORAGE_CLASS;
    this.storageClass = new KubernetesStorageClassV1(this, 'storage-class', {
      metadata: { name: this.name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      storageProvisioner: EBS_CSI_PROVISIONER,
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: props.reclaimPolicy ?? 'Delete',
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        ...(props.kmsKeyArn ? { kmsKeyId: props.kmsKeyArn } : {}),
      },
    });
  }
}
