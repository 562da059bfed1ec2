import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { parse } from 'yaml';
import { Karpenter, KarpenterAws, KarpenterAwsRef } from '../../src/compute/karpenter';
import { cloudStack, platformStack, resourceAt, synth, testApp, workloadsStack } from '../helpers/synth';

const AWS_REF: KarpenterAwsRef = {
  clusterName: 'test-cluster',
  interruptionQueueName: 'test-cluster-karpenter',
  nodeRoleName: 'KarpenterNodeRole-test-cluster',
  namespace: 'kube-system',
  serviceAccount: 'karpenter',
};

function releases(stack = platformStack(), props: Partial<ConstructorParameters<typeof Karpenter>[2]> = {}) {
  const karpenter = new Karpenter(stack, 'karpenter', { aws: AWS_REF, ...props });
  return { karpenter, stack };
}

function valuesOf(stack: ReturnType<typeof platformStack>) {
  const release = resourceAt(synth(stack), 'helm_release', 'karpenter/controller/release');
  return parse(release.values[0]);
}

describe('Karpenter', () => {
  test('karpenter-crd, then karpenter with skipCrds, both pinned', () => {
    const { stack } = releases();
    const json = synth(stack);
    const crd = resourceAt(json, 'helm_release', 'karpenter/crds/release');
    const controller = resourceAt(json, 'helm_release', 'karpenter/controller/release');
    expect([crd.chart, crd.repository, crd.version, crd.namespace, crd.values]).toEqual(['karpenter-crd', 'oci://public.ecr.aws/karpenter', '1.14.1', 'kube-system', undefined]);
    expect([controller.chart, controller.version, controller.namespace, controller.skip_crds]).toEqual(['karpenter', '1.14.1', 'kube-system', true]);
    expect(controller.depends_on).toEqual(['helm_release.karpenter_crds_release_FC8052A6']);
  });

  test('values: cluster, queue, 2 replicas on system nodes, resources, pinned image without the stale digest', () => {
    const { stack } = releases();
    expect(valuesOf(stack)).toEqual({
      settings: { clusterName: 'test-cluster', interruptionQueue: 'test-cluster-karpenter' },
      replicas: 2,
      serviceAccount: { create: true, name: 'karpenter' },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
      controller: {
        image: { repository: 'public.ecr.aws/karpenter/controller', tag: '1.14.1', digest: '' },
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      },
    });
  });

  test('takes the names from KarpenterAws (service account matches the Pod Identity association)', () => {
    const app = testApp();
    const aws = new KarpenterAws(cloudStack(app), 'karpenter', { cluster: { clusterName: 'gpu-cluster' }, namespace: 'karpenter', serviceAccount: 'karpenter-controller' });
    const stack = platformStack(app);
    new Karpenter(stack, 'karpenter', { aws });
    const v = valuesOf(stack);
    expect([v.settings.clusterName, v.settings.interruptionQueue, v.serviceAccount.name]).toEqual(['gpu-cluster', 'gpu-cluster-karpenter', 'karpenter-controller']);
    expect(resourceAt(synth(stack), 'helm_release', 'karpenter/controller/release').namespace).toBe('karpenter');
  });

  test('feature gates only when turned on: prop or method', () => {
    const { karpenter, stack } = releases();
    expect(valuesOf(stack).settings.featureGates).toBeUndefined();
    karpenter.enableFeatureGate('nodeOverlay');
    expect(valuesOf(stack).settings.featureGates).toEqual({ nodeOverlay: true });
    expect(karpenter.values).toEqual(expect.objectContaining({ settings: expect.objectContaining({ featureGates: { nodeOverlay: true } }) }));
    const other = releases(platformStack(), { featureGates: ['spotToSpotConsolidation', 'nodeOverlay'] });
    expect(valuesOf(other.stack).settings.featureGates).toEqual({ nodeOverlay: true, spotToSpotConsolidation: true });
    expect(() => karpenter.enableFeatureGate('bogus' as never)).toThrow('test-platform/karpenter: enableFeatureGate("bogus"): not a feature gate of the pinned chart');
  });

  test('overrides and custom replicas/resources', () => {
    const { stack } = releases(platformStack(), { replicas: 3, resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } }, overrides: { logLevel: 'debug' } });
    const v = valuesOf(stack);
    expect([v.replicas, v.controller.resources, v.logLevel]).toEqual([3, { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } }, 'debug']);
  });

  test('a NodeOverlay for the cluster without the gate fails synth with the fix', () => {
    const app = testApp();
    const stack = platformStack(app);
    const karpenter = new Karpenter(stack, 'karpenter', { aws: AWS_REF });
    new Manifest(workloadsStack(app), 'overlay', {
      manifest: { apiVersion: 'karpenter.sh/v1alpha1', kind: 'NodeOverlay', metadata: { name: 'x' }, spec: { capacity: { 'nvidia.com/mig-1g.10gb': '7' } } },
    });
    expect(() => synth(stack)).toThrow(
      'test-platform/karpenter: the app has NodeOverlay test-workloads/overlay for cluster "test-cluster" but the Karpenter feature gate nodeOverlay is off, ' +
        'so Karpenter ignores it and MIG pods never scale a pool from zero; pass featureGates: ["nodeOverlay"] or call karpenter.enableFeatureGate("nodeOverlay").',
    );
    karpenter.enableFeatureGate('nodeOverlay');
    expect(() => synth(stack)).not.toThrow();
  });

  test('validation and layer', () => {
    expect(() => releases(platformStack(), { replicas: 0 })).toThrow('test-platform/karpenter: replicas = 0 is below 1; run at least one controller (2 for high availability)');
    expect(() => releases(platformStack(), { featureGates: ['nodeOverlays' as never] })).toThrow(
      'test-platform/karpenter: featureGates[0] = "nodeOverlays" is not a feature gate of the pinned chart; use one of nodeRepair, nodeOverlay, reservedCapacity, spotToSpotConsolidation, staticCapacity, capacityBuffer',
    );
    expect(() => new Karpenter(platformStack(), 'k', { aws: { ...AWS_REF, interruptionQueueName: 'bad queue' } })).toThrow(
      'test-platform/k: aws.interruptionQueueName = "bad queue" is not an SQS queue name; pass the name of the interruption queue',
    );
    expect(() => new Karpenter(cloudStack(), 'k', { aws: AWS_REF })).toThrow('test-cloud/k: Karpenter belongs in the platform layer but was created in cloud stack "test-cloud"');
  });
});
