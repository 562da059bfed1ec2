/**
 * The data layer: `dataScope` puts stateful resources of a cloud-stack construct into the data stack
 * at the same construct path (so the same Terraform address), components split themselves along
 * it, the data stack depends on nothing, and the deployability check refuses a stack that depends
 * on a later layer.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ClusterRef } from '../../src/cluster/cluster-ref';
import { EksCluster } from '../../src/cluster/eks-cluster';
import { Network } from '../../src/cluster/network';
import { customerManagedKey } from '../../src/core/customer-managed-key';
import { dataScope, hasSeparateDataStack } from '../../src/core/layers/data-scope';
import { checkDeployability } from '../../src/core/layers/deployability-check';
import { CloudStack, DataStack, PlatformStack, WorkloadsStack } from '../../src/core/layers/mlops-stack';
import { StackSet } from '../../src/core/layers/stack-set';
import { GeneratedSecret } from '../../src/core/secrets/generated-secret';
import { SecureBucket } from '../../src/core/secure-bucket';
import { MlflowCloud } from '../../src/mlflow/mlflow-cloud';
import { addresses, fakeClusterRef, synth, TEST_ENV } from '../helpers/synth';
import { tempDir } from '../review/fixtures';

/** Every managed resource of a synthesized stack: `type.logicalId` → construct path without the stack. */
function relativeAddresses(json: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [id, r] of Object.entries(byName)) out[`${type}.${id}`] = String(r['//'].metadata.path).split('/').slice(1).join('/');
  }
  return out;
}

/** The stateful building blocks, each under one parent construct `component`. */
function addStateful(scope: Construct): void {
  const component = new Construct(scope, 'component');
  const key = customerManagedKey(component, { description: 'test key', alias: 'test/component' });
  new SecureBucket(component, 'bucket', { kmsKeyArn: key.arn });
  new GeneratedSecret(component, 'secret', { secretName: 'test/component', preset: 'prod' });
}

describe('dataScope', () => {
  test('in a cloud stack with a data stack, stateful resources go there with the addresses they have in a cloud stack alone', () => {
    const app = Testing.app();
    const alone = new CloudStack(app, 'alone', TEST_ENV);
    addStateful(alone);
    const set = new StackSet(app, { ...TEST_ENV, name: 'split' });
    addStateful(set.cloud);
    const aloneJson = synth(alone);
    const [data, cloud] = [synth(set.data), synth(set.cloud)];
    expect(Object.keys(relativeAddresses(aloneJson)).length).toBeGreaterThanOrEqual(11);
    expect(relativeAddresses(data)).toEqual(relativeAddresses(aloneJson));
    expect(cloud.resource).toBeUndefined();
    // the construct stays where it was created; its resources do not
    const [bucket] = Object.keys(addresses(aloneJson, 'aws_s3_bucket'));
    expect(addresses(data, 'aws_s3_bucket')).toEqual({ [bucket]: 'split-dev-data/component/bucket/bucket' });
    expect(data.terraform!.required_version).toBe('>= 1.11.0');
  });

  test('returns the scope itself in a data stack, in a cloud stack without one, and in a stack of your own', () => {
    const app = Testing.app();
    const set = new StackSet(app, { ...TEST_ENV, name: 'ml' });
    const inData = new Construct(set.data, 'x');
    const inPlainCloud = new Construct(new CloudStack(app, 'plain', TEST_ENV), 'x');
    expect(dataScope(inData)).toBe(inData);
    expect(dataScope(inPlainCloud)).toBe(inPlainCloud);
    expect([hasSeparateDataStack(inData), hasSeparateDataStack(inPlainCloud), hasSeparateDataStack(new Construct(set.cloud, 'y'))]).toEqual([false, false, true]);
    const nested = new Construct(new Construct(set.cloud, 'a'), 'b');
    expect(dataScope(nested).node.path).toBe('ml-dev-data/a/b');
    expect(dataScope(nested)).toBe(dataScope(nested));
  });

  test('a construct already at the mirrored path of the data stack is an error naming both', () => {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, name: 'ml' });
    new SecureBucket(set.data, 'artifacts');
    expect(() => new SecureBucket(set.cloud, 'artifacts')).toThrow(
      'ml-dev-cloud/artifacts: its stateful resources go to the data stack at ml-dev-data/artifacts, where "ml-dev-data/artifacts" already is; ' +
        'give one of the two constructs another id (the data stack mirrors the construct paths of the cloud stack).',
    );
  });
});

describe('components across the data and cloud layers', () => {
  function synthSet(build: (set: StackSet) => void): { manifest: any; json: (layer: string) => any; set: StackSet } {
    const outdir = tempDir('data-layer-');
    const app = new App({ outdir, skipBackendValidation: true });
    const set = new StackSet(app, { ...TEST_ENV, name: 'ml' });
    build(set);
    app.synth();
    const json = (layer: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', `ml-dev-${layer}`, 'cdk.tf.json'), 'utf8'));
    return { manifest: JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')), json, set };
  }

  test('a cluster of the set: network, keys, database, bucket and secrets in data; cluster, roles and the database ingress rule in cloud', () => {
    const { manifest, json } = synthSet((set) => {
      const network = new Network(set.data, 'network', { name: 'ml', clusterName: 'ml', preset: 'dev' });
      const cluster = new EksCluster(set.cloud, 'cluster', { name: 'ml', network, preset: 'dev' });
      const ref = ClusterRef.fromEksCluster(cluster);
      set.connect(ref);
      new MlflowCloud(set.cloud, 'mlflow', { cluster: ref, preset: 'dev' });
    });
    const types = (layer: string) => Object.keys(json(layer).resource ?? {}).sort();
    expect(types('data')).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_db_subnet_group', 'aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_subnet', 'aws_vpc']));
    expect(types('cloud').filter((t) => /^aws_(db_|kms_|s3_|secretsmanager_|vpc$|subnet$)/.test(t))).toEqual([]);
    expect(types('cloud')).toEqual(expect.arrayContaining(['aws_eks_cluster', 'aws_eks_pod_identity_association', 'aws_vpc_security_group_ingress_rule']));
    expect(addresses(json('data'), 'aws_kms_key')).toEqual({
      'aws_kms_key.cluster_kms-key_AD864E0A': 'ml-dev-data/cluster/kms-key',
      'aws_kms_key.mlflow_kms-key_F913F9EF': 'ml-dev-data/mlflow/kms-key',
      'aws_kms_key.network_logs-key_BEA797C6': 'ml-dev-data/network/logs-key',
    });
    expect(manifest.stacks['ml-dev-data'].dependencies).toEqual([]);
    expect(json('data').data?.terraform_remote_state).toBeUndefined();
  });

  test('on an existing cluster, a component created in the data stack keeps everything there (no cloud layer needed)', () => {
    const { manifest, json, set } = synthSet((set) => {
      const ref = ClusterRef.fromName({ clusterName: 'existing', region: TEST_ENV.region });
      set.connect(ref);
      new MlflowCloud(set.data, 'mlflow', { cluster: ref, preset: 'dev' });
    });
    expect(json('cloud').resource).toBeUndefined();
    expect(Object.keys(json('data').resource)).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_iam_role', 'aws_vpc_security_group_ingress_rule']));
    expect(manifest.stacks['ml-dev-data'].dependencies).toEqual([]);
    expect(set.stackNames.map((s) => checkDeployability(set.data.node.root.node.findChild(s) as DataStack))).toEqual([[], [], [], []]);
  });
});

describe('layer order (deployability check)', () => {
  test('a data stack that uses a resource of a cloud stack fails, saying what to pass instead', () => {
    const app = Testing.app();
    const data = new DataStack(app, 'd', TEST_ENV);
    const cloud = new CloudStack(app, 'c', TEST_ENV);
    const vpc = new Vpc(cloud, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new SecurityGroup(data, 'sg', { vpcId: vpc.id });
    data.prepareStack();
    expect(checkDeployability(data)).toEqual([
      'd: this data stack depends on cloud stack "c" (a reference to one of its resources, or addDependency). ' +
        'A stack may use only stacks of its own or an earlier layer (data → cloud → platform → workloads): it is deployed before them and destroyed after them. ' +
        "Pass the data layer literal values or values of the data stack (e.g. the Network's subnets, not the cluster's), and keep rules that name the cluster (security group ingress from its nodes) in the cloud layer.",
    ]);
    expect(checkDeployability(cloud)).toEqual([]);
  });

  test('a platform stack that depends on a workloads stack fails; the usual order passes', () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, 'p', { ...TEST_ENV, cluster: fakeClusterRef });
    const workloads = new WorkloadsStack(app, 'w', { ...TEST_ENV, cluster: fakeClusterRef });
    platform.addDependency(workloads);
    expect(checkDeployability(platform)).toEqual([
      'p: this platform stack depends on workloads stack "w" (a reference to one of its resources, or addDependency). ' +
        'A stack may use only stacks of its own or an earlier layer (data → cloud → platform → workloads): it is deployed before them and destroyed after them. ' +
        'Move what references "w" to that layer or a later one.',
    ]);
    expect(checkDeployability(workloads)).toEqual([]);
  });
});
