import { App, TerraformStack, Testing } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { EksCluster as AwsEksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { ClusterRef } from '../../src/cluster/cluster-ref';
import { EksCluster } from '../../src/cluster/eks-cluster';
import { Network } from '../../src/cluster/network';
import { checkDeployability, enableDeployabilityCheck, referencedAddresses } from '../../src/core/layers/deployability-check';
import { CloudStack, PlatformStack } from '../../src/core/layers/mlops-stack';
import { StackSet } from '../../src/core/layers/stack-set';
import { fakeClusterRef, platformStack, synth, TEST_ENV, workloadsStack } from '../helpers/synth';

const NODEPOOL = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'gpu' }, spec: {} };

describe('deployability check', () => {
  test('a kubernetes provider configured from a cluster created in the same stack fails synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'mixed');
    enableDeployabilityCheck(stack);
    const eks = new AwsEksCluster(stack, 'eks', { name: 'c', roleArn: 'arn:aws:iam::123456789012:role/r', vpcConfig: { subnetIds: ['subnet-1'] } });
    new KubernetesProvider(stack, 'k8s', { host: eks.endpoint });
    expect(checkDeployability(stack)).toEqual([
      'mixed: provider "kubernetes" (mixed/k8s) is configured from aws_eks_cluster.eks, created in this same stack. ' +
        'A kubernetes/helm provider cannot be configured reliably from a cluster created in the same apply: create the cluster in the cloud layer ' +
        '(CloudStack) and configure the provider in the platform or workloads layer (PlatformStack/WorkloadsStack) from a ClusterRef.',
    ]);
    expect(() => synth(stack)).toThrow('is configured from aws_eks_cluster.eks, created in this same stack');
  });

  test('a custom resource in the same stack as the chart that installs its CRD fails synth', () => {
    const stack = platformStack();
    new Release(stack, 'karpenter-crd', { name: 'karpenter-crd', chart: 'karpenter-crd', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' });
    new Manifest(stack, 'nodepool', { manifest: NODEPOOL });
    expect(checkDeployability(stack)).toEqual([
      'test-platform: kubernetes_manifest.nodepool (NodePool karpenter.sh/v1 "gpu") is in the same stack as helm_release.karpenter-crd (chart karpenter-crd), which installs its CRD. ' +
        'Terraform cannot plan a custom resource before its CRD exists: move the custom resource to the workloads layer (WorkloadsStack) ' +
        'and keep the chart in the platform layer (PlatformStack).',
    ]);
    expect(() => synth(stack)).toThrow('which installs its CRD');
  });

  test('a CRD manifest in the same stack as its custom resources fails too', () => {
    const stack = workloadsStack();
    new Manifest(stack, 'crd', {
      manifest: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'nodepools.karpenter.sh' }, spec: { group: 'karpenter.sh' } },
    });
    new Manifest(stack, 'nodepool', { manifest: NODEPOOL });
    expect(checkDeployability(stack)).toEqual([expect.stringContaining('is in the same stack as kubernetes_manifest.crd (CRD nodepools.karpenter.sh), which installs its CRD')]);
  });

  test('custom resources in the workloads layer with the chart in the platform layer pass', () => {
    const app = Testing.app();
    const platform = platformStack(app);
    const workloads = workloadsStack(app);
    new Release(platform, 'karpenter-crd', { name: 'karpenter-crd', chart: 'karpenter-crd', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' });
    new Manifest(workloads, 'nodepool', { manifest: NODEPOOL });
    expect(checkDeployability(platform)).toEqual([]);
    expect(checkDeployability(workloads)).toEqual([]);
  });

  test('referencedAddresses finds resources, not data sources or variables', () => {
    expect(referencedAddresses('${aws_eks_cluster.a.endpoint} ${data.aws_eks_cluster.b.endpoint} ${var.x} ${base64decode(aws_eks_cluster.c.certificate_authority[0].data)}')).toEqual([
      'aws_eks_cluster.a',
      'aws_eks_cluster.c',
    ]);
  });
});

describe('StackSet', () => {
  function build(app: App = Testing.app()) {
    const set = new StackSet(app, { ...TEST_ENV, name: 'ml' });
    const network = new Network(set.data, 'network', { name: 'ml', clusterName: 'ml', preset: 'dev' });
    const cluster = new EksCluster(set.cloud, 'cluster', { name: 'ml', network, preset: 'dev' });
    set.connect(ClusterRef.fromEksCluster(cluster));
    return set;
  }

  test('names stacks by environment and orders them data → cloud → platform → workloads', () => {
    const set = build();
    expect(set.stackNames).toEqual(['ml-dev-data', 'ml-dev-cloud', 'ml-dev-platform', 'ml-dev-workloads']);
    expect([set.data.layer, set.cloud.layer, set.platform.layer, set.workloads.layer]).toEqual(['data', 'cloud', 'platform', 'workloads']);
    expect(set.data.dependencies).toEqual([]);
    expect(set.cloud.dependencies).toEqual([set.data]);
    expect(set.cloud.dataStack).toBe(set.data);
    expect(set.platform.dependencies).toContain(set.cloud);
    expect(set.workloads.dependencies).toContain(set.platform);
    expect(set.computeStackNames).toEqual(['ml-dev-workloads', 'ml-dev-platform', 'ml-dev-cloud']);
  });

  test('the platform providers are configured from the cloud stack through remote state, with exec auth', () => {
    const set = build();
    set.cloud.prepareStack();
    set.platform.prepareStack();
    const json = synth(set.platform);
    const k8s = json.provider!.kubernetes[0];
    expect(k8s.host).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-ml-dev-cloud\.outputs\.cross-stack-output-aws_eks_clustercluster_[A-F0-9]+endpoint\}$/);
    expect(k8s.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\.cross-stack-reference-input-ml-dev-cloud\.outputs\./);
    expect(k8s.exec).toEqual([
      { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'ml', '--region', 'us-east-1', '--output', 'json'] },
    ]);
    expect(k8s.token).toBeUndefined();
    expect(json.provider!.helm[0].kubernetes.exec.command).toBe('aws');
    expect(json.provider!.aws[0].default_tags).toEqual([
      { tags: { 'mlops:environment': 'dev', 'mlops:managed-by': 'cdktf-mlops', 'mlops:project': 'test', 'mlops:stack': 'ml-dev-platform' } },
    ]);
  });

  test('local state paths are relative, so synth output does not depend on the checkout path', () => {
    const set = build();
    expect(synth(set.cloud).terraform!.backend).toEqual({ local: { path: '../../../terraform.ml-dev-cloud.tfstate' } });
  });

  test('S3 backend with native locking and encryption', () => {
    const app = Testing.app();
    const stack = new CloudStack(app, 'ml-prod-cloud', { ...TEST_ENV, environment: 'prod', backend: { type: 's3', bucket: 'acme-tf-state' } });
    expect(synth(stack).terraform!.backend).toEqual({
      s3: { bucket: 'acme-tf-state', key: 'cdktf-mlops/ml-prod-cloud.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });

  test('using the platform stack before connect() is an error that says what to do', () => {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, name: 'ml' });
    expect(() => set.platform).toThrow('ml-dev: call StackSet.connect(cluster) before using the platform stack');
  });

  test('connect() with something that is not a cluster ref, or a bad set name, is a ValidationError', () => {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, name: 'ml' });
    expect(() => set.connect({ clusterName: 'ml', region: 'us-east-1' } as any)).toThrow(
      'ml-dev-platform: cluster = {"clusterName":"ml","region":"us-east-1"} is not a cluster reference; pass a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)',
    );
    expect(() => new StackSet(Testing.app(), { ...TEST_ENV, name: 'ML' })).toThrow('ML-dev: name = "ML" must be lowercase letters, digits and "-", starting with a letter, at most 31 characters; it goes into resource names');
  });

  test('bad environment settings fail with the field named', () => {
    expect(() => new StackSet(Testing.app(), { ...TEST_ENV, region: 'us-east' })).toThrow('test-dev-data: region = "us-east" is not an AWS region; use e.g. "us-east-1"');
    expect(() => new StackSet(Testing.app(), { ...TEST_ENV, environment: 'Prod' })).toThrow('test-Prod: environment = "Prod" must be lowercase letters');
  });
});

describe('ClusterRef.fromName', () => {
  test('each stack that binds it reads the cluster with its own data sources', () => {
    const app = Testing.app();
    const ref = ClusterRef.fromName({ clusterName: 'existing', region: 'eu-west-1' });
    const platform = platformStack(app);
    const a = ref.bind(platform);
    expect(ref.bind(platform)).toBe(a);
    const json = synth(platform);
    expect(Object.values(json.data!.aws_eks_cluster)).toEqual([expect.objectContaining({ name: 'existing' })]);
    expect(Object.values(json.data!.aws_subnets)[0].filter).toEqual([
      { name: 'vpc-id', values: [expect.stringMatching(/^\$\{data\.aws_eks_cluster\..+\.vpc_config\[0\]\.vpc_id\}$/)] },
      { name: 'tag:kubernetes.io/role/internal-elb', values: ['1'] },
    ]);
  });

  test('given subnets and security group are used instead of lookups', () => {
    const ref = ClusterRef.fromName({ clusterName: 'existing', region: 'eu-west-1', privateSubnetIds: ['subnet-0abc'], nodeSecurityGroupId: 'sg-0abc' });
    const stack = workloadsStack();
    const attrs = ref.bind(stack);
    expect(attrs.privateSubnetIds).toEqual(['subnet-0abc']);
    expect(attrs.nodeSecurityGroupId).toBe('sg-0abc');
    expect(synth(stack).data!.aws_subnets).toBeUndefined();
  });

  test('bad names fail with the prop named, when the ref is made', () => {
    expect(() => ClusterRef.fromName({ clusterName: 'existing', region: 'eu-west-1', privateSubnetIds: ['sn-1'] })).toThrow(
      'ClusterRef.fromName: privateSubnetIds[0] = "sn-1" is not a subnet id; use subnet-…',
    );
    expect(() => ClusterRef.fromName({ clusterName: 'existing', regoin: 'eu-west-1' } as any)).toThrow(
      'ClusterRef.fromName: region = (missing) is required; pass a string\nClusterRef.fromName: regoin = "eu-west-1" is not a known prop; did you mean "region"?',
    );
    expect(() => ClusterRef.fromEksCluster({ clusterName: 'x' } as any)).toThrow(
      'ClusterRef.fromEksCluster: cluster = {"clusterName":"x"} is not an EksCluster; pass the EksCluster of the cloud stack, or use ClusterRef.fromName for an existing cluster',
    );
  });

  test('a cluster of another region than the stack fails when a stack binds it', () => {
    const ref = ClusterRef.fromName({ clusterName: 'existing', region: 'eu-west-1' });
    const app = Testing.app();
    expect(() => new PlatformStack(app, 'p', { ...TEST_ENV, cluster: ref })).toThrow(
      'p: cluster = "eu-west-1" is the region of cluster "existing", but stack "p" deploys to us-east-1; create the stack in eu-west-1 (its region prop), or use the cluster of us-east-1',
    );
    expect(() => new PlatformStack(app, 'q', { ...TEST_ENV } as any)).toThrow('q: cluster = (missing) is required; pass a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)');
  });

  test('the fake cluster ref used by tests binds without resources', () => {
    expect(fakeClusterRef.bind(platformStack()).clusterName).toBe('test-cluster');
  });
});
