/**
 * `FeastOnlineStore` (data layer): Feast's online store, an ElastiCache for Redis OSS replication
 * group (cluster mode disabled) in the cluster's private subnets.
 *
 * - security group: ingress on 6379 from the cluster node security group only, no egress rules;
 * - encryption at rest with the given KMS key, in transit with TLS required (`transit_encryption_mode
 *   = required`: plain-text connections are refused);
 * - Redis AUTH with a token generated into Secrets Manager ({@link GeneratedSecret}: generated at
 *   apply time, never in the synthesized JSON);
 * - `prod`: automatic failover and Multi-AZ (≥ 2 nodes); `dev`: one node;
 * - daily snapshots kept `snapshotRetentionDays`, a final snapshot on delete, `prevent_destroy`;
 * - layers: in a `CloudStack` with a data stack, the group, its subnet and security groups go to the
 *   data stack (`dataScope`); the rule admitting the cluster's nodes stays in the cloud stack.
 *
 * ## Where the AUTH token lives, and why
 * `aws_elasticache_replication_group.auth_token` has no write-only variant in the aws provider 6.25
 * (neither have `aws_elasticache_user.passwords`/`authentication_mode.passwords`), and Terraform
 * refuses ephemeral values in ordinary arguments. The token therefore reaches ElastiCache through a
 * `data "aws_secretsmanager_secret_version"` pinned to the version the `GeneratedSecret` wrote, and
 * **is stored in the cloud stack's Terraform state twice** (the data source's `secret_string` and
 * the replication group's `auth_token`, both marked sensitive) — never in the synthesized JSON, the
 * Helm values or a Kubernetes manifest. Keep that state encrypted (the S3 backend with `encrypt` and
 * a KMS key) and readable only by the deployers.
 *
 * Alternatives considered: RBAC users (`aws_elasticache_user`) keep their passwords in state the
 * same way; IAM authentication keeps no secret at all, but Feast's Redis client (redis-py through
 * the connection string) cannot mint the short-lived IAM tokens; setting the token out of band
 * (a provisioner calling `ModifyReplicationGroup`) would keep it out of state but leaves the group
 * without AUTH until it runs and hides drift from Terraform.
 *
 * Rotation: bump the `GeneratedSecret` version; the group is modified with
 * `auth_token_update_strategy = ROTATE` (old and new tokens both work), External Secrets refreshes
 * the Kubernetes Secret, then restart the feature servers (env vars are read at start).
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
 */
import { Construct } from 'constructs';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { z } from 'zod';
import { dataScope } from '../core/layers/data-scope';
import { requireLayer } from '../core/layers/mlops-stack';
import { NAME_LIMITS } from '../core/naming';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { validateProps } from '../core/validation';
import { ENGINES } from '../core/versions';
import { REDIS_PORT, REDIS_WINDOWS } from './constants';

/** Props of {@link FeastOnlineStore}. */
export interface FeastOnlineStoreProps {
  /** Replication group id (≤ 40 characters, lowercase; see `elasticacheId`). Also names the subnet and security groups. */
  readonly replicationGroupId: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets (at least two zones for Multi-AZ). */
  readonly subnetIds: string[];
  /** Security group of the cluster nodes: the only source allowed to connect. */
  readonly clientSecurityGroupId: string;
  /** KMS key for encryption at rest. */
  readonly kmsKeyArn: string;
  /** The AUTH token (a plain-string `GeneratedSecret` of letters and digits). */
  readonly authToken: GeneratedSecret;
  /** ElastiCache node type. */
  readonly nodeType: string;
  /** Nodes (1 primary + replicas). ≥ 2 turns on automatic failover and Multi-AZ. */
  readonly numCacheClusters: number;
  /** Days daily snapshots are kept. */
  readonly snapshotRetentionDays: number;
  /** `lifecycle.prevent_destroy`. */
  readonly preventDestroy: boolean;
  /**
   * Redis OSS engine version.
   * @default ENGINES.redis
   */
  readonly engineVersion?: string;
}

const schema = z.object({
  replicationGroupId: z
    .string()
    .max(NAME_LIMITS.elasticacheReplicationGroup, { message: `is longer than ${NAME_LIMITS.elasticacheReplicationGroup} characters; use elasticacheId() to fit it` })
    .regex(/^[a-z]([a-z0-9]|-(?!-))*[a-z0-9]$/, { message: 'is not a replication group id; use lowercase letters, digits and single "-", starting with a letter' }),
  kmsKeyArn: z.string().regex(/^arn:aws[a-z-]*:kms:/, { message: 'is not a KMS key ARN; pass the key\'s ARN (arn:aws:kms:…:key/…)' }),
  authToken: z.custom<GeneratedSecret>((v) => v instanceof GeneratedSecret && v.jsonKeys === undefined, {
    message: 'must be a plain-string GeneratedSecret (no jsonFields/passwordKey); Redis AUTH takes the token itself',
  }),
  engineVersion: z.string().regex(/^\d+\.\d+$/, { message: 'is not a Redis OSS major.minor version; use e.g. "7.1"' }).optional(),
});

/** An encrypted, authenticated, private ElastiCache for Redis OSS replication group. */
export class FeastOnlineStore extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  public readonly securityGroup: SecurityGroup;
  /** Primary endpoint (host name) of the group. */
  public readonly host: string;
  /** Port of the group. */
  public readonly port: number = REDIS_PORT;

  constructor(scope: Construct, id: string, props: FeastOnlineStoreProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'FeastOnlineStore');
    const data = dataScope(this);
    const groupId = props.replicationGroupId;
    const failover = props.numCacheClusters >= 2;

    const subnetGroup = new ElasticacheSubnetGroup(data, 'subnet-group', {
      name: groupId,
      description: `Private subnets of Feast online store ${groupId}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new SecurityGroup(data, 'security-group', {
      name: `${groupId}-redis`,
      description: `Feast online store ${groupId}: Redis from the cluster nodes only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupIngressRule(this, 'ingress-from-nodes', {
      securityGroupId: this.securityGroup.id,
      description: 'Redis (TLS) from the EKS node security group',
      ipProtocol: 'tcp',
      fromPort: REDIS_PORT,
      toPort: REDIS_PORT,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    const token = new DataAwsSecretsmanagerSecretVersion(data, 'auth-token', {
      secretId: props.authToken.secretArn,
      versionId: props.authToken.secretVersion.versionId,
    });
    this.replicationGroup = new ElasticacheReplicationGroup(data, 'replication-group', {
      replicationGroupId: groupId,
      description: `Feast online store ${groupId}`,
      engine: 'redis',
      engineVersion: props.engineVersion ?? ENGINES.redis,
      autoMinorVersionUpgrade: 'true',
      nodeType: props.nodeType,
      numCacheClusters: props.numCacheClusters,
      port: REDIS_PORT,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      authToken: token.secretString,
      authTokenUpdateStrategy: 'ROTATE',
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      snapshotRetentionLimit: props.snapshotRetentionDays,
      snapshotWindow: REDIS_WINDOWS.snapshot,
      maintenanceWindow: REDIS_WINDOWS.maintenance,
      finalSnapshotIdentifier: `${groupId}-final`,
      applyImmediately: false,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.host = this.replicationGroup.primaryEndpointAddress;
  }
}
