/**
 * Attributes whose change makes Terraform replace (destroy and re-create) the resource, for the
 * stateful types the library creates. A change to one of these on a stateful resource is a
 * danger item even though the address did not change.
 *
 * `verified` names the provider source the entry was checked against (the `ForceNew: true` schema
 * flags in hashicorp/terraform-provider-aws); entries without it come from the provider
 * documentation or service semantics and were not checked line by line. Conditional replacements
 * (ElastiCache `engine` only on downgrade, `transit_encryption_enabled` only below Redis 7.0.5) are
 * not listed.
 *
 * Notably NOT force-new (checked): `aws_db_instance.db_subnet_group_name`, `instance_class`,
 * `engine_version`; `aws_eks_cluster.version`, `vpc_config.*`;
 * `aws_elasticache_replication_group.node_type`, `engine_version`.
 */

/** Force-new attributes of one type. */
export interface ForceNewEntry {
  /** Attribute paths (blocks as `a.b`, list indices ignored). */
  readonly attributes: readonly string[];
  /** Where the list was checked, or undefined when it was not. */
  readonly verified?: string;
}

const AWS_SRC = 'hashicorp/terraform-provider-aws';

/** Force-new attributes by resource type. */
export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  aws_db_instance: {
    attributes: [
      'availability_zone', 'character_set_name', 'custom_iam_instance_profile', 'db_name', 'engine', 'identifier', 'identifier_prefix',
      'kms_key_id', 'nchar_character_set_name', 'restore_to_point_in_time', 'snapshot_identifier', 'storage_encrypted', 'timezone', 'username',
    ],
    verified: `${AWS_SRC} internal/service/rds/instance.go`,
  },
  aws_s3_bucket: {
    attributes: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
    verified: `${AWS_SRC} internal/service/s3/bucket.go (object_lock_enabled); bucket/bucket_prefix from S3 semantics (a bucket cannot be renamed)`,
  },
  aws_elasticache_replication_group: {
    attributes: [
      'at_rest_encryption_enabled', 'data_tiering_enabled', 'global_replication_group_id', 'kms_key_id', 'network_type', 'port',
      'replication_group_id', 'security_group_names', 'snapshot_arns', 'snapshot_name', 'subnet_group_name',
    ],
    verified: `${AWS_SRC} internal/service/elasticache/replication_group.go`,
  },
  aws_kms_key: {
    attributes: ['custom_key_store_id', 'customer_master_key_spec', 'key_usage', 'multi_region', 'xks_key_id'],
    verified: `${AWS_SRC} internal/service/kms/key.go`,
  },
  aws_eks_cluster: {
    attributes: [
      'access_config.bootstrap_cluster_creator_admin_permissions', 'bootstrap_self_managed_addons', 'kubernetes_network_config.ip_family',
      'kubernetes_network_config.service_ipv4_cidr', 'name', 'outpost_config.control_plane_instance_type', 'remote_network_config', 'role_arn',
    ],
    verified: `${AWS_SRC} internal/service/eks/cluster.go`,
  },
  aws_rds_cluster: { attributes: ['cluster_identifier', 'database_name', 'engine', 'kms_key_id', 'master_username', 'storage_encrypted'] },
  aws_elasticache_cluster: { attributes: ['cluster_id', 'engine', 'port', 'subnet_group_name'] },
  aws_elasticache_serverless_cache: { attributes: ['engine', 'kms_key_id', 'name', 'subnet_ids'] },
  aws_ebs_volume: { attributes: ['availability_zone', 'encrypted', 'kms_key_id', 'outpost_arn', 'snapshot_id'] },
  aws_efs_file_system: { attributes: ['availability_zone_name', 'creation_token', 'encrypted', 'kms_key_id', 'performance_mode'] },
  aws_dynamodb_table: { attributes: ['name'] },
  aws_secretsmanager_secret: { attributes: ['name', 'name_prefix'] },
  aws_sqs_queue: { attributes: ['fifo_queue', 'name', 'name_prefix'] },
  aws_ecr_repository: { attributes: ['name'] },
  aws_cloudwatch_log_group: { attributes: ['name', 'name_prefix'] },
  kubernetes_persistent_volume_claim: { attributes: ['metadata.name', 'metadata.namespace', 'spec.access_modes', 'spec.selector', 'spec.storage_class_name', 'spec.volume_name'] },
  kubernetes_persistent_volume_claim_v1: { attributes: ['metadata.name', 'metadata.namespace', 'spec.access_modes', 'spec.selector', 'spec.storage_class_name', 'spec.volume_name'] },
};

/** The force-new attribute (from the table) that a changed path falls under, or undefined. */
export function forceNewAttribute(type: string, changedPath: string): string | undefined {
  const entry = FORCE_NEW[type];
  if (!entry) return undefined;
  const plain = changedPath.replace(/\[\d+\]/g, '');
  return entry.attributes.find((a) => plain === a || plain.startsWith(`${a}.`));
}
