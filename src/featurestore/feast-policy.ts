/**
 * The least-privilege IAM policy of Feast's service account (feature servers and materialization
 * share it). What Feast 0.66 does on S3, read from its code:
 *
 * - registry (`S3RegistryStore`): `HeadBucket` on the registry bucket (needs `s3:ListBucket` on the
 *   bucket, no prefix), download and upload of exactly `<project>/registry.db` (materialization
 *   records the materialized intervals there, so the registry object is written too);
 * - offline store (`file`/dask, pyarrow `S3FileSystem`): list and read parquet under
 *   `<project>/` of the offline bucket — read only: materialization reads offline data and writes
 *   Redis, it never writes S3 data;
 * - the buckets' KMS key, through S3 in this region only.
 */
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/iam';
import { kmsViaS3Statement, s3AccessStatements } from '../core/s3-access';

/** Registry object actions: read and replace one object. */
export const FEAST_REGISTRY_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'] as const;

/** Offline data actions: read only. */
export const FEAST_OFFLINE_OBJECT_ACTIONS = ['s3:GetObject'] as const;

/** Where Feast's S3 data is. */
export interface FeastPolicyInputs {
  /** ARN of the registry bucket. */
  readonly registryBucketArn: string;
  /** Key of the registry object, e.g. `driver_stats/registry.db`. */
  readonly registryKey: string;
  /** ARN of the offline store bucket. */
  readonly offlineBucketArn: string;
  /** Prefix (no slashes at either end) of the project's offline data. */
  readonly offlinePrefix: string;
  /** KMS key of both buckets. */
  readonly kmsKeyArn: string;
  /** AWS region of the buckets. */
  readonly region: string;
}

/** The policy document of Feast's Pod Identity role. */
export function feastPolicy(i: FeastPolicyInputs): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: 'RegistryBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: i.registryBucketArn },
    { Sid: 'RegistryObject', Effect: 'Allow', Action: [...FEAST_REGISTRY_OBJECT_ACTIONS], Resource: `${i.registryBucketArn}/${i.registryKey}` },
    { Sid: 'OfflineBucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: i.offlineBucketArn },
    // list and read the project's offline data; the key (shared by both buckets) below
    ...s3AccessStatements({ bucketArn: i.offlineBucketArn, region: i.region }, 'read', { prefixes: [i.offlinePrefix], sid: 'Offline', objectActions: FEAST_OFFLINE_OBJECT_ACTIONS }),
    kmsViaS3Statement('BucketKeyViaS3', i.kmsKeyArn, i.region, 'read-write'),
  ];
  return policyDocument(...statements);
}
