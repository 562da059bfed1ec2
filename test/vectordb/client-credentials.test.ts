/** VectorDatabase.syncClientCredentials: the keys a client namespace gets, and the refusals. */
import { synth, TfJson } from '../helpers/synth';
import { build } from './fixture';

const externalSecrets = (json: TfJson) => Object.values<any>((json as any).resource.kubernetes_manifest).map((r) => r.manifest).filter((m) => m.kind === 'ExternalSecret');

describe('VectorDatabase.syncClientCredentials', () => {
  test('Qdrant read-only: only the read-only key, in the client namespace, from the same secret', () => {
    const b = build({ engine: 'qdrant', clientNamespaces: ['rag'] });
    b.db.syncClientCredentials(b.db.node.scope!, 'rag-qdrant', { namespace: 'rag', access: 'read-only' });
    const all = externalSecrets(synth(b.db.node.scope as any));
    const es = all.find((m) => m.metadata.namespace === 'rag');
    const own = all.find((m) => m.metadata.namespace === 'vectordb' && m.metadata.name === 'qdrant-read-only-api-key');
    expect([es.metadata.name, Object.keys(es.spec.target.template.data)]).toEqual(['qdrant-read-only-api-key', ['read-only-api-key']]);
    expect(es.spec.target.template.data).toEqual(own.spec.target.template.data);
    // the second half of the generated value: the write key (first half) never reaches the client
    expect(es.spec.target.template.data['read-only-api-key']).toBe('{{ .value | substr 32 64 }}');
    expect([es.spec.data, es.spec.dataFrom]).toEqual([own.spec.data, own.spec.dataFrom]);
    expect(JSON.stringify(es.spec)).toContain(b.cloud.secret.secretName);
  });

  test('read-write gives the same keys as the database namespace Secret', () => {
    const b = build({ engine: 'qdrant', clientNamespaces: ['rag'] });
    b.db.syncClientCredentials(b.db.node.scope!, 'rag-qdrant', { namespace: 'rag', access: 'read-write' });
    const all = externalSecrets(synth(b.db.node.scope as any));
    const own = all.find((m) => m.metadata.namespace === 'vectordb' && m.metadata.name === 'qdrant-api-keys');
    const client = all.find((m) => m.metadata.namespace === 'rag');
    expect(client.metadata.name).toBe('qdrant-api-keys');
    expect(client.spec.target.template).toEqual(own.spec.target.template);
  });

  test('refuses a namespace the NetworkPolicy does not admit, and read-only on Milvus', () => {
    const q = build({ engine: 'qdrant', clientNamespaces: ['rag'] });
    expect(() => q.db.syncClientCredentials(q.db.node.scope!, 'x', { namespace: 'other', access: 'read-only' })).toThrow(
      'syncClientCredentials(namespace) = "other" is not a client namespace of this database (rag); add it to clientNamespaces so its NetworkPolicy admits the clients',
    );
    const m = build({ engine: 'milvus', clientNamespaces: ['rag'] });
    expect(() => m.db.syncClientCredentials(m.db.node.scope!, 'x', { namespace: 'rag', access: 'read-only' })).toThrow('is not available for milvus, which has no read-only key; use "read-write"');
  });
});
