import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { StackSet } from '../../src/core/layers/stack-set';
import { addServing } from '../../stacks/parts/serving';
import { fakeClusterRef, policy } from '../helpers/synth';

describe('stacks/parts/serving', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'serving-part-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, skipBackendValidation: true });
  const set = new StackSet(app, { project: 'mlops', environment: 'dev', region: 'us-east-1' });
  set.connect(fakeClusterRef);
  const gpuPool = new GpuNodePool(set.workloads, 'gpu-inference', {
    karpenter: { nodeRoleName: 'mlops-dev-karpenter-node' },
    instanceTypes: ['p5.48xlarge'],
    limits: { gpu: 8 },
    mig: { configName: 'h100-3g40', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } },
  });
  const handle = addServing(set, { clusterName: 'test-cluster', gpuPool, sklearnModel: { bucket: 'acme-models', prefix: 'models/churn/v3' }, preset: 'dev' });
  app.synth();
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('each piece lands in its layer', () => {
    expect([handle.kserve, handle.envoyGateway, handle.sklearnIdentity!, handle.gateway, handle.sklearn!, handle.llm].map((c) => c.node.path)).toEqual([
      'mlops-dev-platform/kserve',
      'mlops-dev-platform/envoy-gateway',
      'mlops-dev-cloud/sklearn-identity',
      'mlops-dev-workloads/serving-gateway',
      'mlops-dev-workloads/sklearn',
      'mlops-dev-workloads/llm',
    ]);
    const releases = Object.values<any>(stack('mlops-dev-platform').resource.helm_release).map((r) => r.name).sort();
    expect(releases).toEqual(['cert-manager', 'envoy-gateway', 'kserve', 'kserve-crd', 'kserve-runtime-configs']);
  });

  test('the sklearn model runs on CPU with HPA; the LLM on one 3g.40gb slice of the pool', () => {
    const manifests = Object.values<any>(stack('mlops-dev-workloads').resource.kubernetes_manifest).map((r) => r.manifest);
    const isvc = (name: string) => manifests.find((m) => m.kind === 'InferenceService' && m.metadata.name === name);
    const sk = isvc('sklearn').spec.predictor;
    expect([sk.model.storageUri, sk.minReplicas, sk.maxReplicas, sk.scaleMetric, sk.scaleTarget, sk.nodeSelector]).toEqual([
      's3://acme-models/models/churn/v3',
      2,
      6,
      'cpu',
      70,
      undefined,
    ]);
    const llm = isvc('llm').spec.predictor;
    expect(llm.model.resources.limits['nvidia.com/mig-3g.40gb']).toBe('1');
    expect(llm.nodeSelector).toEqual(gpuPool.nodeSelector);
    expect(llm.model.args).toEqual(['--backend=vllm', '--dtype=bfloat16', '--tensor-parallel-size=1', '--max_model_len=8192', '--gpu-memory-utilization=0.9']);
    const routes = manifests
      .filter((m) => m.kind === 'HTTPRoute')
      .map((m) => [m.metadata.name, m.spec.hostnames, m.spec.rules[0].timeouts])
      .sort((a, b) => String(b[0]).localeCompare(String(a[0])));
    expect(routes).toEqual([
      ['sklearn', ['sklearn.models.serving.internal'], undefined],
      ['llm', ['llm.models.serving.internal'], { request: '300s' }],
    ]);
  });

  test('the sklearn role reads only its model prefix', () => {
    const roles = Object.values<any>(stack('mlops-dev-cloud').resource.aws_iam_role_policy);
    expect(roles).toHaveLength(1);
    expect(policy(roles[0].policy).Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      ['s3:ListBucket', 'arn:aws:s3:::acme-models'],
      ['s3:GetObject', 'arn:aws:s3:::acme-models/models/churn/v3/*'],
    ]);
  });
});
