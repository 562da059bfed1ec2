/** Builds the three halves of a vector database in test stacks, and reads what they synthesize. */
import { parse } from 'yaml';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { ISecretStoreRef } from '../../src/core/secrets/secret-store';
import { VectorDatabaseCloud, VectorDatabaseCloudProps } from '../../src/vectordb/vector-database-cloud';
import { VectorDatabasePlatform } from '../../src/vectordb/vector-database-platform';
import { VectorDatabase } from '../../src/vectordb/vector-database';
import { VectorDatabaseSpec } from '../../src/vectordb/spec';
import { cloudStack, platformStack, synth, testApp, TfJson, onlyResource, workloadsStack } from '../helpers/synth';

export const STORE: ISecretStoreRef = { storeName: 'aws-secrets-manager', storeKind: 'ClusterSecretStore' };

export interface Built {
  cloud: VectorDatabaseCloud;
  platform: VectorDatabasePlatform;
  db: VectorDatabase;
  access: ExternalSecretsAccess;
  cloudJson: TfJson;
  platformJson: TfJson;
  workloadsJson: TfJson;
}

/** A database built from `spec` across cloud, platform and workloads test stacks. */
export function build(spec: VectorDatabaseSpec, extra: Partial<VectorDatabaseCloudProps> = {}): Built {
  const app = testApp();
  const c = cloudStack(app);
  const p = platformStack(app);
  const w = workloadsStack(app);
  const access = new ExternalSecretsAccess(c, 'eso-access', { clusterName: 'test-cluster' });
  const cloud = new VectorDatabaseCloud(c, 'vectordb', { ...spec, clusterName: 'test-cluster', secretsAccess: access, ...extra } as VectorDatabaseCloudProps);
  const platform = new VectorDatabasePlatform(p, 'vectordb', { cloud });
  const db = new VectorDatabase(w, 'vectordb', { cloud, platform, secretStore: STORE });
  return { cloud, platform, db, access, cloudJson: synth(c), platformJson: synth(p), workloadsJson: synth(w) };
}

/** The parsed values of the only helm_release. */
export function releaseValues(json: TfJson): any {
  const release = onlyResource(json, 'helm_release');
  return parse(release.values[0]);
}

/** Every string in a synthesized document (to look for secret-like literals). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}
