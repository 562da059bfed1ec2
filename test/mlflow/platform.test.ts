import { onlyResource, resourceAt } from '../helpers/synth';
import { mlflowFixture } from './fixture';

const VPC_CIDR = '${data.aws_vpc.mlflow_vpc_0D6DD48D.cidr_block}';
const NS = '${kubernetes_namespace_v1.mlflow_namespace_F3F1C71D.metadata[0].name}';
const LABELS = { 'mlops.cdktf.io/component': 'mlflow' };

describe('MlflowPlatform', () => {
  const json = mlflowFixture().platformJson();

  it('creates the namespace and container defaults for the chart\'s init containers', () => {
    expect(onlyResource(json, 'kubernetes_namespace_v1').metadata).toEqual({ name: 'mlflow', labels: LABELS });
    expect(onlyResource(json, 'kubernetes_limit_range_v1').spec).toEqual({
      limit: [{ type: 'Container', default_request: { cpu: '50m', memory: '64Mi' }, default: { cpu: '500m', memory: '256Mi' } }],
    });
  });

  it('admits the server port only from the namespace and the client namespaces', () => {
    const { '//': _m, ...ingress } = resourceAt(json, 'kubernetes_network_policy_v1', 'mlflow/ingress');
    expect(ingress).toEqual({
      metadata: { name: 'mlflow-ingress', namespace: NS, labels: LABELS },
      spec: {
        pod_selector: {},
        policy_types: ['Ingress'],
        ingress: [
          {
            from: [{ pod_selector: {} }, { namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kserve', 'monitoring'] }] } }],
            ports: [{ port: '5000', protocol: 'TCP' }],
          },
        ],
      },
    });
  });

  it('lets the pods reach only DNS, the server port in the namespace, the database port in the VPC, HTTPS and the Pod Identity agent', () => {
    const egress = resourceAt(json, 'kubernetes_network_policy_v1', 'mlflow/egress');
    expect(egress.metadata).toEqual({ name: 'mlflow-egress', namespace: NS, labels: LABELS });
    expect(egress.spec).toEqual({
      pod_selector: {},
      policy_types: ['Egress'],
      egress: [
        {
          to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } }, pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
        },
        // the client user bootstrap Job calls the server
        { to: [{ pod_selector: {} }], ports: [{ port: '5000', protocol: 'TCP' }] },
        { to: [{ ip_block: { cidr: VPC_CIDR } }], ports: [{ port: '5432', protocol: 'TCP' }] },
        { to: [{ ip_block: { cidr: '0.0.0.0/0' } }], ports: [{ port: '443', protocol: 'TCP' }] },
        { to: [{ ip_block: { cidr: '169.254.170.23/32' } }], ports: [{ port: '80', protocol: 'TCP' }] },
      ],
    });
  });

  it('takes client namespaces and CIDRs (internal load balancer)', () => {
    const j = mlflowFixture({ platform: { clientNamespaces: ['training', 'kserve'], allowedCidrs: ['10.0.0.0/16'] } }).platformJson();
    expect(resourceAt(j, 'kubernetes_network_policy_v1', 'mlflow/ingress').spec.ingress[0].from).toEqual([
      { pod_selector: {} },
      { namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kserve', 'training'] }] } },
      { ip_block: { cidr: '10.0.0.0/16' } },
    ]);
  });

  it('with no client namespaces admits only the namespace itself', () => {
    const j = mlflowFixture({ platform: { clientNamespaces: [] } }).platformJson();
    expect(resourceAt(j, 'kubernetes_network_policy_v1', 'mlflow/ingress').spec.ingress[0].from).toEqual([{ pod_selector: {} }]);
  });
});
