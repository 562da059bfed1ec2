/** Test fixture: the three MLflow constructs in cloud/platform/workloads test stacks of one app. */
import { App } from 'cdktf';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { MlflowCloud, MlflowCloudProps } from '../../src/mlflow/mlflow-cloud';
import { MlflowPlatform, MlflowPlatformProps } from '../../src/mlflow/mlflow-platform';
import { MlflowTrackingServer, MlflowTrackingServerProps } from '../../src/mlflow/mlflow-tracking-server';
import { cloudStack, fakeClusterRef, platformStack, synth, testApp, TfJson, workloadsStack } from '../helpers/synth';

export interface MlflowFixture {
  readonly app: App;
  readonly access: ExternalSecretsAccess;
  readonly cloud: MlflowCloud;
  readonly platform: MlflowPlatform;
  readonly server: MlflowTrackingServer;
  readonly cloudJson: () => TfJson;
  readonly platformJson: () => TfJson;
  readonly workloadsJson: () => TfJson;
}

export interface FixtureOptions {
  readonly cloud?: Partial<MlflowCloudProps>;
  readonly platform?: Partial<Omit<MlflowPlatformProps, 'cloud'>>;
  readonly server?: Partial<Omit<MlflowTrackingServerProps, 'cloud' | 'store'>>;
}

export function mlflowFixture(options: FixtureOptions = {}): MlflowFixture {
  const app = testApp();
  const cs = cloudStack(app);
  const ps = platformStack(app);
  const ws = workloadsStack(app);
  const access = new ExternalSecretsAccess(cs, 'eso-access', { clusterName: 'test-cluster' });
  const cloud = new MlflowCloud(cs, 'mlflow', { cluster: fakeClusterRef, secretsAccess: access, ...options.cloud });
  const platform = new MlflowPlatform(ps, 'mlflow', { cloud, ...options.platform });
  const store = new SecretStore(ws, 'store', {});
  const server = new MlflowTrackingServer(ws, 'mlflow', { cloud, store, ...options.server });
  return {
    app,
    access,
    cloud,
    platform,
    server,
    cloudJson: () => synth(cs),
    platformJson: () => synth(ps),
    workloadsJson: () => synth(ws),
  };
}

/** Every string in a JSON value, with its path. */
export function allStrings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  return [];
}
