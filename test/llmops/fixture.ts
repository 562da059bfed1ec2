/** Test fixture: the Langfuse constructs in cloud/platform/workloads test stacks of one app. */
import { App } from 'cdktf';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { Langfuse, LangfuseCloud, LangfuseData, LangfuseDataProps, LangfusePlatform, LangfuseProps } from '../../src/llmops/langfuse';
import { cloudStack, fakeClusterRef, platformStack, synth, testApp, TfJson, workloadsStack } from '../helpers/synth';

export interface LangfuseFixture {
  readonly app: App;
  readonly access: ExternalSecretsAccess;
  readonly data: LangfuseData;
  readonly cloud: LangfuseCloud;
  readonly platform: LangfusePlatform;
  readonly langfuse: Langfuse;
  readonly store: SecretStore;
  readonly cloudJson: () => TfJson;
  readonly platformJson: () => TfJson;
  readonly workloadsJson: () => TfJson;
}

export interface LangfuseFixtureOptions {
  readonly data?: Partial<LangfuseDataProps>;
  readonly clientNamespaces?: string[];
  readonly langfuse?: Partial<Omit<LangfuseProps, 'platform' | 'secretStore'>>;
}

export function langfuseFixture(options: LangfuseFixtureOptions = {}): LangfuseFixture {
  const app = testApp();
  const cs = cloudStack(app);
  const ps = platformStack(app);
  const ws = workloadsStack(app);
  const access = new ExternalSecretsAccess(cs, 'eso-access', { clusterName: 'test-cluster' });
  const data = new LangfuseData(cs, 'langfuse-data', { cluster: fakeClusterRef, preset: 'dev', ...options.data });
  const cloud = new LangfuseCloud(cs, 'langfuse', { data, clusterName: 'test-cluster', secretsAccess: access });
  const platform = new LangfusePlatform(ps, 'langfuse', { cloud, clientNamespaces: options.clientNamespaces ?? ['models'] });
  const store = new SecretStore(ws, 'store', {});
  const langfuse = new Langfuse(ws, 'langfuse', { platform, secretStore: store, databaseAdminNamespace: 'db-admin', adminEmail: 'admin@example.com', ...options.langfuse });
  let cloudJson: TfJson | undefined;
  let platformJson: TfJson | undefined;
  let workloadsJson: TfJson | undefined;
  return {
    app,
    access,
    data,
    cloud,
    platform,
    langfuse,
    store,
    cloudJson: () => (cloudJson ??= synth(cs)),
    platformJson: () => (platformJson ??= synth(ps)),
    workloadsJson: () => (workloadsJson ??= synth(ws)),
  };
}
