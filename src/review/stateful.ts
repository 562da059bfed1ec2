/**
 * Resource types that hold data (or, for an EKS cluster, everything running in it): destroying or
 * replacing one loses that data. Each entry says what is lost and which attributes name the
 * real-world object, so a resource whose logical ID changed can be recognised under its new
 * address (same construct path, or same name/identifier).
 */

/** A stateful resource type. */
export interface StatefulType {
  /** What is lost, for messages ("the database and its data"). */
  readonly loses: string;
  /** Attribute paths whose (literal) value identifies the real-world object; all given ones must match. */
  readonly identity: readonly string[];
}

const NAME = ['name'];
const K8S_IDENTITY = ['metadata.namespace', 'metadata.name'];

/** Stateful resource types by Terraform type. */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  aws_db_instance: { loses: 'the database and its data (unless restored from a snapshot)', identity: ['identifier'] },
  aws_rds_cluster: { loses: 'the database cluster and its data', identity: ['cluster_identifier'] },
  aws_s3_bucket: { loses: 'the bucket and every object in it', identity: ['bucket'] },
  aws_elasticache_replication_group: { loses: 'the cache and its data', identity: ['replication_group_id'] },
  aws_elasticache_cluster: { loses: 'the cache and its data', identity: ['cluster_id'] },
  aws_elasticache_serverless_cache: { loses: 'the cache and its data', identity: NAME },
  aws_kms_key: { loses: 'the key: everything encrypted with it becomes unreadable once the deletion window ends', identity: [] },
  aws_ebs_volume: { loses: 'the volume and its data', identity: [] },
  aws_efs_file_system: { loses: 'the file system and its data', identity: ['creation_token'] },
  aws_dynamodb_table: { loses: 'the table and its items', identity: NAME },
  aws_secretsmanager_secret: { loses: 'the secret and its versions', identity: NAME },
  aws_sqs_queue: { loses: 'the queue and its messages', identity: NAME },
  aws_ecr_repository: { loses: 'the repository and its images', identity: NAME },
  aws_cloudwatch_log_group: { loses: 'the log group and its logs', identity: NAME },
  aws_eks_cluster: { loses: 'the cluster and everything running in it', identity: NAME },
  kubernetes_persistent_volume_claim: { loses: 'the claim and, with reclaim policy Delete, its volume', identity: K8S_IDENTITY },
  kubernetes_persistent_volume_claim_v1: { loses: 'the claim and, with reclaim policy Delete, its volume', identity: K8S_IDENTITY },
  kubernetes_persistent_volume: { loses: 'the volume (per its reclaim policy)', identity: ['metadata.name'] },
  kubernetes_persistent_volume_v1: { loses: 'the volume (per its reclaim policy)', identity: ['metadata.name'] },
};

/** The stateful description of a type, or undefined. */
export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}
