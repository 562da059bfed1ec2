/**
 * `ApplyTimeFunction`: a Lambda function of the library's `lambda/<handler>/` folder that Terraform
 * invokes on create, update and destroy (`aws_lambda_invocation` with `lifecycle_scope = "CRUD"`), so
 * that a resource whose provider would keep a secret in the state (an ElastiCache password user, a
 * Cognito app client with a secret) is created and owned by the function, **outside Terraform's
 * state**. Terraform manages only what holds no secret:
 *
 * - the handler folder's prebuilt zip (`lambda/archives/<handler>/archive.zip`, {@link lambdaArchiveAsset});
 *   the handlers use the AWS SDK v3 of the Node.js runtime ({@link LAMBDA_RUNTIMES}) and have no
 *   dependencies;
 * - the function's role, with the statements the caller gives plus writing its own log streams;
 * - its log group (retention, a customer managed key with `prevent_destroy` as asked);
 * - the invocation, whose input is ids, ARNs and settings — never a secret — and whose `result` (kept
 *   in the state) is what the handler returns; {@link ApplyTimeFunction.resultField} reads one field.
 *
 * The invocation depends on the role policy and the log group, so both stay until the delete
 * invocation ran. Users of the construct: `RedisRbacUser`, `FrontDoorAppClient`.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_invocation
 */
import * as fs from 'fs';
import * as path from 'path';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { z } from 'zod';
import { KMS_DELETION_WINDOW_DAYS } from '../customer-managed-key';
import { policyDocument, policyJson, PolicyStatement, serviceTrustPolicy } from '../iam';
import { logsKeyPolicy } from '../kms-policies';
import { requireLayer } from '../layers/mlops-stack';
import { lambdaArchiveAsset } from '../lambda-archive';
import { iamRoleName } from '../naming';
import { AwsCloudwatchLogGroup } from '../resources/aws-events';
import { AwsIamRole, AwsIamRolePolicy } from '../resources/aws-iam-role';
import { AwsKmsKey } from '../resources/aws-kms';
import { Schemas } from '../schemas';
import { validateProps } from '../validation';
import { LAMBDA_RUNTIMES } from '../versions';
import { findPackageRoot } from '../package-root';
import { attributeString, dependencyStrings } from '../resources/reference-tokens';

/** Days an apply-time function's log group keeps events. */
export const APPLY_TIME_LOG_RETENTION_DAYS = 90;

/** Seconds an apply-time function may run, unless its props say otherwise. */
export const APPLY_TIME_FUNCTION_TIMEOUT = 60;

/** Folder of the library's Lambda handlers (shipped in the package: `files` of package.json). */
export const LAMBDA_HANDLERS_DIR = 'lambda';

/**
 * The folder of handler `name` (`lambda/<name>`, holding `index.js`) in the installed package (or
 * this repository): found from the package root, so it works from the sources, the compiled modules
 * and the bundles alike.
 */
export function lambdaHandlerDir(name: string): string {
  const root = findPackageRoot();
  const dir = root && path.join(root.dir, LAMBDA_HANDLERS_DIR, name);
  if (dir && fs.existsSync(path.join(dir, 'index.js'))) return dir;
  throw new Error(`the Lambda handler ${LAMBDA_HANDLERS_DIR}/${name}/index.js is missing from the cdktf-mlops package; reinstall it`);
}

/** Where the function runs, and its log group: what the caller's policy statements are built from. */
export interface ApplyTimeEnvironment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /**
   * The statement that lets the function write its own log streams. The construct appends it to
   * the caller's statements unless they contain it already (at a place of their choosing).
   */
  readonly writeOwnLogs: PolicyStatement;
}

/** Props of {@link ApplyTimeFunction}. */
export interface ApplyTimeFunctionProps {
  /** Name of the handler folder under `lambda/` of the package (it holds `index.js` exporting `handler`). */
  readonly handler: string;
  /** Name of the function (≤ 64 characters), also its role's name and its log group's `/aws/lambda/<name>`. */
  readonly functionName: string;
  /** Description of the function: what it creates, updates and deletes. */
  readonly description: string;
  /** Description of the function's role. */
  readonly roleDescription: string;
  /** Name of the role's inline policy. */
  readonly policyName: string;
  /** The role's statements (least privilege: the resources the function owns), built from where it runs. */
  readonly statements: (env: ApplyTimeEnvironment) => PolicyStatement[];
  /**
   * The invocation's input: ids, ARNs and settings, never a secret (it is stored in the state).
   * Terraform adds `tf: { action, prev_input }`.
   */
  readonly input: Record<string, unknown>;
  /**
   * Seconds the function may run.
   * @default APPLY_TIME_FUNCTION_TIMEOUT
   */
  readonly timeout?: number;
  /**
   * Days the log group keeps events.
   * @default APPLY_TIME_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /** `lifecycle.prevent_destroy` of the log group's KMS key. */
  readonly preventDestroy: boolean;
  /**
   * What must exist before the first invocation (and stay until the delete invocation ran).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<ApplyTimeFunctionProps>()({
  handler: z.string().regex(/^[a-z0-9-]+$/, { message: 'is not a handler folder name; use lowercase letters, digits and "-"' }),
  functionName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a Lambda function name; use 1-64 letters, digits, "-" and "_"' }),
  description: z.string().max(256, { message: 'is longer than the 256 characters of a Lambda description; shorten it' }),
  roleDescription: z.string().max(1000, { message: 'is longer than the 1000 characters of an IAM role description; shorten it' }),
  policyName: z.string().regex(/^[\w+=,.@-]{1,128}$/, { message: 'is not an IAM policy name; use 1-128 letters, digits and +=,.@-_' }),
  statements: z.custom<ApplyTimeFunctionProps['statements']>((v) => typeof v === 'function', { message: 'must be a function returning policy statements' }),
  input: z.record(z.string(), z.unknown()),
  timeout: z.number().int().min(1).max(900, { message: 'is over the 900 seconds a Lambda function may run' }).optional(),
  logRetentionDays: z.number().int().positive().optional(),
  preventDestroy: z.boolean(),
  dependsOn: z.array(z.custom<ITerraformDependable>((v) => typeof v === 'object' && v !== null, { message: 'must be Terraform resources' })).optional(),
});

/**
 * A Lambda function invoked by Terraform on create, update and destroy, owning what Terraform must
 * not (a secret). `R` is the shape of the handler's result.
 */
export class ApplyTimeFunction<R extends Record<string, unknown> = Record<string, unknown>> extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: AwsIamRole;
  public readonly policy: AwsIamRolePolicy;
  public readonly logGroup: AwsCloudwatchLogGroup;
  /** The customer managed key of the log group. */
  public readonly logsKey: AwsKmsKey;
  /** The invocation whose create, update and delete run the handler. */
  public readonly invocation: LambdaInvocation;
  /** Where the function runs. */
  public readonly env: Omit<ApplyTimeEnvironment, 'writeOwnLogs'>;

  constructor(scope: Construct, id: string, props: ApplyTimeFunctionProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'ApplyTimeFunction');
    const partition = attributeString(new DataAwsPartition(this, 'partition'), 'partition');
    const region = attributeString(new DataAwsRegion(this, 'region'), 'region');
    const account = attributeString(new DataAwsCallerIdentity(this, 'caller'), 'account_id');
    this.env = { partition, region, account };

    this.logsKey = new AwsKmsKey(this, 'logs-key', {
      description: `Logs of Lambda function ${props.functionName}`,
      enableKeyRotation: true,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      policy: policyJson(logsKeyPolicy(partition, account, region)),
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.logGroup = new AwsCloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? APPLY_TIME_LOG_RETENTION_DAYS,
      kmsKeyId: this.logsKey.arn,
    });
    this.role = new AwsIamRole(this, 'role', {
      name: iamRoleName(props.functionName),
      description: props.roleDescription,
      assumeRolePolicy: policyJson(serviceTrustPolicy('lambda.amazonaws.com')),
    });
    const writeOwnLogs: PolicyStatement = { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` };
    const statements = props.statements({ ...this.env, writeOwnLogs });
    if (!statements.includes(writeOwnLogs)) statements.push(writeOwnLogs);
    this.policy = new AwsIamRolePolicy(this, 'policy', { role: this.role.name, name: props.policyName, policy: policyJson(policyDocument(...statements)) });

    // The prebuilt zip of the handler (one node process less per function at synth; see lambda-archive.ts).
    const code = lambdaArchiveAsset(this, 'code', lambdaHandlerDir(props.handler));
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIMES.nodejs,
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout: props.timeout ?? APPLY_TIME_FUNCTION_TIMEOUT,
      memorySize: 128,
    });
    this.function.dependsOn = dependencyStrings([this.logGroup]);
    this.invocation = new LambdaInvocation(this, 'invocation', {
      functionName: this.function.functionName,
      lifecycleScope: 'CRUD',
      input: Fn.jsonencode(props.input),
    });
    // The policy and the log group stay until the delete invocation ran.
    this.invocation.dependsOn = dependencyStrings([this.policy, this.logGroup, ...(props.dependsOn ?? [])]);
  }

  /** Field `key` of the handler's result (`jsondecode(result).<key>`; a reference, also across stacks). */
  public resultField<K extends keyof R & string>(key: K): string {
    return Token.asString(Fn.lookup(Fn.jsondecode(attributeString(this.invocation, 'result')), key));
  }
}
