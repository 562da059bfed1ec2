import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { StackSet } from '../../src/core/layers/stack-set';
import { addFeatureStore } from '../../stacks/parts/featurestore';
import { addSecretsFoundation } from '../../stacks/parts/secrets';
import { fakeClusterRef } from '../helpers/synth';

describe('stacks/parts/featurestore', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-part-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, skipBackendValidation: true });
  const set = new StackSet(app, { project: 'mlops', environment: 'dev', region: 'us-east-1' });
  set.connect(fakeClusterRef);
  const secrets = addSecretsFoundation(set, { clusterName: 'test-cluster', preset: 'dev' });
  const handle = addFeatureStore(set, { cluster: fakeClusterRef, secrets, spec: { project: 'driver_stats', preset: 'dev', featureServer: { clientNamespaces: ['serving'] } } });
  app.synth();
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('one construct per layer, with typed outputs', () => {
    expect([handle.cloud.node.path, handle.platform.node.path, handle.store.node.path]).toEqual([
      'mlops-dev-cloud/featurestore',
      'mlops-dev-platform/featurestore',
      'mlops-dev-workloads/featurestore',
    ]);
    expect(handle.store.featureServerUrl).toBe('http://feast-online.feast.svc.cluster.local:80');
    expect([handle.store.offlineServerUrl, handle.store.uiUrl]).toEqual([undefined, undefined]);
  });

  test('feature_store.yaml reaches the workloads stack through remote state inside one base64encode local', () => {
    const workloads = stack('mlops-dev-workloads');
    const values = parse(Object.values<any>(workloads.resource.helm_release)[0].values[0]);
    expect(values.feature_store_yaml_base64).toMatch(/^\$\{local\.featurestore_feature-store-yaml-base64_[0-9A-F]{8}\}$/);
    const [local] = Object.values<string>(workloads.locals);
    expect(local).toMatch(/^\$\{base64encode\("project: driver_stats\\nprovider: aws\\n/);
    expect(local).toMatch(/path: s3:\/\/\$\{data\.terraform_remote_state\.[^}]+\}\/driver_stats\/registry\.db/);
    expect(local).toMatch(/connection_string: \$\{data\.terraform_remote_state\.[^}]+\}:6379,ssl=true,password=\$FEAST_REDIS_PASSWORD\\n/);
    expect(JSON.stringify(workloads)).not.toMatch(/aws_s3_bucket\.|aws_elasticache_replication_group\./);
  });

  test('the AUTH token secret is granted to the External Secrets Operator', () => {
    expect(secrets.access.grantedSecretArns).toEqual([handle.cloud.authToken.secretArn]);
  });
});
