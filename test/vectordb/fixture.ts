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

/** A customer managed key for the tests that pass `kmsKeyArn`. */
export const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

/** The statement a role gets for the buckets' customer managed key: through S3 in us-east-1 only. */
export const BUCKET_KEY_STATEMENT = {
  Sid: 'BucketKey',
  Effect: 'Allow',
  Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
  Resource: KMS,
  Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
};

/** The container security context of every backup job (synthesized form). */
export const JOB_CONTAINER_SECURITY_CONTEXT = {
  allow_privilege_escalation: false,
  privileged: false,
  read_only_root_filesystem: true,
  run_as_non_root: true,
  capabilities: { drop: ['ALL'] },
};

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
