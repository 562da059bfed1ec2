/**
 * Contract test of the vector database values: every Helm value the library sets for Qdrant, Milvus
 * and Weaviate (both presets, both Milvus modes) exists in the pinned chart's values.yaml, or is a
 * documented free-form path that a chart template reads (listed below with the template).
 */
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PlainObject } from '../../src/core/merge';
import { readFileSync } from 'fs';
import { join } from 'path';
import { CHARTS, IMAGES } from '../../src/core/versions';
import { MILVUS_BACKUP_FACTS } from '../../src/vectordb/constants';
import { engineProfile } from '../../src/vectordb/engines/engine-profile';
import { MILVUS_BACKUP_PASSWORD_ENV, milvusBackupConfig } from '../../src/vectordb/engines/milvus-backup-config';
import { resolveVectorDatabaseSpec, VectorDatabaseSpec } from '../../src/vectordb/spec';
import { CHART_CONTRACTS, VECTORDB_FREE_FORM } from './chart-contracts';
import { chartValues, unknownValuePaths } from '../helpers/upstream';


function scope(): Construct {
  return new Construct(new TerraformStack(Testing.app(), 'stack'), 'db');
}

function valuesOf(spec: VectorDatabaseSpec): { engine: 'qdrant' | 'milvus' | 'weaviate'; values: PlainObject } {
  const resolved = resolveVectorDatabaseSpec(scope(), { clientNamespaces: ['rag'], ...spec });
  const values = engineProfile(resolved).values({ bucketName: 'backup-bucket-123', region: 'us-east-1', storageClassName: 'gp3-encrypted' });
  return { engine: resolved.engine, values };
}

const CASES: Array<[string, VectorDatabaseSpec]> = [
  ['qdrant prod', { engine: 'qdrant' }],
  ['qdrant dev', { engine: 'qdrant', preset: 'dev' }],
  ['weaviate prod', { engine: 'weaviate' }],
  ['weaviate dev', { engine: 'weaviate', preset: 'dev' }],
  ['milvus prod (cluster)', { engine: 'milvus' }],
  ['milvus dev (standalone)', { engine: 'milvus', preset: 'dev' }],
];

const DIRS = { qdrant: 'qdrant', milvus: 'milvus', weaviate: 'weaviate' } as const;

describe('vector database values against the pinned charts', () => {
  test.each(CASES)('%s: every value is a key of the chart', (_name, spec) => {
    const { engine, values } = valuesOf(spec);
    expect(unknownValuePaths(values, chartValues(DIRS[engine]), [...VECTORDB_FREE_FORM[engine]])).toEqual([]);
  });

  test('the charts are the pinned versions the upstream data describes', () => {
    for (const chart of [CHARTS.qdrant, CHARTS.milvus, CHARTS.weaviate]) {
      expect(CHART_CONTRACTS[chart.chart]).toEqual(expect.objectContaining({ version: chart.version, valuesDir: chart.chart }));
    }
  });

  test('each free-form path is really absent from (or extends) the chart defaults', () => {
    // A free-form entry that the chart defaults fully cover is stale: remove it.
    for (const engine of ['qdrant', 'weaviate'] as const) {
      const { values } = valuesOf({ engine } as VectorDatabaseSpec);
      for (const path of VECTORDB_FREE_FORM[engine]) {
        const others = VECTORDB_FREE_FORM[engine].filter((p) => p !== path);
        expect({ path, unknown: unknownValuePaths(values, chartValues(DIRS[engine]), others).some((p) => p === path || p.startsWith(`${path}.`)) }).toEqual({ path, unknown: true });
      }
    }
  });

  test('no image the library enables is `latest`', () => {
    // Weaviate's sysctl init container (alpine:latest) is off and pinned; Milvus' Woodpecker service (latest) is off.
    const weaviate = valuesOf({ engine: 'weaviate' }).values as any;
    expect(chartValues('weaviate').initContainers.sysctlInitContainer.image.tag).toBe('latest');
    expect(weaviate.initContainers.sysctlInitContainer.enabled).toBe(false);
    expect(weaviate.initContainers.sysctlInitContainer.image.tag).not.toBe('latest');
    const milvus = valuesOf({ engine: 'milvus' }).values as any;
    expect(chartValues('milvus').woodpecker.image.tag).toBe('latest');
    expect(milvus.woodpecker.enabled).toBe(false);
    expect(chartValues('milvus').minio.enabled).toBe(true);
    expect(milvus.minio.enabled).toBe(false);
    // the Qdrant image tag "" means the chart's appVersion (v1.19.0)
    expect(chartValues('qdrant').image.tag).toBe('');
  });

  test('Weaviate chart defaults to LoadBalancer services, which the library overrides', () => {
    expect([chartValues('weaviate').service.type, chartValues('weaviate').grpcService.type]).toEqual(['LoadBalancer', 'LoadBalancer']);
    const values = valuesOf({ engine: 'weaviate' }).values as any;
    expect([values.service.type, values.grpcService.type]).toEqual(['ClusterIP', 'ClusterIP']);
  });
});

/** milvus-backup's config contract: every key it reads, with its Go type and env overrides (fixture from its source). */
const MILVUS_BACKUP_CONTRACT: { source: string; keys: Record<string, { type: string; env?: string[] }> } = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'milvus-backup-v0.5.16', 'config-keys.json'), 'utf8'),
);

/** Leaf paths of a config object with their values. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Whether a YAML value decodes to the Go type milvus-backup reads the key as. */
function fitsGoType(value: unknown, type: string): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'bool') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isInteger(value);
}

describe('milvus-backup configuration against milvus-backup v0.5.16', () => {
  const config = milvusBackupConfig({ releaseName: 'milvus', namespace: 'vectordb', region: 'us-east-1', dataBucketName: 'data-123', backupBucketName: 'backup-123' });
  const byLowerKey = new Map(Object.entries(MILVUS_BACKUP_CONTRACT.keys).map(([k, v]) => [k.toLowerCase(), { key: k, ...v }]));

  test('the fixture describes the pinned image', () => {
    expect(MILVUS_BACKUP_CONTRACT.source).toContain(`milvus-backup ${IMAGES.milvusBackup.tag}`);
  });

  test('every key the library writes is one milvus-backup reads, with a value of its type', () => {
    const problems = leaves(config).flatMap(([path, value]) => {
      const known = byLowerKey.get(path.toLowerCase());
      if (!known) return [`${path}: not a milvus-backup key`];
      return fitsGoType(value, known.type) ? [] : [`${path}: ${JSON.stringify(value)} is not a ${known.type}`];
    });
    expect(problems).toEqual([]);
  });

  test('every storage and credential setting is written, so none of the tool defaults (minioadmin, localhost) applies', () => {
    const written = new Set(leaves(config).map(([path]) => path.toLowerCase()));
    const storageKeys = Object.keys(MILVUS_BACKUP_CONTRACT.keys).filter(
      (k) => /^minio\.(backup)?(address|port|region|accesskeyid|secretaccesskey|usessl|useiam|bucketname|rootpath|storagetype)$/i.test(k) || /^milvus\.(address|port|user|etcd\.endpoints)$/i.test(k),
    );
    expect(storageKeys).toHaveLength(24);
    expect(storageKeys.filter((k) => !written.has(k.toLowerCase()))).toEqual([]);
  });

  test('why the job turns service links off: the default service "milvus" would set an env var milvus-backup reads', () => {
    // Kubernetes service links: <NAME>_SERVICE_HOST, <NAME>_SERVICE_PORT, <NAME>_PORT, <NAME>_PORT_<port>_TCP[_PROTO|_PORT|_ADDR]
    const linkNames = (service: string, port: number) => {
      const name = service.toUpperCase().replace(/-/g, '_');
      const tcp = `${name}_PORT_${port}_TCP`;
      return [`${name}_SERVICE_HOST`, `${name}_SERVICE_PORT`, `${name}_PORT`, tcp, `${tcp}_PROTO`, `${tcp}_PORT`, `${tcp}_ADDR`];
    };
    const envKeys = new Set(Object.values(MILVUS_BACKUP_CONTRACT.keys).flatMap((k) => k.env ?? []));
    const injected = [...linkNames('milvus', 19530), ...linkNames('milvus-etcd', MILVUS_BACKUP_FACTS.etcdPort)];
    expect(injected.filter((n) => envKeys.has(n))).toEqual(['MILVUS_PORT']); // "tcp://10.0.0.1:19530" is not an int
  });

  test('the password env var is the one milvus-backup reads for milvus.password', () => {
    expect(MILVUS_BACKUP_CONTRACT.keys['milvus.password'].env).toContain(MILVUS_BACKUP_PASSWORD_ENV);
  });

  test('the etcd client port and the management port agree with the Milvus chart', () => {
    const milvus = chartValues('milvus');
    // bitnami etcd's own service.ports.client (not in the upstream data) defaults to 2379 as well
    expect(milvus.etcd.service.port).toBe(MILVUS_BACKUP_FACTS.etcdPort);
    expect(milvus.metrics.enabled).toBe(true); // the service's 9091 port, where the proxy serves /management
  });
});
