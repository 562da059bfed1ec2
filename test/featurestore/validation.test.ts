import { FeastFeatureStore } from '../../src/featurestore/feast-feature-store';
import { FeastFeatureStoreCloud, FeastFeatureStoreCloudProps } from '../../src/featurestore/feast-feature-store-cloud';
import { FeastFeatureStorePlatform } from '../../src/featurestore/feast-feature-store-platform';
import { featureStoreDocument, FeatureStoreDocument, renderFeatureStoreYaml } from '../../src/featurestore/feature-store-yaml';
import { cloudStack, fakeClusterRef, platformStack, testApp, workloadsStack } from '../helpers/synth';
import { build, STORE } from './fixture';

const make = (spec: Partial<FeastFeatureStoreCloudProps>) => () =>
  new FeastFeatureStoreCloud(cloudStack(), 'feast', { project: 'driver_stats', cluster: fakeClusterRef, ...spec } as FeastFeatureStoreCloudProps);

const FIX = 'use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly';

describe('props validation (exact messages)', () => {
  test('a bad cron schedule', () => {
    expect(make({ materialization: { schedule: '0 * * *' } })).toThrow(`test-cloud/feast: materialization.schedule = "0 * * *" is not a 5-field cron schedule (it has 4); ${FIX}`);
    expect(make({ materialization: { schedule: '0 25 * * *' } })).toThrow(
      `test-cloud/feast: materialization.schedule = "0 25 * * *" has an invalid hour field "25" ("25" is not a number from 0 to 23); ${FIX}`,
    );
    expect(make({ materialization: { schedule: '@every 1h' } })).toThrow(
      `test-cloud/feast: materialization.schedule = "@every 1h" is not a cron macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly; "@every" is not supported); ${FIX}`,
    );
  });

  test('a project name YAML has to quote still renders (single quotes: base64encode refuses double quotes)', () => {
    expect(() => build({ project: '0' })).not.toThrow();
  });

  test('limits below requests, a missing cluster, and halves of the wrong type are ValidationErrors', () => {
    expect(make({ featureServer: { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '1Gi' } } } })).toThrow(
      'test-cloud/feast: featureServer.resources.limits.memory = "1Gi" is below requests.memory (2Gi); the API server refuses a limit below its request, raise the limit or lower the request',
    );
    expect(make({ cluster: undefined as never })).toThrow('test-cloud/feast: cluster = (missing) is required; pass a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)');
    expect(() => new FeastFeatureStorePlatform(platformStack(), 'feast', { cloud: { spec: {} } as never })).toThrow(
      'test-platform/feast: cloud = {"spec":{}} is not a FeastFeatureStoreCloud; pass the FeastFeatureStoreCloud of the cloud layer',
    );
  });

  test('an unknown online store type', () => {
    expect(make({ onlineStore: { type: 'dynamodb' as never } })).toThrow(
      'test-cloud/feast: onlineStore.type = "dynamodb" is not a supported online store type; use "redis" (ElastiCache for Redis OSS, the only online store this construct provisions)',
    );
  });

  test('unsupported registry and offline store types', () => {
    expect(make({ registry: { type: 'sql' as never } })).toThrow('test-cloud/feast: registry.type = "sql" is not a supported registry type; use "s3" (the Feast file registry on S3)');
    expect(make({ offlineStore: { type: 'athena' as never } })).toThrow(
      'test-cloud/feast: offlineStore.type = "athena" is not a supported offline store type; use "file" (parquet on S3, read by Feast\'s dask store)',
    );
  });

  test('prod needs a replica for failover', () => {
    expect(make({ onlineStore: { numCacheClusters: 1 } })).toThrow(
      'test-cloud/feast: onlineStore.numCacheClusters = 1 must be at least 2 with the prod preset (automatic failover and Multi-AZ need a replica); use 2 or more, or preset "dev"',
    );
    expect(make({ onlineStore: { numCacheClusters: 7 } })).toThrow('test-cloud/feast: onlineStore.numCacheClusters = 7 is over 6 nodes (1 primary + 5 replicas), the limit of a replication group');
  });

  test('bad project, node type, snapshot retention, view names and unknown keys', () => {
    expect(make({ project: '_stats' })).toThrow('test-cloud/feast: project = "_stats" is not a Feast project name; use letters, digits, "_" and "-", starting with a letter or digit');
    expect(make({ onlineStore: { nodeType: 'r7g.large' } })).toThrow('test-cloud/feast: onlineStore.nodeType = "r7g.large" is not an ElastiCache node type; use e.g. "cache.r7g.large"');
    expect(make({ onlineStore: { snapshotRetentionDays: 0 } })).toThrow(
      'test-cloud/feast: onlineStore.snapshotRetentionDays = 0 must be at least 1 day; snapshots are the only backup of the online store',
    );
    expect(make({ materialization: { views: ['ok', 'x; rm -rf /'] } })).toThrow(
      'test-cloud/feast: materialization.views[1] = "x; rm -rf /" is not a Feast feature view name; use letters, digits, "_" and "-"',
    );
    expect(make({ featureServer: { replica: 2 } as never })).toThrow('test-cloud/feast: featureServer.replica = 2 is not a known prop; did you mean "replicas"?');
  });

  test('each half refuses the wrong layer; the platform must come from the same cloud', () => {
    const app = testApp();
    expect(() => new FeastFeatureStoreCloud(platformStack(app), 'feast', { project: 'p', cluster: fakeClusterRef })).toThrow(
      'test-platform/feast: FeastFeatureStoreCloud belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
    );
    const a = build({ project: 'a' });
    const other = build({ project: 'b' });
    expect(() => new FeastFeatureStorePlatform(workloadsStack(testApp(), 'w2'), 'feast', { cloud: a.cloud })).toThrow(/FeastFeatureStorePlatform belongs in the platform layer/);
    expect(() => new FeastFeatureStore(workloadsStack(testApp(), 'w3'), 'feast', { cloud: a.cloud, platform: other.platform, secretStore: STORE })).toThrow(
      'w3/feast: platform = "test-platform/feast" belongs to another feature store than cloud (test-cloud/feast); pass the FeastFeatureStorePlatform created from this cloud',
    );
  });
});

describe('feature_store.yaml validation', () => {
  const good = featureStoreDocument({ project: 'p', registryPath: 's3://bucket/p/registry.db', registryCacheTtlSeconds: 60, redisHost: 'redis.internal', redisPort: 6379 });

  test('the generated document renders exactly', () => {
    expect(renderFeatureStoreYaml('doc', good)).toBe(
      'project: p\nprovider: aws\nregistry:\n  registry_type: file\n  path: s3://bucket/p/registry.db\n  cache_ttl_seconds: 60\nonline_store:\n  type: redis\n  redis_type: redis\n  connection_string: redis.internal:6379,ssl=true,password=$FEAST_REDIS_PASSWORD\noffline_store:\n  type: file\nentity_key_serialization_version: 3\n',
    );
  });

  const broken = (patch: (d: any) => void): FeatureStoreDocument => {
    const d = JSON.parse(JSON.stringify(good));
    patch(d);
    return d;
  };

  test('a literal password, missing TLS, an unknown online store, an old serialization version or an unknown key are refused', () => {
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.online_store.connection_string = 'redis.internal:6379,ssl=true,password=hunter2hunter2')))).toThrow(
      'doc: online_store.connection_string = "redis.internal:6379,ssl=true,password=hunter2hunter2" must take the password from the environment (password=$FEAST_REDIS_PASSWORD), never a literal',
    );
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.online_store.connection_string = 'redis.internal:6379,password=$FEAST_REDIS_PASSWORD')))).toThrow(
      'doc: online_store.connection_string = "redis.internal:6379,password=$FEAST_REDIS_PASSWORD" does not turn TLS on; the online store requires in-transit encryption (ssl=true)',
    );
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.online_store.type = 'dynamodb')))).toThrow('doc: online_store.type = "dynamodb" is not a supported online store type; use "redis"');
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.entity_key_serialization_version = 2)))).toThrow(
      'doc: entity_key_serialization_version = 2 must be 3, the current version in Feast 0.66 (lower ones are deprecated)',
    );
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.registry.path = 'registry.db')))).toThrow('doc: registry.path = "registry.db" is not an s3://<bucket>/<key>.db registry path');
    expect(() => renderFeatureStoreYaml('doc', broken((d) => (d.online_store.password = 'x')))).toThrow('doc: online_store.password = "x" is not a known prop; remove it or check its spelling (known: connection_string, key_ttl_seconds, redis_type, type)');
  });
});
