import { FrontDoor, FrontDoorProps } from '../../src/frontdoor/front-door';
import { allowComputeDeletion } from '../../src/policy/allow-data-deletion';
import { MLFLOW_API_PATHS } from '../../src/frontdoor/constants';
import { platformStack, resourceAt, resourceList, resources, synth, workloadsStack } from '../helpers/synth';
import { CERT_ARN, COGNITO, CONTROLLER, literalCloud, OIDC, OIDC_SECRET_ARN, STORE } from './fixture';

const MLFLOW = { namespace: 'mlflow', serviceName: 'mlflow', port: 80, healthPath: '/health' };
const GRAFANA = { namespace: 'monitoring', serviceName: 'kube-prometheus-stack-grafana', port: 80, healthPath: '/api/health' };

function frontDoor(props: Partial<FrontDoorProps> = {}) {
  const stack = workloadsStack();
  const fd = new FrontDoor(stack, 'front-door', {
    cloud: literalCloud(COGNITO),
    controller: CONTROLLER,
    routes: [
      { app: 'mlflow', backend: MLFLOW, apiPaths: MLFLOW_API_PATHS },
      { app: 'grafana', backend: GRAFANA },
    ],
    ...props,
  });
  return { stack, fd, json: synth(stack) };
}

const ingress = (json: any, name: string) => resourceAt(json, 'kubernetes_ingress_v1', `front-door/ingress-${name}`);

/** Annotations every front-door Ingress has (listeners, rule order, health check). */
const common = (order: number, healthPath: string) => ({
  'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
  'alb.ingress.kubernetes.io/group.order': String(order),
  'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
  'alb.ingress.kubernetes.io/healthcheck-path': healthPath,
  'alb.ingress.kubernetes.io/success-codes': '200',
});

describe('FrontDoor', () => {
  const prod = frontDoor();

  test('one IngressClassParams holds the ALB: group, internal, certificate, TLS policy, HTTPS redirect, IP targets, attributes, namespaces', () => {
    expect(resourceAt(prod.json, 'kubernetes_manifest', 'front-door/ingress-class-params').manifest).toEqual({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'IngressClassParams',
      metadata: { name: 'test-dev' },
      spec: {
        group: { name: 'test-dev' },
        scheme: 'internal',
        certificateArn: [CERT_ARN],
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
        sslRedirectPort: '443',
        targetType: 'ip',
        loadBalancerAttributes: [
          { key: 'deletion_protection.enabled', value: 'true' },
          { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
          { key: 'access_logs.s3.enabled', value: 'true' },
          { key: 'access_logs.s3.bucket', value: 'test-dev-access-logs-0001' },
          { key: 'access_logs.s3.prefix', value: 'alb' },
        ],
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['mlflow', 'monitoring'] }] },
      },
    });
    const ingressClass = Object.values(resources(prod.json, 'kubernetes_ingress_class_v1'))[0];
    expect([ingressClass.metadata, ingressClass.spec]).toEqual([
      { name: 'test-dev' },
      { controller: 'ingress.k8s.aws/alb', parameters: [{ api_group: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'test-dev', scope: 'Cluster' }] },
    ]);
  });

  test('Cognito single sign-on on every UI rule; MLflow\'s /api/ before it without the login (its basic-auth answers SDK calls)', () => {
    const cognito = {
      'alb.ingress.kubernetes.io/auth-scope': 'openid email',
      'alb.ingress.kubernetes.io/auth-session-timeout': '43200',
      'alb.ingress.kubernetes.io/auth-on-unauthenticated-request': 'authenticate',
      'alb.ingress.kubernetes.io/auth-type': 'cognito',
      'alb.ingress.kubernetes.io/auth-idp-cognito':
        '{"userPoolARN":"arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI","userPoolClientID":"1example23456789","userPoolDomain":"acme-ml"}',
    };
    const ui = ingress(prod.json, 'mlflow');
    expect(ui.metadata).toEqual({
      name: 'frontdoor-mlflow',
      namespace: 'mlflow',
      annotations: { ...common(20, '/health'), ...cognito },
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-mlops', 'mlops.cdktf.io/front-door': 'test-dev' },
    });
    const backend = { service: { name: 'mlflow', port: { number: 80 } } };
    expect([ui.spec, ui.wait_for_load_balancer]).toEqual([
      { ingress_class_name: 'test-dev', rule: [{ host: 'mlflow.ml.acme.io', http: { path: [{ path: '/', path_type: 'Prefix', backend }] } }] },
      true,
    ]);
    const api = ingress(prod.json, 'mlflow-api');
    expect([api.metadata.name, api.metadata.annotations, api.spec.rule]).toEqual([
      'frontdoor-mlflow-api',
      { ...common(10, '/health'), 'alb.ingress.kubernetes.io/auth-type': 'none' },
      [{ host: 'mlflow.ml.acme.io', http: { path: [{ path: '/api/', path_type: 'Prefix', backend }] } }],
    ]);
    expect(ingress(prod.json, 'grafana').metadata.annotations).toEqual({ ...common(20, '/api/health'), ...cognito });
    expect(Object.keys(resources(prod.json, 'kubernetes_ingress_v1'))).toHaveLength(3);
    expect(prod.fd.urls).toEqual({ mlflow: 'https://mlflow.ml.acme.io/', grafana: 'https://grafana.ml.acme.io/' });
  });

  test('OIDC: the client synced per namespace from Secrets Manager (keys clientID/clientSecret), readable by the controller only', () => {
    const { json, fd } = frontDoor({ cloud: literalCloud(OIDC), store: STORE });
    expect(JSON.parse(ingress(json, 'grafana').metadata.annotations['alb.ingress.kubernetes.io/auth-idp-oidc'])).toEqual({
      issuer: 'https://acme.okta.com',
      authorizationEndpoint: 'https://acme.okta.com/oauth2/v1/authorize',
      tokenEndpoint: 'https://acme.okta.com/oauth2/v1/token',
      userInfoEndpoint: 'https://acme.okta.com/oauth2/v1/userinfo',
      secretName: 'frontdoor-oidc-client',
    });
    expect(ingress(json, 'grafana').metadata.annotations['alb.ingress.kubernetes.io/auth-type']).toBe('oidc');
    expect(Object.keys(fd.oidcSecrets)).toEqual(['mlflow', 'monitoring']);
    const external = resourceAt(json, 'kubernetes_manifest', 'front-door/oidc-monitoring/secret/external-secret').manifest;
    expect([external.metadata, external.spec.target.name, external.spec.data]).toEqual([
      expect.objectContaining({ name: 'frontdoor-oidc-client', namespace: 'monitoring' }),
      'frontdoor-oidc-client',
      [
        { secretKey: 'clientID', remoteRef: { key: OIDC_SECRET_ARN, property: 'client-id', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } },
        { secretKey: 'clientSecret', remoteRef: { key: OIDC_SECRET_ARN, property: 'client-secret', conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } },
      ],
    ]);
    const role = resourceAt(json, 'kubernetes_role_v1', 'front-door/oidc-monitoring/role');
    expect([role.metadata, role.rule]).toEqual([
      { name: 'frontdoor-oidc-client-reader', namespace: 'monitoring' },
      [{ api_groups: [''], resources: ['secrets'], resource_names: ['frontdoor-oidc-client'], verbs: ['get', 'list', 'watch'] }],
    ]);
    expect(resourceAt(json, 'kubernetes_role_binding_v1', 'front-door/oidc-monitoring/role-binding').subject).toEqual([
      { kind: 'ServiceAccount', name: 'aws-load-balancer-controller', namespace: 'kube-system' },
    ]);
    expect(JSON.stringify(json)).not.toMatch(/"clientSecret":\s*"[^$]/);
  });

  test('prod deletion protection is a guard allowComputeDeletion lifts (the controller refuses to delete the Ingresses of a protected ALB)', () => {
    const { stack } = frontDoor();
    allowComputeDeletion(stack, 'teardown of the test environment, the ALB goes with it');
    const attributes = resourceAt(synth(stack), 'kubernetes_manifest', 'front-door/ingress-class-params').manifest.spec.loadBalancerAttributes;
    expect(attributes.slice(0, 2)).toEqual([
      { key: 'deletion_protection.enabled', value: 'false' },
      { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
    ]);
    expect(attributes).toHaveLength(5);
  });

  test('dev, internet-facing with an allow-list and WAF: no deletion protection, inbound CIDRs, the web ACL', () => {
    const waf = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/front-door/a1b2c3d4-1111-2222-3333-444455556666';
    const { json } = frontDoor({ preset: 'dev', scheme: 'internet-facing', allowedCidrs: ['198.18.0.0/24'], wafAclArn: waf, groupName: 'platform' });
    const spec = resourceAt(json, 'kubernetes_manifest', 'front-door/ingress-class-params').manifest.spec;
    expect([spec.group, spec.scheme, spec.inboundCIDRs, spec.wafv2AclArn, spec.loadBalancerAttributes[0]]).toEqual([
      { name: 'platform' },
      'internet-facing',
      ['198.18.0.0/24'],
      waf,
      { key: 'deletion_protection.enabled', value: 'false' },
    ]);
  });

  test('without single sign-on: no login annotations, no API Ingress, and a warning naming the open apps', () => {
    const { json, stack } = frontDoor({ cloud: literalCloud(undefined) });
    expect(ingress(json, 'mlflow').metadata.annotations).toEqual({ ...common(20, '/health'), 'alb.ingress.kubernetes.io/auth-type': 'none' });
    expect(resourceList(json, 'kubernetes_ingress_v1')).toHaveLength(2);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn' || m.type === 'aws:cdk:warning').map((m) => String(m.data)));
    expect(warnings).toContain(
      "test-workloads/front-door: mlflow, grafana are reachable through the load balancer without single sign-on; only the app's own login protects them (give FrontDoorCloud an sso to put a login in front)",
    );
  });

  test('bad props name the prop', () => {
    const fail = (props: Partial<FrontDoorProps>) => () => frontDoor(props);
    expect(fail({ scheme: 'internet-facing' })).toThrow(
      'test-workloads/front-door: allowedCidrs = (missing) is empty for an internet-facing load balancer; list the CIDRs of your users (office, VPN) or keep scheme "internal"',
    );
    expect(fail({ scheme: 'internet-facing', allowedCidrs: ['0.0.0.0/0'] })).toThrow(
      'test-workloads/front-door: allowedCidrs[0] = "0.0.0.0/0" opens the load balancer to every address; list the CIDRs of your users (office, VPN)',
    );
    expect(fail({ routes: [{ app: 'kibana', backend: MLFLOW }] })).toThrow(
      'test-workloads/front-door: routes[0].app = "kibana" is not an app of the FrontDoorCloud (evidently, grafana, mlflow); add it to FrontDoorCloud.apps (its host and sign-in callback are registered there)',
    );
    expect(fail({ routes: [{ app: 'mlflow', backend: MLFLOW }, { app: 'mlflow', backend: GRAFANA }] })).toThrow('test-workloads/front-door: routes = "mlflow" routes the same app twice; give each app one route');
    expect(fail({ cloud: literalCloud(undefined), routes: [{ app: 'mlflow', backend: MLFLOW, auth: 'sso' }] })).toThrow(
      'test-workloads/front-door: routes[0].auth = "sso" needs single sign-on, and the FrontDoorCloud has none; configure FrontDoorCloud.sso or route it with auth "none"',
    );
    expect(fail({ cloud: literalCloud(undefined, ['argo']), routes: [{ app: 'argo', backend: { namespace: 'argo', serviceName: 'argo-workflows-server', port: 2746, authModes: ['server'] } }] })).toThrow(
      'test-workloads/front-door: routes[0].backend.authModes = ["server"] includes "server" (every caller acts as the Argo server\'s service account) without single sign-on in front; route it with auth "sso" or use auth mode "client"',
    );
    expect(fail({ routes: [{ app: 'mlflow', backend: MLFLOW, apiPaths: ['/'] }] })).toThrow(
      'test-workloads/front-door: routes[0].apiPaths[0] = "/" is "/", the whole app; use auth: "none" to route it all without the login',
    );
    expect(fail({ cloud: literalCloud(OIDC) })).toThrow(
      'test-workloads/front-door: store = (missing) is required with OIDC single sign-on (the client secret is synced per namespace); pass the SecretStore',
    );
    expect(fail({ sslPolicy: 'ELBSecurityPolicy-2016-08' })).toThrow(
      'test-workloads/front-door: sslPolicy = "ELBSecurityPolicy-2016-08" is not a TLS 1.3 ELB security policy; use e.g. "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"',
    );
    expect(() => new FrontDoor(platformStack(), 'fd', { cloud: literalCloud(), controller: CONTROLLER, routes: [{ app: 'mlflow', backend: MLFLOW }] })).toThrow('FrontDoor belongs in the workloads layer');
  });
});
