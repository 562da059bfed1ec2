import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { resolveVectorDatabaseSpec, VectorDatabaseSpec } from '../../src/vectordb/spec';

function scope(): Construct {
  return new Construct(new TerraformStack(Testing.app(), 'stack'), 'db');
}

const resolve = (spec: VectorDatabaseSpec) => resolveVectorDatabaseSpec(scope(), spec);

describe('resolveVectorDatabaseSpec', () => {
  test('defaults: Qdrant, prod, cluster mode, three replicas, 50Gi', () => {
    expect(resolve({})).toEqual({
      engine: 'qdrant',
      name: 'qdrant',
      namespace: 'vectordb',
      preset: 'prod',
      storageSize: '50Gi',
      replicas: 3,
      resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
      clientNamespaces: [],
      backup: { schedule: '0 3 * * *', retentionDays: 30 },
      qdrantClusterMode: true,
      milvusMode: 'cluster',
      milvusEtcdStorageSize: '10Gi',
      milvusRestoreAccess: false,
      overrides: undefined,
    });
  });

  test('dev preset: one replica, no cluster mode, standalone Milvus, 7-day retention', () => {
    const dev = resolve({ preset: 'dev', engine: 'milvus' });
    expect([dev.replicas, dev.storageSize, dev.milvusMode, dev.backup.retentionDays]).toEqual([1, '10Gi', 'standalone', 7]);
    expect(resolve({ preset: 'dev' }).qdrantClusterMode).toBe(false);
  });

  test('client namespaces are sorted (deterministic output)', () => {
    expect(resolve({ clientNamespaces: ['rag', 'agents'] }).clientNamespaces).toEqual(['agents', 'rag']);
  });

  test('engine-specific prop on the wrong engine is an error', () => {
    expect(() => resolve({ engine: 'qdrant', milvus: { mode: 'cluster' } } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: milvus = {"mode":"cluster"} is set but engine is "qdrant"; move these settings under "qdrant" or set engine: "milvus"',
    );
    expect(() => resolve({ engine: 'weaviate', qdrant: { clusterMode: true } } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: qdrant = {"clusterMode":true} is set but engine is "weaviate"; move these settings under "weaviate" or set engine: "qdrant"',
    );
    // the default engine is qdrant, so a weaviate block without engine is wrong too
    expect(() => resolve({ weaviate: {} } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: weaviate = {} is set but engine is "qdrant"; move these settings under "qdrant" or set engine: "weaviate"',
    );
  });

  test('milvus.restoreAccess: off by default, a boolean, Milvus only', () => {
    expect(resolve({ engine: 'milvus' }).milvusRestoreAccess).toBe(false);
    expect(resolve({ engine: 'milvus', milvus: { restoreAccess: true } }).milvusRestoreAccess).toBe(true);
    expect(() => resolve({ engine: 'milvus', milvus: { restoreAccess: 'yes' } } as unknown as VectorDatabaseSpec)).toThrow('stack/db: milvus.restoreAccess = "yes"');
    expect(() => resolve({ engine: 'qdrant', qdrant: { restoreAccess: true } } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: qdrant.restoreAccess = true is not a known prop; remove it or check its spelling (known: clusterMode, overrides)',
    );
  });

  test('Milvus overrides may not turn off the metrics port the backup job pauses GC through', () => {
    expect(() => resolve({ engine: 'milvus', milvus: { overrides: { metrics: { enabled: false } } } })).toThrow(
      'stack/db: milvus.overrides.metrics.enabled = false removes port 9091 from the Milvus service, through which the backup job pauses garbage collection while it copies segments; remove the override',
    );
    expect(resolve({ engine: 'milvus', milvus: { overrides: { metrics: { serviceMonitor: { enabled: true } } } } }).overrides).toEqual({ metrics: { serviceMonitor: { enabled: true } } });
  });

  test('unknown engine', () => {
    expect(() => resolve({ engine: 'pinecone' } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: engine = "pinecone" is not a supported engine; use one of "qdrant", "milvus", "weaviate"',
    );
  });

  test('storage below the minimum', () => {
    expect(() => resolve({ storageSize: '500Mi' })).toThrow(
      'stack/db: storageSize = "500Mi" is below the 1Gi minimum; give the volume at least "1Gi" (and room for the data you expect)',
    );
    expect(() => resolve({ engine: 'milvus', milvus: { etcdStorageSize: '512Mi' } })).toThrow(
      'stack/db: milvus.etcdStorageSize = "512Mi" is below the 1Gi minimum; give the volume at least "1Gi" (and room for the data you expect)',
    );
  });

  test('storage that is not a quantity', () => {
    expect(() => resolve({ storageSize: '10 GB' })).toThrow('stack/db: storageSize = "10 GB" is not a Kubernetes quantity; use e.g. "500m", "2", "4Gi"');
  });

  test('replicas without cluster mode', () => {
    expect(() => resolve({ qdrant: { clusterMode: false } })).toThrow(
      'stack/db: replicas = 3 needs Qdrant cluster mode; set qdrant.clusterMode: true or replicas: 1',
    );
    expect(() => resolve({ engine: 'milvus', milvus: { mode: 'standalone' }, replicas: 2 })).toThrow(
      'stack/db: replicas = 2 is more than standalone Milvus runs; set milvus.mode: "cluster" or replicas: 1',
    );
  });

  test('bad schedule, namespace and unknown keys', () => {
    expect(() => resolve({ backup: { schedule: 'daily' } })).toThrow(
      'stack/db: backup.schedule = "daily" is not a 5-field cron schedule (it has 1); use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly',
    );
    expect(() => resolve({ backup: { schedule: '61 * * * *' } })).toThrow('stack/db: backup.schedule = "61 * * * *" has an invalid minute field "61"');
    expect(() => resolve({ resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '1', memory: '8Gi' } } })).toThrow(
      'stack/db: resources.limits.cpu = "1" is below requests.cpu (2); the API server refuses a limit below its request, raise the limit or lower the request',
    );
    expect(() => resolve({ storageSize: '500m' })).toThrow('stack/db: storageSize = "500m" is a fraction of a byte ("m" means milli); use "Mi" or "Gi" for byte sizes, e.g. "500Mi"');
    expect(() => resolve({ namespace: 'Vector_DB' })).toThrow('stack/db: namespace = "Vector_DB" is not a DNS-1123 label');
    expect(() => resolve({ qdrant: { clustermode: true } } as unknown as VectorDatabaseSpec)).toThrow(
      'stack/db: qdrant.clustermode = true is not a known prop; did you mean "clusterMode"?',
    );
  });
});
