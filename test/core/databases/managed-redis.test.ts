import { ManagedRedis } from '../../../src/core/databases/managed-redis';
import { GeneratedSecret } from '../../../src/core/secrets/generated-secret';
import { cloudStack, resourceList, synth, testApp } from '../../helpers/synth';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

describe('ManagedRedis', () => {
  test('engine parameters get a parameter group of the engine family; bad sizes are refused', () => {
    const cs = cloudStack();
    const token = new GeneratedSecret(cs, 'token', { secretName: 't', preset: 'dev' });
    const props = { replicationGroupId: 'test-cache', vpcId: 'vpc-1', subnetIds: ['subnet-1'], clientSecurityGroupId: 'sg-1', kmsKeyArn: KMS, authToken: token, nodeType: 'cache.t4g.small', numCacheClusters: 1, snapshotRetentionDays: 1, preventDestroy: false };
    new ManagedRedis(cs, 'cache', { ...props, parameters: { 'maxmemory-policy': 'noeviction' }, purpose: 'Test cache' });
    const json = synth(cs);
    expect(resourceList(json, 'aws_elasticache_parameter_group')[0]).toMatchObject({ name: 'test-cache-params', family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] });
    expect(resourceList(json, 'aws_security_group')[0].description).toBe('Test cache test-cache: Redis from the cluster nodes only');
    expect(() => new ManagedRedis(cloudStack(), 'c', { ...props, authToken: new GeneratedSecret(cloudStack(testApp(), 'x'), 't', { secretName: 't' }), numCacheClusters: 7 })).toThrow('numCacheClusters = 7 is over 6, the ElastiCache maximum of a replication group without cluster mode');
  });
});
