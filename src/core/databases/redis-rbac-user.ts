/**
 * `RedisRbacUser` (data layer): the password user of an ElastiCache for Redis OSS RBAC user group,
 * created at apply time by a Lambda function so that **the password never enters Terraform's state**.
 *
 * The aws provider (6.25) has no write-only argument for `aws_elasticache_user` passwords nor for
 * `aws_elasticache_replication_group.auth_token`, so a password Terraform sets is stored in the state.
 * Here Terraform manages only what holds no secret — the function (code from the package:
 * `lambda/redis-rbac-user/index.js`), its role, its log group — and an `aws_lambda_invocation` with
 * `lifecycle_scope = "CRUD"` whose input is ids, ARNs and the Secrets Manager **version id** of the
 * token. The function reads the token from Secrets Manager itself and:
 *
 * - create: creates the user `userId` (user name `default`, so `AUTH <token>` authenticates as it;
 *   the clients keep sending the token alone), waits until it is active, and swaps it into the user
 *   group in place of the disabled `default` user Terraform created; a retried create succeeds;
 * - update (a new secret version: rotation): sets the passwords to [new, previous] — both work, as
 *   `auth_token_update_strategy = ROTATE` did — until the next rotation replaces the previous one;
 * - delete: swaps the disabled user back in and deletes the user.
 *
 * The invocation's `result` (kept in the state) holds the action, the ids and the number of
 * passwords, never a password. The role may only call those ElastiCache actions on this user and
 * group, read this one secret (and decrypt it through Secrets Manager with its key), and write to its
 * own log group (retention and a customer managed key). The function needs no VPC: it calls the
 * ElastiCache and Secrets Manager control-plane APIs only.
 *
 * Order: the invocation runs after the replication group exists (`dependsOn`) and is destroyed
 * before it; until it ran, the group's only `default` user is `off`, so no client can authenticate.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_invocation
 */
import * as fs from 'fs';
import * as path from 'path';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { z } from 'zod';
import { requireLayer } from '../layers/mlops-stack';
import { iamRoleName } from '../naming';
import { policyDocument, policyJson, PolicyStatement, serviceTrustPolicy } from '../iam';
import { KMS_DELETION_WINDOW_DAYS } from '../customer-managed-key';
import { lambdaArchiveAsset } from '../lambda-archive';
import { logsKeyPolicy } from '../kms-policies';
import { GeneratedSecret } from '../secrets/generated-secret';
import { Schemas } from '../schemas';
import { validateProps } from '../validation';
import { LAMBDA_RUNTIMES } from '../versions';
import { AwsCloudwatchLogGroup } from '../resources/aws-events';
import { AwsIamRole, AwsIamRolePolicy } from '../resources/aws-iam-role';
import { AwsKmsKey } from '../resources/aws-kms';

/** Access string of the password user: every key, channel and command (what Feast, Langfuse and Envoy's rate limit use). */
export const REDIS_APP_ACCESS_STRING = 'on ~* &* +@all';

/** Seconds the function may run: creating a user and modifying the user group each take minutes. */
export const REDIS_RBAC_FUNCTION_TIMEOUT = 900;

/** Days the function's log group keeps events. */
export const REDIS_RBAC_LOG_RETENTION_DAYS = 90;

/** Folder of the handler, shipped in the package (`files` of package.json). */
export const REDIS_RBAC_HANDLER = path.join('lambda', 'redis-rbac-user');

/** The handler folder: found from this file in the repository (src/) and in the package (dist/src/). */
export function redisRbacHandlerDir(): string {
  for (const up of ['../../..', '../../../..']) {
    const dir = path.resolve(__dirname, up, REDIS_RBAC_HANDLER);
    if (fs.existsSync(path.join(dir, 'index.js'))) return dir;
  }
  throw new Error(`RedisRbacUser: the Lambda handler ${REDIS_RBAC_HANDLER}/index.js is missing from the cdktf-mlops package; reinstall it`);
}

/** Props of {@link RedisRbacUser}. */
export interface RedisRbacUserProps {
  /** The RBAC user group (`aws_elasticache_user_group.user_group_id`). */
  readonly userGroupId: string;
  /** Id of the disabled `default` user Terraform keeps in the group until the password user replaces it. */
  readonly disabledUserId: string;
  /** Id of the password user the function creates (lowercase letters, digits and single "-"). */
  readonly userId: string;
  /** The password (a plain-string `GeneratedSecret`); bump its version to rotate. */
  readonly password: GeneratedSecret;
  /** Name of the function (≤ 64 characters), also its log group's `/aws/lambda/<name>`. */
  readonly functionName: string;
  /**
   * Access string of the password user.
   * @default REDIS_APP_ACCESS_STRING
   */
  readonly accessString?: string;
  /**
   * Days the log group keeps events.
   * @default REDIS_RBAC_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /** `lifecycle.prevent_destroy` of the log group's KMS key. */
  readonly preventDestroy: boolean;
  /**
   * What must exist before the user is created (the replication group using the user group).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const redisId = (what: string) =>
  z.string().regex(/^[a-z]([a-z0-9]|-(?!-))*[a-z0-9]$/, { message: `is not an ElastiCache ${what} id; use lowercase letters, digits and single "-", starting with a letter` });

const schema = Schemas.props<RedisRbacUserProps>()({
  userGroupId: z.string().min(1, { message: 'is empty; pass the user group id' }),
  disabledUserId: z.string().min(1, { message: 'is empty; pass the id of the disabled default user' }),
  userId: redisId('user'),
  password: z.custom<GeneratedSecret>((v) => v instanceof GeneratedSecret && v.jsonKeys === undefined, {
    message: 'must be a plain-string GeneratedSecret (no jsonFields/passwordKey); the user password is the value itself',
  }),
  functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a Lambda function name; use 1-64 letters, digits, "-" and "_"' }),
  accessString: z
    .string()
    .regex(/^(on|off)( \S+)*$/, { message: 'is not an ElastiCache access string; start with "on" and add rules, e.g. "on ~* &* +@all"' })
    .optional(),
  logRetentionDays: z.number().int().positive().optional(),
  preventDestroy: z.boolean(),
  dependsOn: z.array(z.custom<ITerraformDependable>((v) => typeof v === 'object' && v !== null, { message: 'must be Terraform resources' })).optional(),
});

/** The apply-time Lambda function that owns the password user of a Redis RBAC user group. */
export class RedisRbacUser extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: AwsIamRole;
  public readonly logGroup: AwsCloudwatchLogGroup;
  /** The customer managed key of the log group. */
  public readonly logsKey: AwsKmsKey;
  /** The invocation whose create, update and delete create, rotate and delete the user. */
  public readonly invocation: LambdaInvocation;
  /** ARN of the password user. */
  public readonly userArn: string;

  constructor(scope: Construct, id: string, props: RedisRbacUserProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'RedisRbacUser');
    const partition = new DataAwsPartition(this, 'partition').partition;
    const region = new DataAwsRegion(this, 'region').region;
    const account = new DataAwsCallerIdentity(this, 'caller').accountId;
    const elasticacheArn = (type: string, name: string) => `arn:${partition}:elasticache:${region}:${account}:${type}:${name}`;
    this.userArn = elasticacheArn('user', props.userId);
    const groupArn = elasticacheArn('usergroup', props.userGroupId);
    const disabledArn = elasticacheArn('user', props.disabledUserId);

    this.logsKey = new AwsKmsKey(this, 'logs-key', {
      description: `Logs of Lambda function ${props.functionName}`,
      enableKeyRotation: true,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      policy: policyJson(logsKeyPolicy(partition, account, region)),
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.logGroup = new AwsCloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? REDIS_RBAC_LOG_RETENTION_DAYS,
      kmsKeyId: this.logsKey.arn,
    });
    this.role = new AwsIamRole(this, 'role', {
      name: iamRoleName(props.functionName),
      description: `Lambda ${props.functionName}: manages ElastiCache user ${props.userId}`,
      assumeRolePolicy: policyJson(serviceTrustPolicy('lambda.amazonaws.com')),
    });
    const secret = props.password;
    const statements: PolicyStatement[] = [
      { Sid: 'ManageTheUser', Effect: 'Allow', Action: ['elasticache:CreateUser', 'elasticache:ModifyUser', 'elasticache:DeleteUser', 'elasticache:DescribeUsers'], Resource: this.userArn },
      { Sid: 'SwapTheGroupMembers', Effect: 'Allow', Action: ['elasticache:ModifyUserGroup', 'elasticache:DescribeUserGroups'], Resource: [groupArn, this.userArn, disabledArn] },
      { Sid: 'ReadThePassword', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret.secretArn },
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` },
    ];
    if (secret.kmsKeyArn !== undefined) {
      statements.push({
        Sid: 'DecryptThePasswordThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: secret.kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
      });
    }
    const policy = new AwsIamRolePolicy(this, 'policy', { role: this.role.name, name: 'manage-redis-user', policy: policyJson(policyDocument(...statements)) });

    // The prebuilt zip of the handler (one node process less per function at synth; see lambda-archive.ts).
    const code = lambdaArchiveAsset(this, 'code', redisRbacHandlerDir());
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: `Creates, rotates and deletes ElastiCache user ${props.userId} (password from Secrets Manager, never in Terraform state)`,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIMES.nodejs,
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout: REDIS_RBAC_FUNCTION_TIMEOUT,
      memorySize: 128,
      dependsOn: [this.logGroup],
    });
    this.invocation = new LambdaInvocation(this, 'invocation', {
      functionName: this.function.functionName,
      lifecycleScope: 'CRUD',
      input: Fn.jsonencode({
        userGroupId: props.userGroupId,
        disabledUserId: props.disabledUserId,
        userId: props.userId,
        accessString: props.accessString ?? REDIS_APP_ACCESS_STRING,
        engine: 'redis',
        secretArn: secret.secretArn,
        secretVersionId: secret.secretVersion.versionId,
      }),
      // The policy and the log group stay until the delete invocation ran.
      dependsOn: [policy, this.logGroup, ...(props.dependsOn ?? [])],
    });
  }
}
