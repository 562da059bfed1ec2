import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { StackSet } from '../../src/core/layers/stack-set';
import { addSecretsFoundation } from '../../stacks/parts/secrets';
import { addVectorDatabase } from '../../stacks/parts/vectordb';
import { fakeClusterRef } from '../helpers/synth';

describe('stacks/parts/vectordb', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vectordb-part-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, skipBackendValidation: true });
  const set = new StackSet(app, { project: 'mlops', environment: 'dev', region: 'us-east-1' });
  set.connect(fakeClusterRef);
  const secrets = addSecretsFoundation(set, { clusterName: 'test-cluster', preset: 'dev' });
  const handle = addVectorDatabase(set, { clusterName: 'test-cluster', secrets, spec: { engine: 'qdrant', preset: 'dev', clientNamespaces: ['rag'] } });
  app.synth();
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('one construct per layer, Qdrant by default, with typed outputs', () => {
    expect([handle.cloud.node.path, handle.platform.node.path, handle.database.node.path]).toEqual([
      'mlops-dev-cloud/vectordb',
      'mlops-dev-platform/vectordb',
      'mlops-dev-workloads/vectordb',
    ]);
    expect(handle.database.endpoint.http).toBe('http://qdrant.vectordb.svc.cluster.local:6333');
    expect(handle.database.clientSecretName).toBe('qdrant-api-keys');
  });

  test('the bucket name reaches the workloads stack through remote state, not a dangling reference', () => {
    const workloads = stack('mlops-dev-workloads');
    const values: string = Object.values<any>(workloads.resource.helm_release)[0].values[0];
    expect(values).toMatch(/bucket: \$\{data\.terraform_remote_state\.[^}]+\}/);
    expect(values).not.toContain('aws_s3_bucket.');
    // the bucket outlives the cluster: an output of the data stack
    expect(Object.keys(stack('mlops-dev-data').output ?? {}).length).toBeGreaterThan(0);
  });

  test('the credentials secret is granted to the External Secrets Operator', () => {
    expect(secrets.access.grantedSecretArns).toEqual([handle.cloud.secret.secretArn]);
  });
});
