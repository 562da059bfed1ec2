/**
 * Contract of the front door with upstream AWS Load Balancer Controller v3.5.0 (chart 3.5.0, its
 * CRDs, its IAM policy) and ExternalDNS chart 1.21.1 (values.yaml and values.schema.json): every
 * Helm value set exists in the pinned chart (ExternalDNS's also validate against its schema), the
 * IngressClassParams, the EnvoyProxy of the serving NLB and the OIDC client's ExternalSecret
 * validate against their CRDs and set no field the CRD does not define, and the IAM policy fixture
 * the unit tests compare with is still the upstream file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { CHARTS } from '../../src/core/versions';
import { AwsLoadBalancerController } from '../../src/frontdoor/aws-load-balancer-controller';
import { ExternalDns } from '../../src/frontdoor/external-dns';
import { FrontDoor } from '../../src/frontdoor/front-door';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { platformStack, resourceList, synth, workloadsStack } from '../helpers/synth';
import { chartSchema, chartValues, crdSchema, requireUpstream, undefinedFields, unknownValuePaths, validateAgainstChartSchema, validateCustomResource } from '../helpers/upstream';
import { CERT_ARN, COGNITO, CONTROLLER, DOMAIN, literalCloud, OIDC, STORE, ZONE } from '../frontdoor/fixture';
import { CHART_CONTRACTS } from './chart-contracts';

const LBC_DIR = 'aws-load-balancer-controller';
const DNS_DIR = 'external-dns';

/** Helm's merge of user values over chart defaults (maps merge, everything else replaces). */
function merged(base: any, over: any): any {
  const isMap = (v: any) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: any = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merged(base[k], v);
  return out;
}

function releaseValues(build: (stack: ReturnType<typeof platformStack>) => void): any[] {
  const stack = platformStack();
  build(stack);
  return resourceList(synth(stack), 'helm_release').map((r) => parse(r.values[0]));
}

/** Every custom resource of the front door and the serving NLB, in each shape the constructs emit. */
function manifests(): any[] {
  const out: any[] = [];
  for (const props of [
    { cloud: literalCloud(COGNITO) },
    { cloud: literalCloud(OIDC), store: STORE, scheme: 'internet-facing' as const, allowedCidrs: ['198.18.0.0/24'], wafAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/fd/a1b2c3d4-1111-2222-3333-444455556666' },
    { cloud: { ...literalCloud(undefined), accessLogs: undefined }, preset: 'dev' as const },
  ]) {
    const stack = workloadsStack();
    new FrontDoor(stack, 'front-door', { controller: CONTROLLER, routes: [{ app: 'mlflow', backend: { namespace: 'mlflow', serviceName: 'mlflow', port: 80 }, apiPaths: ['/api/'] }], ...props });
    out.push(...resourceList(synth(stack), 'kubernetes_manifest').map((m) => m.manifest));
  }
  const stack = workloadsStack();
  new ServingGateway(stack, 'gateway', { routeNamespaces: ['models'], exposure: 'load-balancer', domain: `serving.${DOMAIN}`, loadBalancer: { certificateArn: CERT_ARN, sourceRanges: ['10.0.0.0/8'], externalDns: true } });
  out.push(...resourceList(synth(stack), 'kubernetes_manifest').map((m) => m.manifest));
  return out;
}

describe('front door against upstream', () => {
  test('the pinned versions are the upstream data\'s', () => {
    expect(CHART_CONTRACTS[CHARTS.awsLoadBalancerController.chart]).toEqual({ version: '3.5.0', valuesDir: LBC_DIR });
    expect(CHART_CONTRACTS[CHARTS.externalDns.chart]).toEqual({ version: '1.21.1', valuesDir: DNS_DIR });
  });

  test('the IAM policy fixture is the upstream iam_policy.json of v3.5.0, byte for byte', () => {
    const fixture = fs.readFileSync(path.join(__dirname, 'fixtures', 'aws-load-balancer-controller-v3.5.0', 'iam_policy.json'), 'utf8');
    expect(fixture).toBe(fs.readFileSync(path.join(requireUpstream(), 'aws-load-balancer-controller', 'iam_policy.json'), 'utf8'));
  });

  test('every AWS Load Balancer Controller value exists in the chart', () => {
    const values = [
      ...releaseValues((s) => new AwsLoadBalancerController(s, 'lbc', { cloud: CONTROLLER })),
      ...releaseValues((s) => {
        const certManager = new ExternalDns(s, 'stand-in', { cloud: { clusterName: 'test-cluster', namespace: 'external-dns', serviceAccount: 'external-dns', hostedZoneId: ZONE, domain: DOMAIN } });
        new AwsLoadBalancerController(s, 'lbc-cm', { cloud: CONTROLLER, certManager: certManager.chart.release });
      }).filter((v) => v.clusterName !== undefined),
    ];
    expect(values.map((v) => v.enableCertManager)).toEqual([false, true]);
    for (const v of values) expect(unknownValuePaths(v, chartValues(LBC_DIR))).toEqual([]);
  });

  test('ExternalDNS values exist in the chart and validate against its values.schema.json', () => {
    const cloud = { clusterName: 'test-cluster', namespace: 'external-dns', serviceAccount: 'external-dns', hostedZoneId: ZONE, domain: DOMAIN };
    const values = [...releaseValues((s) => new ExternalDns(s, 'dns', { cloud })), ...releaseValues((s) => new ExternalDns(s, 'dns-sync', { cloud, policy: 'sync', txtOwnerId: 'blue' }))];
    const schema = chartSchema(DNS_DIR);
    expect(schema).toBeDefined();
    for (const v of values) {
      expect(unknownValuePaths(v, chartValues(DNS_DIR))).toEqual([]);
      expect(validateAgainstChartSchema(merged(chartValues(DNS_DIR), v), schema)).toEqual([]);
    }
    // the schema is not blind to our keys: a wrong policy fails it
    expect(validateAgainstChartSchema(merged(chartValues(DNS_DIR), { ...values[0], policy: 'delete' }), schema).length).toBeGreaterThan(0);
  });

  test('IngressClassParams, EnvoyProxy (TLS NLB) and the OIDC ExternalSecret validate against their CRDs', () => {
    const all = manifests();
    const kinds = [...new Set(all.map((m) => `${m.apiVersion}/${m.kind}`))].sort();
    expect(kinds).toEqual([
      'elbv2.k8s.aws/v1beta1/IngressClassParams',
      'external-secrets.io/v1/ExternalSecret',
      'gateway.envoyproxy.io/v1alpha1/EnvoyProxy',
      'gateway.networking.k8s.io/v1/Gateway',
      'gateway.networking.k8s.io/v1/GatewayClass',
    ]);
    for (const m of all) {
      const key = `${m.apiVersion}/${m.kind}`;
      expect({ key, errors: validateCustomResource(m) }).toEqual({ key, errors: [] });
      const { metadata: _metadata, ...rest } = m;
      expect({ key, undefined: undefinedFields(rest, crdSchema(key)!.schema) }).toEqual({ key, undefined: [] });
    }
  });
});
