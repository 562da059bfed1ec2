/**
 * The destroy-order part of the deployability check: an object a controller turns into AWS
 * resources (Ingress, LoadBalancer Service, PVC, StatefulSet volume claims, NodePool, EC2NodeClass,
 * Gateway) may not sit in the same stack as that controller, nor in a stack of the same cluster that
 * is not destroyed before the controller's — in library stacks and in stacks of your own.
 */
import { Aspects, Lazy, TerraformStack, Testing } from 'cdktf';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { Release } from '@cdktf/provider-helm/lib/release';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { PersistentVolumeClaimV1 } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { checkDeployability, enableDeployabilityCheck } from '../../src/core/layers/deployability-check';
import { CloudStack, PlatformStack, WorkloadsStack } from '../../src/core/layers/mlops-stack';
import { AWS_CONTROLLERS, awsBackedObject, awsControllerOf } from '../../src/core/layers/reconcilers';
import { fakeClusterRef, platformStack, synth, TEST_ENV, workloadsStack } from '../helpers/synth';

const lbcRelease = (stack: TerraformStack) =>
  new Release(stack, 'lbc', { name: 'aws-load-balancer-controller', chart: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts', version: '1.14.0' });
const ingress = (stack: TerraformStack) =>
  new IngressV1(stack, 'ui', { metadata: { name: 'ui', namespace: 'apps' }, spec: { ingressClassName: 'alb', defaultBackend: { service: { name: 'ui', port: { number: 80 } } } } });
const claim = (stack: TerraformStack) =>
  new PersistentVolumeClaimV1(stack, 'data', { metadata: { name: 'data', namespace: 'apps' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } });

describe('controllers and the objects they turn into AWS resources', () => {
  test('an Ingress in the same stack as the AWS Load Balancer Controller fails synth', () => {
    const stack = platformStack();
    lbcRelease(stack);
    ingress(stack);
    expect(checkDeployability(stack)).toEqual([
      'test-platform: kubernetes_ingress_v1.ui (Ingress ui), from which the AWS Load Balancer Controller (helm_release.lbc) creates a load balancer, its target groups and security groups, ' +
        'is in the same stack as that controller. A destroy could delete the controller first and leave the AWS resources behind (they block deleting the VPC): ' +
        'put the object in a later layer than its controller — controllers in the platform layer (PlatformStack), Ingresses, Services, volume claims and NodePools in the workloads layer (WorkloadsStack).',
    ]);
    expect(() => synth(stack)).toThrow('kubernetes_ingress_v1.ui (Ingress ui)');
  });

  test('a LoadBalancer Service next to the controller fails, a ClusterIP Service does not; in the workloads layer both pass', () => {
    const app = Testing.app();
    const platform = platformStack(app);
    lbcRelease(platform);
    new ServiceV1(platform, 'lb', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', port: [{ port: 443 }] } });
    new ServiceV1(platform, 'internal', { metadata: { name: 'internal' }, spec: { port: [{ port: 80 }] } });
    expect(checkDeployability(platform)).toEqual([expect.stringMatching(/^test-platform: kubernetes_service_v1\.lb \(Service \(LoadBalancer\) lb\), from which the AWS Load Balancer Controller \(helm_release\.lbc\) creates/)]);

    const workloads = workloadsStack(app);
    workloads.addDependency(platform);
    new ServiceV1(workloads, 'lb', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', port: [{ port: 443 }] } });
    ingress(workloads);
    expect(checkDeployability(workloads)).toEqual([]);
  });

  test('a typed Service whose name and type are tokens is read as synthesized', () => {
    const stack = platformStack();
    lbcRelease(stack);
    const lazy = (value: string) => Lazy.stringValue({ produce: () => value });
    new ServiceV1(stack, 'lb', { metadata: { name: lazy('public') }, spec: { type: lazy('LoadBalancer'), port: [{ port: 443 }] } });
    new ServiceV1(stack, 'internal', { metadata: { name: 'internal' }, spec: { type: lazy('ClusterIP'), port: [{ port: 80 }] } });
    const overridden = new ServiceV1(stack, 'overridden', { metadata: { name: 'overridden' }, spec: { port: [{ port: 80 }] } });
    overridden.addOverride('spec', Lazy.anyValue({ produce: () => ({ type: 'LoadBalancer' }) }));
    expect(checkDeployability(stack)).toEqual([
      expect.stringMatching(/^test-platform: kubernetes_service_v1\.lb \(Service \(LoadBalancer\) public\), from which the AWS Load Balancer Controller/),
      expect.stringMatching(/^test-platform: kubernetes_service_v1\.overridden \(Service \(LoadBalancer\) overridden\), from which/),
    ]);
  });

  test('a NodePool in the same stack as the Karpenter controller chart fails (besides the CRD rule)', () => {
    const stack = platformStack();
    new Release(stack, 'karpenter', { name: 'karpenter', chart: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' });
    new Manifest(stack, 'pool', { manifest: { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'gpu' }, spec: {} } });
    expect(checkDeployability(stack).filter((p) => p.includes('from which'))).toEqual([
      expect.stringMatching(/^test-platform: kubernetes_manifest\.pool \(NodePool gpu\), from which the Karpenter \(helm_release\.karpenter\) creates EC2 instances, launch templates and instance profiles, is in the same stack/),
    ]);
  });

  test('a PVC in a stack of its own cluster that does not depend on the EBS CSI driver\'s stack fails; with the dependency it passes', () => {
    const app = Testing.app();
    const cloud = new CloudStack(app, 'c', TEST_ENV);
    new EksAddon(cloud, 'ebs', { clusterName: fakeClusterRef.clusterName, addonName: 'aws-ebs-csi-driver' });
    const platform = new PlatformStack(app, 'p', { ...TEST_ENV, cluster: fakeClusterRef });
    claim(platform);
    expect(checkDeployability(platform)).toEqual([
      'p: kubernetes_persistent_volume_claim_v1.data (PersistentVolumeClaim data), from which the EBS CSI driver (aws_eks_addon.ebs) creates an EBS volume, ' +
        'is in a stack that does not depend on the controller\'s stack "c", so it may be destroyed after the controller and leave the AWS resources behind. ' +
        'Declare it in a later layer than "c" (its stack must depend on that one).',
    ]);
    platform.addDependency(cloud);
    expect(checkDeployability(platform)).toEqual([]);
    // the add-on of another cluster is not this PVC's controller
    const other = new WorkloadsStack(app, 'w', { ...TEST_ENV, cluster: { ...fakeClusterRef, clusterName: 'other', bind: fakeClusterRef.bind } });
    claim(other);
    expect(checkDeployability(other)).toEqual([]);
  });

  test('stacks of your own get the check with enableDeployabilityCheck', () => {
    const stack = new TerraformStack(Testing.app(), 'mine');
    enableDeployabilityCheck(stack);
    new Release(stack, 'ebs-csi', { name: 'aws-ebs-csi-driver', chart: 'https://kubernetes-sigs.github.io/aws-ebs-csi-driver/aws-ebs-csi-driver', version: '2.40.0' });
    new Manifest(stack, 'claim', { manifest: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'scratch' }, spec: {} } });
    expect(() => synth(stack)).toThrow('kubernetes_manifest.claim (PersistentVolumeClaim scratch), from which the EBS CSI driver (helm_release.ebs-csi) creates an EBS volume, is in the same stack');
  });
});

describe('controllers found once per synth', () => {
  const ebsAddon = (stack: TerraformStack) => new EksAddon(stack, 'ebs', { clusterName: fakeClusterRef.clusterName, addonName: 'aws-ebs-csi-driver' });
  const notAfterController = (stack: string, controllerStack: string) =>
    new RegExp(`${stack}: kubernetes_persistent_volume_claim_v1\\.data .* does not depend on the controller's stack "${controllerStack}"`);

  test('each synth and each direct check sees the controllers the app has then', () => {
    const app = Testing.app();
    const cloud = new CloudStack(app, 'c', TEST_ENV);
    const platform = new PlatformStack(app, 'p', { ...TEST_ENV, cluster: fakeClusterRef });
    claim(platform);
    app.synth();
    ebsAddon(cloud);
    // after the synth: the direct check reads the app as it is now
    expect(checkDeployability(platform)).toEqual([expect.stringMatching(notAfterController('p', 'c'))]);
    // a second synth finds the add-on too, in the check of a stack validated after the one that found the controllers first
    expect(() => app.synth()).toThrow(notAfterController('p', 'c'));
  });

  test('library stacks: the app is walked for controllers once per synth, not once per stack', () => {
    const app = Testing.app();
    const cloud = new CloudStack(app, 'c', TEST_ENV);
    ebsAddon(cloud);
    for (const id of ['p1', 'p2', 'p3']) {
      const platform = new PlatformStack(app, id, { ...TEST_ENV, cluster: fakeClusterRef });
      platform.addDependency(cloud);
      claim(platform);
    }
    const walks = jest.spyOn(app.node, 'findAll');
    app.synth();
    // cdktf's App.synth() lists the stacks, the destroy-order check finds the controllers
    expect(walks).toHaveBeenCalledTimes(2);
  });

  test('an app with an aspect that is not the library’s: the controllers it adds are seen by the stacks validated after it ran', () => {
    const app = Testing.app();
    // validated before the aspect runs: it has no controller to find yet
    claim(platformStack(app, 'first'));
    const cloud = new CloudStack(app, 'u', TEST_ENV);
    Aspects.of(cloud).add({ visit: (node) => void (node === cloud && !cloud.node.tryFindChild('ebs') && ebsAddon(cloud)) });
    claim(new PlatformStack(app, 'p', { ...TEST_ENV, cluster: fakeClusterRef }));
    expect(() => app.synth()).toThrow(notAfterController('p', 'u'));
  });
});

describe('reconcilers table', () => {
  test('classifies synthesized objects and controllers', () => {
    const kinds = [
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' } } }),
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { type: 'LoadBalancer' } } }),
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' }, spec: { type: 'ClusterIP' } } }),
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'd' }, spec: { volumeClaimTemplates: [{}] } } }),
      awsBackedObject('kubernetes_stateful_set_v1', { metadata: [{ name: 'e' }], spec: [{ volume_claim_template: [{}] }] }),
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'f' } } }),
      awsBackedObject('kubernetes_manifest', { manifest: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' } } }),
      awsBackedObject('kubernetes_deployment_v1', { metadata: { name: 'h' } }),
    ].map((o) => (o ? `${o.label}: ${o.controllers.join('|')}` : undefined));
    expect(kinds).toEqual([
      'Ingress a: awsLoadBalancerController',
      'Service b (LoadBalancer): awsLoadBalancerController|eksControlPlane',
      undefined,
      'StatefulSet d (volume claims): ebsCsiDriver',
      'StatefulSet (volume claims) e: ebsCsiDriver',
      'EC2NodeClass f: karpenter',
      'Gateway g: envoyGateway',
      undefined,
    ]);
    expect([
      awsControllerOf('helm_release', { chart: 'oci://public.ecr.aws/karpenter/karpenter' }),
      awsControllerOf('helm_release', { chart: 'karpenter-crd' }),
      awsControllerOf('aws_eks_addon', { addon_name: 'aws-ebs-csi-driver' }),
      awsControllerOf('aws_eks_addon', { addon_name: 'coredns' }),
      awsControllerOf('aws_eks_cluster', { name: 'c' }),
    ]).toEqual(['karpenter', undefined, 'ebsCsiDriver', undefined, 'eksControlPlane']);
    expect(AWS_CONTROLLERS.awsLoadBalancerController.charts).toEqual(['aws-load-balancer-controller']);
  });
});
