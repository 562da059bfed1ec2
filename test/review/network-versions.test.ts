/**
 * Network exposure in any manifest or Helm values (LoadBalancer Services configured through custom
 * resources, internet-facing scheme annotations) and version dangers: EC2NodeClass AMI aliases and
 * images that become unpinned.
 */
import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { App } from 'cdktf';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan } from '../../src/review/review';
import { platformStack, workloadsStack } from '../helpers/synth';
import { section, synthPair, Variant } from './fixtures';

function review(build: (app: App, v: Variant) => void): string {
  const { base, head } = synthPair(build);
  return renderReviewMarkdown(reviewPlan(base, head));
}

const SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';

test('LoadBalancers configured through EnvoyProxy, KnativeServing and Ingress annotations are exposure', () => {
  const md = review((app, v) => {
    const open = v === 'head';
    const s = workloadsStack(app);
    new Manifest(s, 'envoy-proxy', {
      manifest: {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'EnvoyProxy',
        metadata: { name: 'proxy', namespace: 'envoy-gateway-system' },
        spec: { provider: { type: 'Kubernetes', kubernetes: { envoyService: open ? { type: 'LoadBalancer', annotations: { [SCHEME]: 'internet-facing' } } : { type: 'ClusterIP' } } } },
      },
    });
    new Manifest(s, 'knative', {
      manifest: {
        apiVersion: 'operator.knative.dev/v1beta1',
        kind: 'KnativeServing',
        metadata: { name: 'knative-serving', namespace: 'knative-serving' },
        spec: { ingress: { kourier: { enabled: true, 'service-type': open ? 'LoadBalancer' : 'ClusterIP' } } },
      },
    });
    new Manifest(s, 'ingress', {
      manifest: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'default', annotations: { 'alb.ingress.kubernetes.io/scheme': open ? 'internet-facing' : 'internal' } },
        spec: { ingressClassName: 'alb' },
      },
    });
    new Release(platformStack(app), 'gateway', {
      name: 'gateway',
      namespace: 'gateway',
      repository: 'oci://docker.io/envoyproxy',
      chart: 'gateway-helm',
      version: '1.5.0',
      values: [`service:\n  annotations:\n    ${SCHEME}: ${open ? 'internet-facing' : 'internal'}\n`],
    });
  });
  expect(section(md, '#### Network exposure opened')).toEqual([
    '#### Network exposure opened',
    '- `test-platform` `helm_release.gateway`: opens Helm values annotation `service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing` at `values[0].service.annotations`',
    '- `test-workloads` `kubernetes_manifest.envoy-proxy`: opens EnvoyProxy `spec.provider.kubernetes.envoyService.type: LoadBalancer` (internet-facing)',
    '- `test-workloads` `kubernetes_manifest.ingress`: opens Ingress annotation `alb.ingress.kubernetes.io/scheme: internet-facing` at `metadata.annotations`',
    '- `test-workloads` `kubernetes_manifest.knative`: opens KnativeServing `spec.ingress.kourier.service-type: LoadBalancer`',
  ]);
});

test('an EC2NodeClass AMI alias change rolls the pools that use it', () => {
  const md = review((app, v) => {
    const s = workloadsStack(app);
    new Manifest(s, 'gpu-class', {
      manifest: {
        apiVersion: 'karpenter.k8s.aws/v1',
        kind: 'EC2NodeClass',
        metadata: { name: 'gpu-inference' },
        spec: { role: 'node-role', amiSelectorTerms: [{ alias: v === 'base' ? 'al2023@v20251108' : 'al2023@v20251201' }] },
      },
    });
    new Manifest(s, 'gpu-pool', {
      manifest: {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: 'gpu-inference' },
        spec: { template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu-inference' }, requirements: [] } } },
      },
    });
  });
  expect(section(md, '#### Chart or image version changed')).toEqual([
    '#### Chart or image version changed',
    '- `test-workloads` `kubernetes_manifest.gpu-class`: EC2NodeClass `gpu-inference` AMI `spec.amiSelectorTerms[0].alias` `al2023@v20251108` → `al2023@v20251201`: Karpenter replaces every node of NodePool `gpu-inference` (drift)',
  ]);
});

test('images moving to :latest or to no tag are flagged unpinned', () => {
  const md = review((app, v) => {
    const base = v === 'base';
    new Manifest(workloadsStack(app), 'app', {
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'app', namespace: 'default' },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'a', image: base ? 'ghcr.io/org/a:1.2.3' : 'ghcr.io/org/a:latest' },
                { name: 'b', image: base ? 'registry:5000/org/b:1.0' : 'registry:5000/org/b' },
                { name: 'c', image: base ? 'c:1.0' : 'c@sha256:0123456789abcdef' },
              ],
            },
          },
        },
      },
    });
    new Release(platformStack(app), 'tool', {
      name: 'tool',
      namespace: 'tool',
      repository: 'https://charts.example.com',
      chart: 'tool',
      version: '1.0.0',
      values: [`image:\n  tag: ${base ? 'v1.0.0' : 'latest'}\n`],
    });
  });
  expect(section(md, '#### Chart or image version changed')).toEqual([
    '#### Chart or image version changed',
    '- `test-platform` `helm_release.tool`: image `values[0].image.tag` `v1.0.0` → `latest` — unpinned (`latest`)',
    '- `test-workloads` `kubernetes_manifest.app`: image `manifest.spec.template.spec.containers[0].image` `ghcr.io/org/a:1.2.3` → `ghcr.io/org/a:latest` — unpinned (`latest`)',
    '- `test-workloads` `kubernetes_manifest.app`: image `manifest.spec.template.spec.containers[1].image` `registry:5000/org/b:1.0` → `registry:5000/org/b` — unpinned (no tag or digest)',
    '- `test-workloads` `kubernetes_manifest.app`: image `manifest.spec.template.spec.containers[2].image` `c:1.0` → `c@sha256:0123456789abcdef`',
  ]);
});
