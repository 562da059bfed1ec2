/**
 * `ManagedRedis` (data layer): an ElastiCache for Redis OSS replication group (cluster mode
 * disabled) in the cluster's private subnets — Feast's online store, Langfuse's queue and cache, the
 * AI gateway's token counters.
 *
 * Layers: in a `CloudStack` with a data stack, the group, its subnet, parameter and security groups,
 * its RBAC users and user group and the function that manages the password user go to the data stack
 * (`dataScope`); the rule admitting the cluster's nodes stays with the construct in the cloud stack.
 * Give it `vpcId`/`subnetIds` valid in the data stack.
 *
 * - security group: ingress on 6379 from the cluster node security group only, no egress rules;
 * - encryption at rest with the given KMS key, in transit with TLS required (`transit_encryption_mode
 *   = required`: plain-text connections are refused);
 * - RBAC authentication with one password user named `default` whose password is a token generated
 *   into Secrets Manager ({@link GeneratedSecret}: generated at apply time, never in the synthesized
 *   JSON nor in the state); clients send `AUTH <token>` as with an AUTH token;
 * - `numCacheClusters` ≥ 2: automatic failover and Multi-AZ;
 * - daily snapshots kept `snapshotRetentionDays`, a final snapshot on delete, `prevent_destroy` as given;
 * - optional engine `parameters` (a parameter group of the engine's family, e.g. Langfuse's
 *   `maxmemory-policy: noeviction`); without them the group uses ElastiCache's default group.
 *
 * ## Where the token lives, and why not in Terraform state
 * Neither `aws_elasticache_replication_group.auth_token` nor `aws_elasticache_user` passwords have a
 * write-only variant in the aws provider 6.25, and Terraform refuses ephemeral values in ordinary
 * arguments: a token Terraform sets is stored in the state. So Terraform sets none:
 *
 * 1. it creates a `default` user that is `off` and needs no password (`<group id>-off`), an RBAC user
 *    group holding it (`user_ids` ignored after creation) and the replication group with
 *    `user_group_ids` — authenticated from birth: no client can log in yet;
 * 2. {@link RedisRbacUser} — a Lambda function invoked at apply time (`aws_lambda_invocation`, CRUD) —
 *    reads the token from Secrets Manager by version id, creates the user `<group id>-app` (user name
 *    `default`, password = token) and swaps it into the group for the disabled one.
 *
 * The state holds ids, ARNs and the secret's version id only. `AUTH <token>` with one argument
 * authenticates as the user named `default`, so Feast (redis-py, `password=`), Langfuse (ioredis,
 * `REDIS_AUTH` without a user name) and Envoy's rate limit service (`REDIS_AUTH`) connect unchanged.
 *
 * Alternatives considered: IAM authentication keeps no secret at all, but the clients cannot mint the
 * short-lived IAM tokens; an AUTH token set out of band (ModifyReplicationGroup from a provisioner)
 * leaves the group without AUTH until it runs and fights Terraform's `auth_token` drift.
 *
 * Rotation: bump the `GeneratedSecret` version; the invocation's update sets the user's passwords to
 * [new, previous] (both work, as `auth_token_update_strategy = ROTATE` did); External Secrets
 * refreshes the Kubernetes Secret, then restart the clients (env vars are read at start). The previous
 * token stops working at the next rotation.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
 */
import { Construct } from 'constructs';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { z } from 'zod';
import { dataScope } from '../layers/data-scope';
import { requireLayer } from '../layers/mlops-stack';
import { NAME_LIMITS } from '../naming';
import { GeneratedSecret, plainGeneratedSecretSchema } from '../secrets/generated-secret';
import { Schemas } from '../schemas';
import { validateProps } from '../validation';
import { ENGINES } from '../versions';
import { AwsElasticacheParameterGroup, AwsElasticacheReplicationGroup, AwsElasticacheSubnetGroup } from '../resources/aws-databases';
import { AwsVpcSecurityGroupIngressRule } from '../resources/aws-network';
import { RedisRbacUser } from './redis-rbac-user';

/** Port of the groups. */
export const REDIS_PORT = 6379;

/** Daily snapshot and weekly maintenance windows (UTC); they must not overlap. */
export const REDIS_WINDOWS = { snapshot: '03:00-04:00', maintenance: 'sun:05:00-sun:06:00' } as const;

/** Suffixes of the group id that name its two `default` users: the disabled one and the password one. */
export const REDIS_USER_SUFFIXES = { disabled: '-off', password: '-app' } as const;

/** Access string of the disabled `default` user: off, no command. */
export const REDIS_DISABLED_ACCESS_STRING = 'off -@all';

/** What a client needs of a group (`ManagedRedis` implements it). */
export interface IManagedRedis {
  /** Primary endpoint (host name). */
  readonly host: string;
  /** Port. */
  readonly port: number;
  /** The AUTH token (plain string). */
  readonly authToken: GeneratedSecret;
}

/** Props of {@link ManagedRedis}. */
export interface ManagedRedisProps {
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
  /**
   * Engine parameters (a parameter group `<group id>-params` of the engine's family).
   * @default - ElastiCache's default parameter group
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * What the group is for, in the descriptions of the group, its subnet group and security group (a
   * changed security group description replaces the group: keep it stable).
   * @default 'Redis'
   */
  readonly purpose?: string;
}

/** The Redis OSS major the library supports (parameter group family `redis<major>`; Redis 6 is `redis6.x`). */
export const REDIS_MAJOR = ENGINES.redis.split('.')[0];

const schema = Schemas.props<ManagedRedisProps>()({
  replicationGroupId: z
    .string()
    .max(NAME_LIMITS.elasticacheReplicationGroup, { message: `is longer than ${NAME_LIMITS.elasticacheReplicationGroup} characters; use elasticacheId() to fit it` })
    .regex(/^[a-z]([a-z0-9]|-(?!-))*[a-z0-9]$/, { message: 'is not a replication group id; use lowercase letters, digits and single "-", starting with a letter' }),
  vpcId: z.string().min(1, { message: 'is empty; pass the VPC of the cluster' }),
  subnetIds: z.array(z.string()).min(1, { message: 'is empty; pass the private subnets of the cluster' }),
  clientSecurityGroupId: z.string().min(1, { message: 'is empty; pass the security group of the cluster nodes' }),
  kmsKeyArn: Schemas.kmsKeyArn(),
  authToken: plainGeneratedSecretSchema('Redis AUTH takes the token itself'),
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an ElastiCache node type; use e.g. "cache.r7g.large"' }),
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/, { message: 'is not a Redis OSS major.minor version; use e.g. "7.1"', abort: true })
    .refine((v) => v.split('.')[0] === REDIS_MAJOR, { message: `is not a Redis OSS major the library supports; use ${REDIS_MAJOR}.<minor>, e.g. "${ENGINES.redis}" (ENGINES.redis)` })
    .optional(),
  numCacheClusters: z.number().int().min(1, { message: 'must be at least 1 (the primary)' }).max(6, { message: 'is over 6, the ElastiCache maximum of a replication group without cluster mode' }),
  snapshotRetentionDays: z.number().int().min(0).max(35, { message: 'is over 35 days, the ElastiCache maximum' }),
  preventDestroy: z.boolean(),
  parameters: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'is not an ElastiCache parameter name; use e.g. "maxmemory-policy"' }), z.string()).optional(),
  purpose: z.string().min(1).max(200).optional(),
});

/** An encrypted, authenticated, private ElastiCache for Redis OSS replication group. */
export class ManagedRedis extends Construct implements IManagedRedis {
  public readonly replicationGroup: AwsElasticacheReplicationGroup;
  public readonly securityGroup: SecurityGroup;
  /** The parameter group, when `parameters` were given. */
  public readonly parameterGroup?: AwsElasticacheParameterGroup;
  /** Primary endpoint (host name) of the group. */
  public readonly host: string;
  /** Port of the group. */
  public readonly port: number = REDIS_PORT;
  /** The AUTH token: the password of the group's `default` user. */
  public readonly authToken: GeneratedSecret;
  /** The disabled `default` user the group is created with. */
  public readonly disabledUser: ElasticacheUser;
  /** The RBAC user group of the replication group. */
  public readonly userGroup: ElasticacheUserGroup;
  /** The apply-time function that creates, rotates and deletes the password user. */
  public readonly rbacUser: RedisRbacUser;

  constructor(scope: Construct, id: string, props: ManagedRedisProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'ManagedRedis');
    // Stateful: in the data stack when the cloud stack has one (dataScope); the ingress rule from the
    // cluster's nodes stays here, in the cloud stack, so the data layer never references the cluster.
    const data = dataScope(this);
    const groupId = props.replicationGroupId;
    const failover = props.numCacheClusters >= 2;
    const purpose = props.purpose ?? 'Redis';
    const engineVersion = props.engineVersion ?? ENGINES.redis;
    this.authToken = props.authToken;

    const subnetGroup = new AwsElasticacheSubnetGroup(data, 'subnet-group', {
      name: groupId,
      description: `Private subnets of ${purpose} ${groupId}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new SecurityGroup(data, 'security-group', {
      name: `${groupId}-redis`,
      description: `${purpose} ${groupId}: Redis from the cluster nodes only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new AwsVpcSecurityGroupIngressRule(this, 'ingress-from-nodes', {
      securityGroupId: this.securityGroup.id,
      description: 'Redis (TLS) from the EKS node security group',
      ipProtocol: 'tcp',
      fromPort: REDIS_PORT,
      toPort: REDIS_PORT,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    if (props.parameters) {
      this.parameterGroup = new AwsElasticacheParameterGroup(data, 'parameter-group', {
        name: `${groupId}-params`,
        family: `redis${engineVersion.split('.')[0]}`,
        description: `${purpose} ${groupId}`,
        parameter: Object.keys(props.parameters).sort().map((name) => ({ name, value: props.parameters![name] })),
        lifecycle: { createBeforeDestroy: true },
      });
    }
    // RBAC, authenticated from birth: the group's only `default` user is off until the password user
    // (created by RedisRbacUser at apply time, outside the state) replaces it in the group.
    this.disabledUser = new ElasticacheUser(data, 'disabled-user', {
      userId: `${groupId}${REDIS_USER_SUFFIXES.disabled}`,
      userName: 'default',
      engine: 'redis',
      accessString: REDIS_DISABLED_ACCESS_STRING,
      authenticationMode: { type: 'no-password-required' },
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.userGroup = new ElasticacheUserGroup(data, 'user-group', {
      userGroupId: groupId,
      engine: 'redis',
      userIds: [this.disabledUser.userId],
      // The Lambda swaps its password user in for the disabled one: membership is its business.
      lifecycle: { ignoreChanges: ['user_ids'], preventDestroy: props.preventDestroy },
    });
    this.replicationGroup = new AwsElasticacheReplicationGroup(data, 'replication-group', {
      replicationGroupId: groupId,
      description: `${purpose} ${groupId}`,
      engine: 'redis',
      engineVersion,
      autoMinorVersionUpgrade: 'true',
      nodeType: props.nodeType,
      numCacheClusters: props.numCacheClusters,
      port: REDIS_PORT,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      ...(this.parameterGroup ? { parameterGroupName: this.parameterGroup.name } : {}),
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      userGroupIds: [this.userGroup.userGroupId],
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
    this.rbacUser = new RedisRbacUser(data, 'rbac-user', {
      userGroupId: this.userGroup.userGroupId,
      disabledUserId: this.disabledUser.userId,
      userId: `${groupId}${REDIS_USER_SUFFIXES.password}`,
      password: props.authToken,
      functionName: `${groupId}-redis-users`,
      preventDestroy: props.preventDestroy,
      dependsOn: [this.replicationGroup],
    });
  }
}
