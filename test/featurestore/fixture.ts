/** Builds the three halves of a Feast feature store in test stacks, and reads what they synthesize. */
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { parse } from 'yaml';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { ISecretStoreRef } from '../../src/core/secrets/secret-store';
import { FeastFeatureStore } from '../../src/featurestore/feast-feature-store';
import { FeastFeatureStoreCloud, FeastFeatureStoreCloudProps } from '../../src/featurestore/feast-feature-store-cloud';
import { FeastFeatureStorePlatform } from '../../src/featurestore/feast-feature-store-platform';
import { FeastFeatureStoreSpec } from '../../src/featurestore/spec';
import { cloudStack, fakeClusterRef, platformStack, resourceAt, synth, testApp, TfJson, workloadsStack } from '../helpers/synth';

export const STORE: ISecretStoreRef = { storeName: 'aws-secrets-manager', storeKind: 'ClusterSecretStore' };

export const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

export interface Built {
  cloud: FeastFeatureStoreCloud;
  platform: FeastFeatureStorePlatform;
  store: FeastFeatureStore;
  access: ExternalSecretsAccess;
  cloudJson: TfJson;
  platformJson: TfJson;
  workloadsJson: TfJson;
}

/** A feature store built from `spec` across cloud, platform and workloads test stacks. */
export function build(spec: FeastFeatureStoreSpec, extra: Partial<FeastFeatureStoreCloudProps> = {}): Built {
  const app = testApp();
  const c = cloudStack(app);
  const p = platformStack(app);
  const w = workloadsStack(app);
  const access = new ExternalSecretsAccess(c, 'eso-access', { clusterName: 'test-cluster' });
  const cloud = new FeastFeatureStoreCloud(c, 'feast', { ...spec, cluster: fakeClusterRef, secretsAccess: access, ...extra });
  const platform = new FeastFeatureStorePlatform(p, 'feast', { cloud });
  const store = new FeastFeatureStore(w, 'feast', { cloud, platform, secretStore: STORE });
  return { cloud, platform, store, access, cloudJson: synth(c), platformJson: synth(p), workloadsJson: synth(w) };
}

/** The parsed values of the helm_release at `…/<id>/release`. */
export function releaseValues(json: TfJson, id: string): any {
  return parse(resourceAt(json, 'helm_release', `${id}/release`).values[0]);
}

/** Every string in a synthesized document (to look for secret-like literals). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

/** `[path, value]` of every string attribute whose key names a secret (auth_token, password, secret_string, …) and is not a `${…}` reference. */
export function secretLiterals(value: unknown, path = ''): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretLiterals(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = path ? `${path}.${k}` : k;
    if (typeof v === 'string' && /(auth_token|password|secret_string|token)(_wo)?$/i.test(k) && !/^\$\{[^}]+\}$/.test(v)) return [[p, v] as [string, string]];
    return secretLiterals(v, p);
  });
}

/** Resolves tokens in `value` as they would be synthesized in `scope`'s stack. */
export function resolveIn(scope: IConstruct, value: unknown): any {
  return Tokenization.resolve(value, { scope: TerraformStack.of(scope), resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}
