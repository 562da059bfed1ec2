import { parse } from 'yaml';
import { EnvoyGateway } from '../../src/serving/envoy-gateway';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { onlyResource, platformStack, resourceAt, synth, workloadsStack } from '../helpers/synth';

describe('EnvoyGateway', () => {
  test('installs the pinned chart on system nodes', () => {
    const stack = platformStack();
    new EnvoyGateway(stack, 'envoy-gateway');
    const release = onlyResource(synth(stack), 'helm_release');
    expect([release.chart, release.repository, release.version, release.namespace, release.create_namespace]).toEqual([
      'gateway-helm',
      'oci://docker.io/envoyproxy',
      'v1.9.0',
      'envoy-gateway-system',
      true,
    ]);
    expect(parse(release.values[0])).toEqual({
      deployment: {
        envoyGateway: { resources: { limits: { cpu: '1', memory: '1024Mi' }, requests: { cpu: '100m', memory: '256Mi' } } },
        pod: { nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' } },
        replicas: 2,
      },
      podDisruptionBudget: { minAvailable: 1 },
    });
  });
});

describe('ServingGateway', () => {
  test('cluster-internal by default: ClusterIP proxy, HTTP listener for the listed namespaces', () => {
    const stack = workloadsStack();
    const gw = new ServingGateway(stack, 'gateway', { routeNamespaces: ['models'] });
    expect(gw.url).toBe('http://serving-gateway.envoy-gateway-system.svc.cluster.local');
    const json = synth(stack);
    expect(resourceAt(json, 'kubernetes_manifest', 'gateway/envoy-proxy').manifest.spec.provider.kubernetes.envoyService).toEqual({ name: 'serving-gateway', type: 'ClusterIP' });
    expect(resourceAt(json, 'kubernetes_manifest', 'gateway/gateway-class').manifest).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'serving' },
      spec: {
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'serving', namespace: 'envoy-gateway-system' },
      },
    });
    expect(resourceAt(json, 'kubernetes_manifest', 'gateway/gateway').manifest).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'serving', namespace: 'envoy-gateway-system' },
      spec: {
        gatewayClassName: 'serving',
        listeners: [
          {
            name: 'http',
            hostname: '*.serving.internal',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: {
              kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
              namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['models'] }] } },
            },
          },
        ],
      },
    });
    expect(gw.hostnameFor('churn', 'models')).toBe('churn.models.serving.internal');
  });

  test('internal load balancer with TLS: internal NLB class and an HTTPS listener', () => {
    const stack = workloadsStack();
    const gw = new ServingGateway(stack, 'gateway', { routeNamespaces: ['models'], exposure: 'internal-load-balancer', tls: { certificateSecretName: 'serving-tls' }, domain: 'ml.acme.internal' });
    expect(gw.url).toBe('https://serving-gateway.envoy-gateway-system.svc.cluster.local');
    const json = synth(stack);
    expect(resourceAt(json, 'kubernetes_manifest', 'gateway/envoy-proxy').manifest.spec.provider.kubernetes.envoyService).toEqual({
      name: 'serving-gateway',
      type: 'LoadBalancer',
      loadBalancerClass: 'service.k8s.aws/nlb',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' },
    });
    const listener = resourceAt(json, 'kubernetes_manifest', 'gateway/gateway').manifest.spec.listeners[0];
    expect([listener.name, listener.port, listener.protocol, listener.hostname, listener.tls]).toEqual([
      'https',
      443,
      'HTTPS',
      '*.ml.acme.internal',
      { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'serving-tls' }] },
    ]);
  });

  test('load balancer with TLS at the NLB (front door): LBC v3.5.0 Service annotations, source ranges, plain HTTP behind it on 443', () => {
    const stack = workloadsStack();
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000';
    const gw = new ServingGateway(stack, 'gateway', {
      routeNamespaces: ['models', 'llm'],
      exposure: 'load-balancer',
      domain: 'serving.ml.acme.io',
      loadBalancer: { certificateArn, scheme: 'internet-facing', sourceRanges: ['198.18.0.0/24'], externalDns: true },
    });
    const json = synth(stack);
    expect(resourceAt(json, 'kubernetes_manifest', 'gateway/envoy-proxy').manifest.spec.provider.kubernetes.envoyService).toEqual({
      name: 'serving-gateway',
      type: 'LoadBalancer',
      loadBalancerClass: 'service.k8s.aws/nlb',
      loadBalancerSourceRanges: ['198.18.0.0/24'],
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': certificateArn,
        'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': '443',
        'service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy': 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
        'external-dns.alpha.kubernetes.io/hostname': '*.llm.serving.ml.acme.io,*.models.serving.ml.acme.io',
      },
    });
    const listener = resourceAt(json, 'kubernetes_manifest', 'gateway/gateway').manifest.spec.listeners[0];
    expect([listener.name, listener.port, listener.protocol, listener.tls]).toEqual(['https', 443, 'HTTP', undefined]);
    expect([gw.https, gw.urlFor('churn', 'models')]).toEqual([true, 'https://churn.models.serving.ml.acme.io']);
  });

  test('load balancer validation', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000';
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: ['models'], exposure: 'load-balancer' })).toThrow(
      'test-workloads/gateway: loadBalancer = (missing) is required with exposure "load-balancer"; pass { certificateArn } (TLS ends at the NLB)',
    );
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: ['models'], loadBalancer: { certificateArn } })).toThrow(
      `test-workloads/gateway: loadBalancer = "${certificateArn}" applies to exposure "load-balancer" only (this gateway's exposure is "cluster"); set exposure: "load-balancer" or drop loadBalancer`,
    );
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: ['models'], exposure: 'load-balancer', loadBalancer: { certificateArn, scheme: 'internet-facing' } })).toThrow(
      'test-workloads/gateway: loadBalancer.sourceRanges = (missing) is empty for an internet-facing NLB; list the CIDRs of your clients or keep scheme "internal"',
    );
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: ['models'], exposure: 'load-balancer', loadBalancer: { certificateArn, sourceRanges: ['0.0.0.0/0'] } })).toThrow(
      'test-workloads/gateway: loadBalancer.sourceRanges[0] = "0.0.0.0/0" opens the NLB to every address; list the CIDRs of your clients',
    );
  });

  test('validation', () => {
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: [] })).toThrow(
      'test-workloads/gateway: routeNamespaces = [] is empty; list the namespaces of the InferenceServices that use the gateway',
    );
    expect(() => new ServingGateway(workloadsStack(), 'gateway', { routeNamespaces: ['models'], exposure: 'public' as any })).toThrow(
      'test-workloads/gateway: exposure = "public" must be "cluster", "internal-load-balancer" or "load-balancer"',
    );
    expect(() => new ServingGateway(platformStack(), 'gateway', { routeNamespaces: ['models'] })).toThrow('ServingGateway belongs in the workloads layer');
  });
});
