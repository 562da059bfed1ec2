/**
 * `RedisRbacUser` (data layer): the password user of an ElastiCache for Redis OSS RBAC user group,
 * created at apply time by a Lambda function so that **the password never enters Terraform's state**.
 *
 * The aws provider (6.25) has no write-only argument for `aws_elasticache_user` passwords nor for
 * `aws_elasticache_replication_group.auth_token`, so a password Terraform sets is stored in the state.
 * Here Terraform manages only what holds no secret ({@link ApplyTimeFunction}) — the function (code from the package:
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
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { z } from 'zod';
import { ApplyTimeEnvironment, ApplyTimeFunction, APPLY_TIME_LOG_RETENTION_DAYS, lambdaHandlerDir } from '../apply-time/apply-time-function';
import { requireLayer } from '../layers/mlops-stack';
import { PolicyStatement } from '../iam';
import { AwsCloudwatchLogGroup } from '../resources/aws-events';
import { AwsIamRole } from '../resources/aws-iam-role';
import { AwsKmsKey } from '../resources/aws-kms';
import { GeneratedSecret, plainGeneratedSecretSchema } from '../secrets/generated-secret';
import { Schemas } from '../schemas';
import { validateProps } from '../validation';

/** Access string of the password user: every key, channel and command (what Feast, Langfuse and Envoy's rate limit use). */
export const REDIS_APP_ACCESS_STRING = 'on ~* &* +@all';

/** Seconds the function may run: creating a user and modifying the user group each take minutes. */
export const REDIS_RBAC_FUNCTION_TIMEOUT = 900;

/** Days the function's log group keeps events. */
export const REDIS_RBAC_LOG_RETENTION_DAYS = APPLY_TIME_LOG_RETENTION_DAYS;

/** Name of the handler folder under `lambda/`. */
export const REDIS_RBAC_HANDLER = 'redis-rbac-user';

/** The handler folder in the installed package (or this repository). */
export function redisRbacHandlerDir(): string {
  return lambdaHandlerDir(REDIS_RBAC_HANDLER);
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
  password: plainGeneratedSecretSchema('the user password is the value itself'),
  functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a Lambda function name; use 1-64 letters, digits, "-" and "_"' }),
  accessString: z
    .string()
    .regex(/^(on|off)( \S+)*$/, { message: 'is not an ElastiCache access string; start with "on" and add rules, e.g. "on ~* &* +@all"' })
    .optional(),
  logRetentionDays: z.number().int().positive().optional(),
  preventDestroy: z.boolean(),
  dependsOn: z.array(z.custom<ITerraformDependable>((v) => typeof v === 'object' && v !== null, { message: 'must be Terraform resources' })).optional(),
});

const elasticacheArn = ({ partition, region, account }: Omit<ApplyTimeEnvironment, 'writeOwnLogs'>, type: string, name: string) =>
  `arn:${partition}:elasticache:${region}:${account}:${type}:${name}`;

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
    const secret = props.password;
    // "Default" hides the function's construct from the logical ids: its resources keep the addresses
    // they had when RedisRbacUser created them itself (deployed state).
    const fn = new ApplyTimeFunction(this, 'Default', {
      handler: REDIS_RBAC_HANDLER,
      functionName: props.functionName,
      description: `Creates, rotates and deletes ElastiCache user ${props.userId} (password from Secrets Manager, never in Terraform state)`,
      roleDescription: `Lambda ${props.functionName}: manages ElastiCache user ${props.userId}`,
      policyName: 'manage-redis-user',
      statements: (env) => {
        const userArn = elasticacheArn(env, 'user', props.userId);
        const statements: PolicyStatement[] = [
          { Sid: 'ManageTheUser', Effect: 'Allow', Action: ['elasticache:CreateUser', 'elasticache:ModifyUser', 'elasticache:DeleteUser', 'elasticache:DescribeUsers'], Resource: userArn },
          {
            Sid: 'SwapTheGroupMembers',
            Effect: 'Allow',
            Action: ['elasticache:ModifyUserGroup', 'elasticache:DescribeUserGroups'],
            Resource: [elasticacheArn(env, 'usergroup', props.userGroupId), userArn, elasticacheArn(env, 'user', props.disabledUserId)],
          },
          { Sid: 'ReadThePassword', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret.secretArn },
          env.writeOwnLogs,
        ];
        if (secret.kmsKeyArn !== undefined) {
          statements.push({
            Sid: 'DecryptThePasswordThroughSecretsManager',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: secret.kmsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${env.region}.amazonaws.com` } },
          });
        }
        return statements;
      },
      input: {
        userGroupId: props.userGroupId,
        disabledUserId: props.disabledUserId,
        userId: props.userId,
        accessString: props.accessString ?? REDIS_APP_ACCESS_STRING,
        engine: 'redis',
        secretArn: secret.secretArn,
        secretVersionId: secret.secretVersion.versionId,
      },
      timeout: REDIS_RBAC_FUNCTION_TIMEOUT,
      logRetentionDays: props.logRetentionDays ?? REDIS_RBAC_LOG_RETENTION_DAYS,
      preventDestroy: props.preventDestroy,
      dependsOn: props.dependsOn,
    });
    this.userArn = elasticacheArn(fn.env, 'user', props.userId);
    this.function = fn.function;
    this.role = fn.role;
    this.logGroup = fn.logGroup;
    this.logsKey = fn.logsKey;
    this.invocation = fn.invocation;
  }
}
