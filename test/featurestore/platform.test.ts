import { resourceAt, resourceList } from '../helpers/synth';
import { build } from './fixture';

describe('FeastFeatureStorePlatform', () => {
  const b = build({ project: 'driver_stats', featureServer: { clientNamespaces: ['serving', 'inference'], metricsNamespaces: ['monitoring'] } });
  const np = (id: string) => resourceAt(b.platformJson, 'kubernetes_network_policy_v1', `feast/${id}`);

  test('namespace and the service account the chart and the CronJob run as', () => {
    expect(resourceList(b.platformJson, 'kubernetes_namespace_v1').map((n) => n.metadata)).toEqual([{ name: 'feast', labels: { 'mlops.cdktf.io/component': 'featurestore' } }]);
    expect(resourceList(b.platformJson, 'kubernetes_service_account_v1').map((s) => s.metadata)).toEqual([
      { name: 'feast', namespace: '${kubernetes_namespace_v1.feast_namespace_13685C88.metadata[0].name}', labels: { 'mlops.cdktf.io/component': 'featurestore' } },
    ]);
  });

  test('default deny of ingress and egress for the namespace', () => {
    expect(np('default-deny').spec).toEqual({ pod_selector: {}, policy_types: ['Ingress', 'Egress'] });
  });

  test('egress: DNS, Redis, HTTPS and the Pod Identity agent only', () => {
    expect(np('egress').spec.egress).toEqual([
      {
        to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
        ports: [
          { port: '53', protocol: 'UDP' },
          { port: '53', protocol: 'TCP' },
        ],
      },
      // Redis only inside the cluster's VPC
      { to: [{ ip_block: { cidr: expect.stringMatching(/^\$\{.*aws_vpc\.feast_vpc_[A-F0-9]{8}\.cidr_block\}$/) } }], ports: [{ port: '6379', protocol: 'TCP' }] },
      { to: [{ ip_block: { cidr: '0.0.0.0/0' } }], ports: [{ port: '443', protocol: 'TCP' }] },
      { to: [{ ip_block: { cidr: '169.254.170.23/32' } }], ports: [{ port: '80', protocol: 'TCP' }] },
    ]);
  });

  test('servers: their ports from the namespace and the client namespaces; metrics from monitoring', () => {
    const servers = np('servers').spec;
    expect(servers.pod_selector).toEqual({ match_labels: { 'app.kubernetes.io/name': 'feast-feature-server' } });
    expect(servers.ingress).toEqual([
      {
        from: [{ pod_selector: {} }, { namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['inference', 'serving'] }] } }],
        ports: [
          { port: '6566', protocol: 'TCP' },
          { port: '8815', protocol: 'TCP' },
          { port: '8888', protocol: 'TCP' },
        ],
      },
    ]);
    expect(np('metrics').spec.ingress).toEqual([
      { from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['monitoring'] }] } }], ports: [{ port: '8000', protocol: 'TCP' }] },
    ]);
  });

  test('without client or metrics namespaces only the namespace itself reaches the servers', () => {
    const alone = build({ project: 'p' });
    const policies = resourceList(alone.platformJson, 'kubernetes_network_policy_v1');
    expect(policies.map((p) => p.metadata.name)).toEqual(['feast-default-deny', 'feast-egress', 'feast-servers']);
    expect(policies[2].spec.ingress[0].from).toEqual([{ pod_selector: {} }]);
  });
});
