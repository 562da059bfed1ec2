import { Testing } from 'cdktf';
import { ManagedRedis } from '../../../src/core/databases/managed-redis';
import { REDIS_APP_ACCESS_STRING, RedisRbacUser, redisRbacHandlerDir } from '../../../src/core/databases/redis-rbac-user';
import { StackSet } from '../../../src/core/layers/stack-set';
import { GeneratedSecret } from '../../../src/core/secrets/generated-secret';
import { LAMBDA_RUNTIMES } from '../../../src/core/versions';
import { cloudStack, onlyResource, platformStack, policy, resourceList, synth, TEST_ENV, testApp } from '../../helpers/synth';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const PROPS = { replicationGroupId: 'test-cache', vpcId: 'vpc-1', subnetIds: ['subnet-1'], clientSecurityGroupId: 'sg-1', kmsKeyArn: KMS, nodeType: 'cache.t4g.small', numCacheClusters: 1, snapshotRetentionDays: 1, preventDestroy: false };

describe('ManagedRedis', () => {
  const cs = cloudStack();
  const token = new GeneratedSecret(cs, 'token', { secretName: 't', preset: 'dev', kmsKeyArn: KMS });
  new ManagedRedis(cs, 'cache', { ...PROPS, authToken: token, parameters: { 'maxmemory-policy': 'noeviction' }, purpose: 'Test cache' });
  const json = synth(cs);
  const rg = onlyResource(json, 'aws_elasticache_replication_group');
  /** `type.name` of the one resource (or data source, `data.type.name`) of `type` whose construct path ends with `suffix`. */
  const ref = (type: string, suffix: string, data = false) => {
    const byName = (data ? json.data : json.resource)![type] as Record<string, any>;
    const name = Object.keys(byName).find((n) => byName[n]['//'].metadata.path.endsWith(suffix));
    return `${data ? 'data.' : ''}${type}.${name}`;
  };

  test('engine parameters get a parameter group of the engine family; bad sizes are refused', () => {
    expect(resourceList(json, 'aws_elasticache_parameter_group')[0]).toMatchObject({ name: 'test-cache-params', family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] });
    expect(resourceList(json, 'aws_security_group')[0].description).toBe('Test cache test-cache: Redis from the cluster nodes only');
    expect(() => new ManagedRedis(cloudStack(), 'c', { ...PROPS, authToken: new GeneratedSecret(cloudStack(testApp(), 'x'), 't', { secretName: 't' }), numCacheClusters: 7 })).toThrow('numCacheClusters = 7 is over 6, the ElastiCache maximum of a replication group without cluster mode');
  });

  test('RBAC from birth: the user group holds only a disabled, password-less default user; the group uses it and sets no auth_token', () => {
    expect(onlyResource(json, 'aws_elasticache_user')).toMatchObject({
      user_id: 'test-cache-off',
      user_name: 'default',
      engine: 'redis',
      access_string: 'off -@all',
      authentication_mode: { type: 'no-password-required' },
    });
    expect(onlyResource(json, 'aws_elasticache_user').passwords).toBeUndefined();
    expect(onlyResource(json, 'aws_elasticache_user_group')).toMatchObject({
      user_group_id: 'test-cache',
      engine: 'redis',
      user_ids: [`${'${'}${ref('aws_elasticache_user', 'cache/disabled-user')}.user_id}`],
      lifecycle: { ignore_changes: ['user_ids'], prevent_destroy: false },
    });
    expect([rg.user_group_ids, rg.transit_encryption_mode, rg.auth_token, rg.auth_token_update_strategy]).toEqual([
      [`${'${'}${ref('aws_elasticache_user_group', 'cache/user-group')}.user_group_id}`],
      'required',
      undefined,
      undefined,
    ]);
    expect(json.data?.aws_secretsmanager_secret_version).toBeUndefined();
  });

  test('the password user: a Lambda function invoked with CRUD scope, after the group exists, given ids and the version id only', () => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect([fn.function_name, fn.runtime, fn.handler, fn.timeout, fn.vpc_config, fn.environment]).toEqual(['test-cache-redis-users', LAMBDA_RUNTIMES.nodejs, 'index.handler', 900, undefined, undefined]);
    expect(fn.filename).toMatch(/^assets\/cache_rbac-user_code_[0-9A-F]+\/[0-9A-F]+\/archive\.zip$/);
    const invocation = onlyResource(json, 'aws_lambda_invocation');
    expect(invocation.lifecycle_scope).toBe('CRUD');
    expect(invocation.depends_on).toContain(ref('aws_elasticache_replication_group', 'cache/replication-group'));
    expect(invocation.depends_on).toContain(ref('aws_iam_role_policy', 'rbac-user/Default/policy'));
    expect(invocation.input).toBe(
      `${'${'}jsonencode({"userGroupId" = ${ref('aws_elasticache_user_group', 'cache/user-group')}.user_group_id, "disabledUserId" = ${ref('aws_elasticache_user', 'cache/disabled-user')}.user_id, ` +
        `"userId" = "test-cache-app", "accessString" = "${REDIS_APP_ACCESS_STRING}", "engine" = "redis", "secretArn" = ${ref('aws_secretsmanager_secret', 'token/secret')}.arn, ` +
        `"secretVersionId" = ${ref('aws_secretsmanager_secret_version', 'token/value')}.version_id})}`,
    );
    expect(redisRbacHandlerDir()).toMatch(/lambda\/redis-rbac-user$/);
  });

  test('least privilege: these ElastiCache actions on this user and group, this secret, its key via Secrets Manager, its own log group', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(policy(role.assume_role_policy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const statements = policy(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    const $ = (expression: string) => `${'${'}${expression}}`;
    const region = $(`${ref('aws_region', 'rbac-user/Default/region', true)}.region`);
    const prefix = `arn:${$(`${ref('aws_partition', 'rbac-user/Default/partition', true)}.partition`)}:elasticache:${region}:${$(`${ref('aws_caller_identity', 'rbac-user/Default/caller', true)}.account_id`)}`;
    const user = `${prefix}:user:test-cache-app`;
    expect(statements.map((s: any) => [s.Sid, s.Action, s.Resource])).toEqual([
      ['ManageTheUser', ['elasticache:CreateUser', 'elasticache:ModifyUser', 'elasticache:DeleteUser', 'elasticache:DescribeUsers'], user],
      ['SwapTheGroupMembers', ['elasticache:ModifyUserGroup', 'elasticache:DescribeUserGroups'], [`${prefix}:usergroup:${$(`${ref('aws_elasticache_user_group', 'cache/user-group')}.user_group_id`)}`, user, `${prefix}:user:${$(`${ref('aws_elasticache_user', 'cache/disabled-user')}.user_id`)}`]],
      ['ReadThePassword', 'secretsmanager:GetSecretValue', $(`${ref('aws_secretsmanager_secret', 'token/secret')}.arn`)],
      ['WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], `${$(`${ref('aws_cloudwatch_log_group', 'rbac-user/Default/log-group')}.arn`)}:*`],
      ['DecryptThePasswordThroughSecretsManager', 'kms:Decrypt', KMS],
    ]);
    expect(statements[4].Condition).toEqual({ StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } });
    const logs = onlyResource(json, 'aws_cloudwatch_log_group');
    expect([logs.name, logs.retention_in_days, logs.kms_key_id]).toEqual(['/aws/lambda/test-cache-redis-users', 90, $(`${ref('aws_kms_key', 'rbac-user/Default/logs-key')}.arn`)]);
  });

  test('in a cloud stack with a data stack, all of it but the ingress rule goes to the data stack', () => {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, name: 'split' });
    const secret = new GeneratedSecret(set.cloud, 'token', { secretName: 't', preset: 'dev' });
    new ManagedRedis(set.cloud, 'cache', { ...PROPS, authToken: secret });
    const [cloud, data] = [synth(set.cloud), synth(set.data)];
    expect(Object.keys(cloud.resource ?? {})).toEqual(['aws_vpc_security_group_ingress_rule']);
    for (const type of ['aws_elasticache_user', 'aws_elasticache_user_group', 'aws_lambda_function', 'aws_lambda_invocation', 'aws_iam_role_policy', 'aws_cloudwatch_log_group']) expect(resourceList(data, type)).toHaveLength(1);
  });

  test('RedisRbacUser: bad ids, names and access strings are refused at construction, naming the prop and the fix', () => {
    const s = cloudStack();
    const password = new GeneratedSecret(s, 'p', { secretName: 'p' });
    const props = { userGroupId: 'g', disabledUserId: 'g-off', userId: 'g-app', password, functionName: 'g-users', preventDestroy: true };
    expect(() => new RedisRbacUser(s, 'a', { ...props, userId: 'G_App' })).toThrow(/userId = "G_App" is not an ElastiCache user id; use lowercase letters, digits and single "-"/);
    expect(() => new RedisRbacUser(s, 'b', { ...props, functionName: 'has space' })).toThrow(/functionName = "has space" is not a Lambda function name/);
    expect(() => new RedisRbacUser(s, 'c', { ...props, accessString: '~* +@all' })).toThrow(/accessString = "~\* \+@all" is not an ElastiCache access string; start with "on"/);
    expect(() => new RedisRbacUser(platformStack(), 'd', { ...props })).toThrow(/RedisRbacUser belongs in the data or cloud layer/);
  });

  test('a JSON-shaped secret is refused', () => {
    const s = cloudStack();
    const json = new GeneratedSecret(s, 'j', { secretName: 'j', jsonFields: { username: 'u' } });
    expect(() => new ManagedRedis(s, 'c', { ...PROPS, authToken: json })).toThrow('must be a plain-string GeneratedSecret');
  });
});
