/** Shared fixtures of the monitoring tests: a monitored model, GPU pool and the three halves. */
import { App } from 'cdktf';
import { GpuNodePool, GpuNodePoolProps } from '../../src/compute';
import { DriftMonitor, DriftMonitorCloud, DriftMonitorPlatform, MonitoredModelSpec } from '../../src/monitoring';
import { cloudStack, platformStack, synth, testApp, workloadsStack } from '../helpers/synth';

export const KARPENTER = { nodeRoleName: 'KarpenterNodeRole-test-cluster' };

/** A model with the given retraining pool (or none). */
export function model(overrides: Partial<MonitoredModelSpec> = {}): MonitoredModelSpec {
  return {
    name: 'churn',
    referenceDataUri: 's3://mlops-data/churn/reference/',
    currentDataUri: 's3://mlops-inference-logs/churn/current/',
    driftJob: { image: 'registry.example.com/drift-check:1.2.0', command: ['python', '-m', 'drift_check'] },
    ...overrides,
  };
}

/** A workloads stack with a GPU pool, and the three halves of a drift monitor with retraining. */
export function driftScenario(options: { retraining?: boolean; modelOverrides?: Partial<MonitoredModelSpec>; retrainingOverrides?: Record<string, unknown>; app?: App } = {}) {
  const app = options.app ?? testApp();
  const cloud = cloudStack(app);
  const platform = platformStack(app);
  const workloads = workloadsStack(app);
  const pool = new GpuNodePool(workloads, 'training-pool', { karpenter: KARPENTER, name: 'training', instanceFamilies: ['g6e'], limits: { gpu: 8 } } as GpuNodePoolProps);
  const retraining =
    options.retraining === false
      ? undefined
      : {
          container: { image: 'registry.example.com/train:3.1.0', args: ['--epochs', '5'] },
          gpuPool: pool,
          mlflowTrackingUri: 'http://mlflow.mlflow.svc:5000',
          registeredModelName: 'churn-classifier',
          policy: { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: 's3:PutObject', Resource: 'arn:aws:s3:::mlflow-artifacts/churn/*' }] },
          ...options.retrainingOverrides,
        };
  const spec = model({ retraining, ...options.modelOverrides });
  const driftCloud = new DriftMonitorCloud(cloud, 'drift', { clusterName: 'test-cluster', models: [spec] });
  const driftPlatform = new DriftMonitorPlatform(platform, 'drift', { cloud: driftCloud });
  const monitor = new DriftMonitor(workloads, 'drift', { platform: driftPlatform });
  return { app, cloud, platform, workloads, pool, driftCloud, driftPlatform, monitor };
}

/** Synthesized JSON of the three stacks of a scenario. */
export function synthAll(s: ReturnType<typeof driftScenario>) {
  return { cloud: synth(s.cloud) as any, platform: synth(s.platform) as any, workloads: synth(s.workloads) as any };
}

/** The `manifest` of every kubernetes_manifest in a synthesized stack, by kind/name. */
export function manifests(json: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values<any>(json.resource?.kubernetes_manifest ?? {})) out[`${r.manifest.kind}/${r.manifest.metadata.name}`] = r.manifest;
  return out;
}

/** Calls `fn` and returns the message it throws (fails when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
