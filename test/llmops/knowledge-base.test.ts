import { spawn, spawnSync } from 'child_process';
import * as http from 'http';
import { aliasSwitchScript } from '../../src/llmops/knowledge-base/alias-switch-script';
import { KnowledgeBaseIngestion } from '../../src/llmops/knowledge-base/knowledge-base-ingestion';
import { KnowledgeBaseIdentity } from '../../src/llmops/knowledge-base/knowledge-base-identity';
import { policy, resourceList } from '../helpers/synth';
import { build } from '../vectordb/fixture';
import { DATA_BUCKET, llmFixture } from './fixture';

const f = llmFixture();
const cron = () => resourceList(f.workloadsJson(), 'kubernetes_cron_job_v1').find((c) => c.metadata.name === 'docs-ingest');

describe('KnowledgeBaseIngestion', () => {
  test('the user\'s embedding image runs first with the contract env; the library switches the alias after it', () => {
    const pod = cron().spec.job_template.spec.template.spec;
    expect(pod.service_account_name).toBe('docs-ingest');
    const [embed] = pod.init_container;
    expect(embed).toMatchObject({ name: 'embed', image: 'ghcr.io/acme/embed:1.2.0', args: ['--chunk-size', '512'] });
    expect(embed.env).toEqual([
      { name: 'KB_ALIAS', value: 'docs' },
      { name: 'KB_RUN_ID', value_from: { field_ref: { field_path: "metadata.labels['batch.kubernetes.io/job-name']" } } },
      { name: 'KB_COLLECTION', value: '$(KB_ALIAS)--$(KB_RUN_ID)' },
      { name: 'QDRANT_URL', value: 'http://qdrant.vectordb.svc.cluster.local:6333' },
      { name: 'QDRANT_API_KEY', value_from: { secret_key_ref: { name: 'docs-ingest-qdrant', key: 'api-key' } } },
      { name: 'KB_SOURCE_URI', value: 's3://acme-data/knowledge-base/documents/' },
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'EMBEDDING_MODEL', value: 'bge-small' },
    ]);
    const [swap] = pod.container;
    expect(swap.image).toBe('curlimages/curl:8.11.1');
    expect(swap.env.map((e: any) => e.name)).toEqual(['KB_ALIAS', 'KB_RUN_ID', 'KB_COLLECTION', 'QDRANT_URL', 'QDRANT_API_KEY', 'KB_MIN_POINTS']);
    expect(cron().spec.concurrency_policy).toBe('Forbid');
    expect(cron().spec.schedule).toBe('0 1 * * *');
  });

  test('the read-write Qdrant key is synced into the job\'s namespace; the role reads only the documents', () => {
    const es = resourceList(f.workloadsJson(), 'kubernetes_manifest').map((r) => r.manifest).find((m) => m.metadata.name === 'docs-ingest-qdrant');
    expect(es.metadata.namespace).toBe('rag');
    expect(Object.keys(es.spec.target.template.data).sort()).toEqual(['api-key', 'read-only-api-key']);
    const docs = resourceList(f.cloudJson(), 'aws_iam_role_policy').map((p) => policy(p.policy)).find((d) => d.Statement[0].Sid === 'DocumentsList');
    expect(docs.Statement).toEqual([
      { Sid: 'DocumentsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: DATA_BUCKET.bucketArn, Condition: { StringLike: { 's3:prefix': ['knowledge-base/documents', 'knowledge-base/documents/*'] } } },
      { Sid: 'DocumentsObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/knowledge-base/documents/*' },
      { Sid: 'DocumentsKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: DATA_BUCKET.kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': DATA_BUCKET.bucketArn } } },
    ]);
  });

  test('refuses other engines, an alias with the version separator, an unpinned image and root', () => {
    const weaviate = build({ engine: 'weaviate', preset: 'dev', clientNamespaces: ['rag'] });
    const identity = { namespace: 'rag', serviceAccountName: 'kb-ingest' } as KnowledgeBaseIdentity;
    expect(() => new KnowledgeBaseIngestion(weaviate.db.node.scope!, 'kb', { identity, vectorDatabase: weaviate.db, alias: 'docs', embedding: { image: 'ghcr.io/acme/embed:1' } })).toThrow(
      'vectorDatabase = "weaviate" is not supported: the library switches Qdrant collection aliases only (Milvus alter_alias and Weaviate aliases are not implemented); use Qdrant, or run your own ingestion',
    );
    expect(() => llmFixture({ knowledgeBase: { alias: 'my--docs' } })).toThrow('test-workloads/kb: alias = "my--docs" contains "--", which separates an alias from its versions; use single hyphens');
    expect(() => llmFixture({ knowledgeBase: { embedding: { image: 'ghcr.io/acme/embed:latest' } } })).toThrow('test-workloads/kb: embedding.image = "ghcr.io/acme/embed:latest" uses the mutable tag "latest"; pin a version tag or a digest');
    expect(() => llmFixture({ knowledgeBase: { embedding: { image: 'ghcr.io/acme/embed:1', runAs: 0 } } })).toThrow('embedding.runAs = 0 is root (0); run the embedding image as a non-root uid');
  });
});

describe('the alias switch script, against a fake Qdrant', () => {
  beforeAll(() => {
    if (spawnSync('/bin/sh', ['-c', 'command -v curl']).status !== 0) throw new Error('this test runs the alias switch script: it needs /bin/sh and curl on PATH');
  });

  interface Qdrant {
    collections: Record<string, number>;
    aliases: Record<string, string>;
    calls: string[];
  }

  async function run(q: Qdrant, collection: string, minPoints = 1): Promise<{ code: number; out: string }> {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        q.calls.push(`${req.method} ${req.url}`);
        const ok = (result: unknown) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ result, status: 'ok', time: 0.001 }));
        };
        if (req.headers['api-key'] !== 'rw-key') return void (res.writeHead(403), res.end());
        const url = req.url!.split('?')[0];
        if (req.method === 'GET' && url === '/collections') return ok({ collections: Object.keys(q.collections).map((name) => ({ name })) });
        if (req.method === 'GET' && url === '/aliases') return ok({ aliases: Object.entries(q.aliases).map(([alias_name, collection_name]) => ({ alias_name, collection_name })) });
        if (req.method === 'POST' && url === '/collections/aliases') {
          for (const a of JSON.parse(body).actions) {
            if (a.delete_alias) delete q.aliases[a.delete_alias.alias_name];
            if (a.create_alias) q.aliases[a.create_alias.alias_name] = a.create_alias.collection_name;
          }
          return ok(true);
        }
        const m = /^\/collections\/([^/]+)$/.exec(url);
        if (m && req.method === 'GET') {
          if (!(m[1] in q.collections)) return void (res.writeHead(404), res.end('{"status":{"error":"Not found"}}'));
          return ok({ status: 'green', points_count: q.collections[m[1]], segments_count: 2 });
        }
        if (m && req.method === 'DELETE') {
          delete q.collections[m[1]];
          return ok(true);
        }
        res.writeHead(400);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', aliasSwitchScript()], {
        env: { PATH: process.env.PATH!, QDRANT_URL: `http://127.0.0.1:${port}`, QDRANT_API_KEY: 'rw-key', KB_ALIAS: 'docs', KB_COLLECTION: collection, KB_MIN_POINTS: String(minPoints) },
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code: code ?? -1, out }));
    });
    server.close();
    return result;
  }

  test('first run: the alias is created, nothing deleted', async () => {
    const q: Qdrant = { collections: { 'docs--kb-1': 120, other: 5 }, aliases: {}, calls: [] };
    const { code, out } = await run(q, 'docs--kb-1');
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: 'alias docs -> docs--kb-1 (previous: )' });
    expect(q.aliases).toEqual({ docs: 'docs--kb-1' });
    expect(q.collections).toEqual({ 'docs--kb-1': 120, other: 5 });
  });

  test('next runs: the alias moves in one request; the previous version stays, older versions go, other collections stay', async () => {
    const q: Qdrant = { collections: { 'docs--kb-1': 100, 'docs--kb-2': 110, 'docs--kb-3': 130, 'docs-archive': 7, other: 5 }, aliases: { docs: 'docs--kb-2', other_alias: 'other' }, calls: [] };
    const { code, out } = await run(q, 'docs--kb-3');
    expect(code).toBe(0);
    expect(out).toContain('deleted old version docs--kb-1');
    expect(q.aliases).toEqual({ docs: 'docs--kb-3', other_alias: 'other' });
    expect(Object.keys(q.collections).sort()).toEqual(['docs--kb-2', 'docs--kb-3', 'docs-archive', 'other']);
    expect(q.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /collections/aliases?timeout=60']);
  });

  test('an empty or missing new collection leaves the alias where it was', async () => {
    const q: Qdrant = { collections: { 'docs--kb-1': 100, 'docs--kb-2': 0 }, aliases: { docs: 'docs--kb-1' }, calls: [] };
    const empty = await run(q, 'docs--kb-2');
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('collection docs--kb-2 holds 0 points, fewer than 1: the alias stays');
    const missing = await run(q, 'docs--kb-9');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('collection docs--kb-9 does not exist: the embedding step wrote nothing');
    expect(q.aliases).toEqual({ docs: 'docs--kb-1' });
    expect(q.calls.some((c) => c.startsWith('POST') || c.startsWith('DELETE'))).toBe(false);
  });

  test('the script carries no Terraform template syntax', () => {
    expect(aliasSwitchScript()).not.toMatch(/\$\{|%\{/);
  });
});
