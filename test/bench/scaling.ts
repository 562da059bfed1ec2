/**
 * The scaling case of `npm run bench`: one workloads stack with N GPU node pools and N
 * InferenceServices, each service on its own pool (one whole GPU), synthesized with the full policy
 * pack. Time per item must stay flat as N grows: the scheduling check, the policy pack and the
 * synth must all be linear.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { ClusterAttributes, GpuNodePool, IClusterRef, InferenceService, PolicyPack, WorkloadsStack } from '../../src';

/** A cluster known by its attributes (no data sources): what the scaling stack deploys to. */
const CLUSTER: ClusterAttributes = {
  clusterName: 'bench',
  endpoint: 'https://BENCH.gr7.us-east-1.eks.amazonaws.com',
  certificateAuthorityData: 'Q0EtREFUQQ==',
  region: 'us-east-1',
  oidcIssuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/BENCH',
  vpcId: 'vpc-0123456789abcdef0',
  privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  nodeSecurityGroupId: 'sg-0123456789abcdef0',
  karpenterDiscoveryTag: 'bench',
};
const clusterRef: IClusterRef = { clusterName: CLUSTER.clusterName, region: CLUSTER.region, bind: (_scope: Construct) => CLUSTER };

/** Adds `n` pools and `n` services (service i on pool i) to `app`, with the full policy pack. */
export function buildScalingApp(app: App, n: number): void {
  const stack = new WorkloadsStack(app, 'scaling', { project: 'bench', environment: 'dev', region: CLUSTER.region, cluster: clusterRef });
  for (let i = 0; i < n; i++) {
    const pool = new GpuNodePool(stack, `pool-${i}`, { karpenter: { nodeRoleName: 'bench-karpenter-node' }, instanceFamilies: ['g6e'], limits: { gpu: 8 } });
    new InferenceService(stack, `model-${i}`, {
      namespace: 'models',
      preset: 'dev',
      predictor: {
        modelFormat: 'pytorch',
        storageUri: `https://models.example.com/model-${i}.mar`,
        resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
        gpu: { pool, gpus: 1 },
      },
    });
  }
  PolicyPack.applyTo(app);
}

/** One scaling run (in a fresh process): build and synth times, excluding module loading. */
export interface ScalingResult {
  readonly n: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly resources: number;
}

/** Builds and synthesizes the scaling app for `n` into `outdir`. */
export function runScaling(n: number, outdir: string): ScalingResult {
  const start = performance.now();
  const app = new App({ outdir, skipBackendValidation: true });
  buildScalingApp(app, n);
  const built = performance.now();
  app.synth();
  const done = performance.now();
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'scaling', 'cdk.tf.json'), 'utf8'));
  const resources = Object.values<Record<string, unknown>>(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  return { n, buildMs: built - start, synthMs: done - built, resources };
}
