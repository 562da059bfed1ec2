/**
 * Namespace ordering (src/core/layers/namespace-ordering.ts): namespaced objects that name their
 * namespace as a string are ordered after the namespace the same stack creates.
 */
import { TerraformStack, Testing } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { enableNamespaceOrdering, orderAfterNamespaces } from '../../src/core/layers/namespace-ordering';
import { platformStack, resources, synth, workloadsStack } from '../helpers/synth';

const dependsOn = (json: ReturnType<typeof synth>, type: string, id: string): string[] | undefined => resources(json, type)[id]?.depends_on;

describe('namespace ordering', () => {
  // One platform stack with every kind of namespaced object, shared by the tests below.
  const stack = platformStack();
  const ns = new NamespaceV1(stack, 'ns', { metadata: { name: 'apps' } });
  const other = new NamespaceV1(stack, 'other', { metadata: { name: 'other' } });
  new ServiceV1(stack, 'service', { metadata: { name: 'web', namespace: 'apps' }, spec: { port: [{ port: 80 }] } });
  const already = new ServiceV1(stack, 'already', { metadata: { name: 'web2', namespace: 'apps' }, spec: { port: [{ port: 80 }] }, dependsOn: [ns, other] });
  new ServiceV1(stack, 'through-another', { metadata: { name: 'web3', namespace: 'apps' }, spec: { port: [{ port: 80 }] }, dependsOn: [already] });
  new ConfigMapV1(stack, 'by-reference', { metadata: { name: 'cm', namespace: ns.metadata.name } });
  new ConfigMapV1(stack, 'elsewhere', { metadata: { name: 'cm', namespace: 'created-by-another-stack' } });
  new Manifest(stack, 'manifest', { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace: 'other' } } });
  new Release(stack, 'chart', { name: 'chart', chart: 'chart', repository: 'https://charts.example.com', version: '1.0.0', namespace: 'apps' });
  new Release(stack, 'chart-ns', { name: 'tools', chart: 'tools', repository: 'https://charts.example.com', version: '1.0.0', namespace: 'tools', createNamespace: true });
  new ConfigMapV1(stack, 'in-chart-ns', { metadata: { name: 'cm', namespace: 'tools' } });
  const json = synth(stack);

  test('a typed resource, a manifest and a chart that name the namespace as a string depend on it', () => {
    expect(dependsOn(json, 'kubernetes_service_v1', 'service')).toEqual(['kubernetes_namespace_v1.ns']);
    expect(dependsOn(json, 'kubernetes_manifest', 'manifest')).toEqual(['kubernetes_namespace_v1.other']);
    expect(dependsOn(json, 'helm_release', 'chart')).toEqual(['kubernetes_namespace_v1.ns']);
  });

  test('a namespace a chart creates (create_namespace) orders the objects in it too', () => {
    expect(dependsOn(json, 'kubernetes_config_map_v1', 'in-chart-ns')).toEqual(['helm_release.chart-ns']);
    expect(dependsOn(json, 'helm_release', 'chart-ns')).toBeUndefined();
  });

  test('an existing dependency (direct or through depends_on) is kept and not repeated; a reference needs none; a namespace of another stack gets none', () => {
    expect(dependsOn(json, 'kubernetes_service_v1', 'already')).toEqual(['kubernetes_namespace_v1.ns', 'kubernetes_namespace_v1.other']);
    expect(dependsOn(json, 'kubernetes_service_v1', 'through-another')).toEqual(['kubernetes_service_v1.already']);
    expect(dependsOn(json, 'kubernetes_config_map_v1', 'by-reference')).toBeUndefined();
    expect(dependsOn(json, 'kubernetes_config_map_v1', 'elsewhere')).toBeUndefined();
    expect(dependsOn(json, 'kubernetes_namespace_v1', 'ns')).toBeUndefined();
  });

  test('running it again changes nothing (synth is deterministic)', () => {
    expect(orderAfterNamespaces(stack)).toEqual([]);
    expect(synth(stack)).toEqual(json);
  });

  test('the workloads layer orders too; a stack of your own only with enableNamespaceOrdering', () => {
    const workloads = workloadsStack();
    new NamespaceV1(workloads, 'ns', { metadata: { name: 'apps' } });
    new ServiceV1(workloads, 'service', { metadata: { name: 'web', namespace: 'apps' }, spec: { port: [{ port: 80 }] } });
    expect(dependsOn(synth(workloads), 'kubernetes_service_v1', 'service')).toEqual(['kubernetes_namespace_v1.ns']);

    const own = () => {
      const s = new TerraformStack(Testing.app(), 'own');
      new KubernetesProvider(s, 'k8s', {});
      new NamespaceV1(s, 'ns', { metadata: { name: 'apps' } });
      new ServiceV1(s, 'service', { metadata: { name: 'web', namespace: 'apps' }, spec: { port: [{ port: 80 }] } });
      return s;
    };
    expect(dependsOn(synth(own()), 'kubernetes_service_v1', 'service')).toBeUndefined();
    const enabled = own();
    enableNamespaceOrdering(enabled);
    enableNamespaceOrdering(enabled);
    expect(dependsOn(synth(enabled), 'kubernetes_service_v1', 'service')).toEqual(['kubernetes_namespace_v1.ns']);
  });
});
