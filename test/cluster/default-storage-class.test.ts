import { DefaultStorageClass } from '../../src/cluster/default-storage-class';
import { cloudStack, onlyResource, platformStack, synth } from '../helpers/synth';

describe('DefaultStorageClass', () => {
  test('encrypted gp3, default class, bound where the pod lands, expandable', () => {
    const stack = platformStack();
    new DefaultStorageClass(stack, 'sc', { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' });
    expect(onlyResource(synth(stack), 'kubernetes_storage_class_v1')).toMatchObject({
      metadata: { name: 'gp3-encrypted', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      storage_provisioner: 'ebs.csi.aws.com',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
      reclaim_policy: 'Delete',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
    });
  });

  test('belongs in the platform layer', () => {
    expect(() => new DefaultStorageClass(cloudStack(), 'sc')).toThrow(
      'test-cloud/sc: DefaultStorageClass belongs in the platform layer but was created in cloud stack "test-cloud"; create it in the platform stack of the stack set (stackSet.platform).',
    );
  });

  test('bad reclaim policy', () => {
    expect(() => new DefaultStorageClass(platformStack(), 'sc', { reclaimPolicy: 'Recycle' as any })).toThrow('test-platform/sc: reclaimPolicy = "Recycle" must be "Delete" or "Retain"');
  });
});
