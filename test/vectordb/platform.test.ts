import { onlyResource, resourceAt, resourceList } from '../helpers/synth';
import { build } from './fixture';

describe('VectorDatabasePlatform', () => {
  const b = build({ engine: 'qdrant', clientNamespaces: ['rag', 'agents'] });

  test('a dedicated, labelled namespace', () => {
    expect(onlyResource(b.platformJson, 'kubernetes_namespace_v1').metadata).toEqual({
      name: 'vectordb',
      labels: { 'mlops.cdktf.io/component': 'vectordb', 'mlops.cdktf.io/vectordb-engine': 'qdrant' },
    });
  });

  test('the namespace (and with it the volumes) is protected from destroy in prod, not in dev', () => {
    expect(onlyResource(b.platformJson, 'kubernetes_namespace_v1').lifecycle).toEqual({ prevent_destroy: true });
    const dev = build({ engine: 'qdrant', preset: 'dev' });
    expect(onlyResource(dev.platformJson, 'kubernetes_namespace_v1').lifecycle).toEqual({ prevent_destroy: false });
  });

  test('default deny, same-namespace traffic, and clients only on the HTTP and gRPC ports', () => {
    const spec = (suffix: string) => resourceAt(b.platformJson, 'kubernetes_network_policy_v1', suffix).spec;
    expect(spec('vectordb/default-deny')).toEqual({ pod_selector: {}, policy_types: ['Ingress'] });
    expect(spec('vectordb/same-namespace')).toEqual({ pod_selector: {}, policy_types: ['Ingress'], ingress: [{ from: [{ pod_selector: {} }] }] });
    expect(spec('vectordb/clients')).toEqual({
      pod_selector: { match_labels: { 'app.kubernetes.io/instance': 'qdrant' } },
      policy_types: ['Ingress'],
      ingress: [
        {
          from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['agents', 'rag'] }] } }],
          ports: [
            { port: '6333', protocol: 'TCP' },
            { port: '6334', protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(resourceList(b.platformJson, 'kubernetes_service_account_v1')).toEqual([]);
  });

  test.each([
    ['weaviate', { app: 'weaviate' }, ['8080', '50051']],
    ['milvus', { 'app.kubernetes.io/instance': 'milvus', component: 'proxy' }, ['19530']],
  ] as const)('%s: client policy selects the serving pods and their ports', (engine, labels, ports) => {
    const json = build({ engine, clientNamespaces: ['rag'] } as never).platformJson;
    const spec = resourceAt(json, 'kubernetes_network_policy_v1', 'vectordb/clients').spec;
    expect(spec.pod_selector).toEqual({ match_labels: labels });
    expect(spec.ingress[0].ports.map((p: any) => p.port)).toEqual(ports);
  });

  test('without client namespaces nothing outside the namespace may connect', () => {
    const json = build({ engine: 'qdrant' }).platformJson;
    expect(resourceList(json, 'kubernetes_network_policy_v1').map((p) => p.metadata.name)).toEqual(['qdrant-default-deny', 'qdrant-same-namespace']);
  });
});
