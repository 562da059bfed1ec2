import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { StackSet } from '../../src/core/layers/stack-set';
import { checkStack } from '../../src/policy/aspect';
import { FULL_PACK } from '../../src/policy/pack';
import { addMlflow } from '../../stacks/parts/mlflow';
import { addSecretsFoundation } from '../../stacks/parts/secrets';
import { fakeClusterRef } from '../helpers/synth';

describe('stacks/parts/mlflow', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-part-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, skipBackendValidation: true });
  const set = new StackSet(app, { project: 'mlops', environment: 'dev', region: 'us-east-1' });
  set.connect(fakeClusterRef);
  const secrets = addSecretsFoundation(set, { clusterName: 'test-cluster', preset: 'dev' });
  const parts = addMlflow(set, { cluster: fakeClusterRef, secrets, preset: 'dev', ingress: { host: 'mlflow.internal.example.com' } });
  app.synth();
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('one construct per layer, and the handle', () => {
    expect([parts.cloud.node.path, parts.platform.node.path, parts.server.node.path]).toEqual(['mlops-dev-cloud/mlflow', 'mlops-dev-platform/mlflow', 'mlops-dev-workloads/mlflow']);
    expect([parts.handle.trackingUri, parts.handle.clientSecretName, parts.handle.artifactPrefix]).toEqual(['http://mlflow.mlflow.svc.cluster.local', 'mlflow-client', 'artifacts']);
  });

  test('database host, bucket, secret ARN and VPC CIDR cross stacks through remote state', () => {
    const values: string = Object.values<any>(stack('mlops-dev-workloads').resource.helm_release)[0].values[0];
    expect(values).toMatch(/bucket: \$\{data\.terraform_remote_state\.[^}]+\}/);
    expect(values).toMatch(/host: \$\{data\.terraform_remote_state\.[^}]+\}/);
    expect(values).not.toContain('aws_db_instance.');
    const manifests = Object.values<any>(stack('mlops-dev-workloads').resource.kubernetes_manifest).map((m) => m.manifest);
    const db = manifests.find((m) => m.metadata.name === 'mlflow-db');
    expect(db.spec.dataFrom[0].extract.key).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\}$/);
    const ingress = Object.values<any>(stack('mlops-dev-platform').resource.kubernetes_network_policy_v1).find((p) => p.metadata.name === 'mlflow-ingress');
    expect(ingress.spec.ingress[0].from[2].ip_block.cidr).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\}$/);
  });

  test('the three secrets are granted to the External Secrets Operator', () => {
    expect(secrets.access.grantedSecretArns).toEqual([parts.cloud.databaseSecret.secretArn, parts.cloud.adminSecret.secretArn, parts.cloud.clientSecret.secretArn]);
  });

  test('the full policy pack finds nothing in the four stacks', () => {
    const results = [set.data, set.cloud, set.platform, set.workloads].map((s) => checkStack(s, FULL_PACK));
    // resources and data sources. data: key, alias and their 2 data sources, database (4), bucket (7),
    // 2 secrets × 2, the VPC lookup; cloud: the role (3), the database's ingress rule, …
    expect(results.map((r) => r.resourceCount)).toEqual([20, 8, 6, 7]);
    expect(results.flatMap((r) => r.findings).map((f) => `${f.ruleId} ${f.constructPath}: ${f.message}`)).toEqual([]);
  });
});
