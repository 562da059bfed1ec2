import { TerraformOutput } from 'cdktf';
import { ApplyTimeFunction, lambdaHandlerDir } from '../../../src/core/apply-time/apply-time-function';
import { cloudStack, onlyResource, platformStack, policy, synth } from '../../helpers/synth';

const PROPS = {
  handler: 'redis-rbac-user',
  functionName: 'test-apply',
  description: 'Creates a thing',
  roleDescription: 'Lambda test-apply: manages a thing',
  policyName: 'manage-thing',
  input: { thingId: 'thing-1', settings: { size: 2 } },
  preventDestroy: true,
};

describe('ApplyTimeFunction', () => {
  const stack = cloudStack();
  const fn = new ApplyTimeFunction<{ thingId: string }>(stack, 'fn', {
    ...PROPS,
    statements: ({ partition, account }) => [{ Sid: 'ManageTheThing', Effect: 'Allow', Action: 'thing:Create', Resource: `arn:${partition}:thing:${account}:thing-1` }],
  });
  new TerraformOutput(stack, 'thing-id', { value: fn.resultField('thingId') });
  const json = synth(stack);
  const id = (type: string) => Object.keys(json.resource![type])[0];

  test('a CRUD invocation with the input as JSON, after the policy and the log group; the result field is a lookup of it', () => {
    const invocation = onlyResource(json, 'aws_lambda_invocation');
    expect(invocation).toMatchObject({
      lifecycle_scope: 'CRUD',
      input: '${jsonencode({"thingId" = "thing-1", "settings" = {"size" = 2}})}',
      function_name: `\${aws_lambda_function.${id('aws_lambda_function')}.function_name}`,
      depends_on: [`aws_iam_role_policy.${id('aws_iam_role_policy')}`, `aws_cloudwatch_log_group.${id('aws_cloudwatch_log_group')}`],
    });
    expect((json as any).output['thing-id'].value).toBe(`\${jsondecode(aws_lambda_invocation.${id('aws_lambda_invocation')}.result).thingId}`);
  });

  test("the caller's statements, then writing its own log streams; a protected key for the logs", () => {
    const doc = policy(onlyResource(json, 'aws_iam_role_policy').policy);
    expect(doc.Statement.map((s: any) => s.Sid)).toEqual(['ManageTheThing', 'WriteOwnLogs']);
    expect(doc.Statement[1].Resource).toBe(`\${aws_cloudwatch_log_group.${id('aws_cloudwatch_log_group')}.arn}:*`);
    expect(onlyResource(json, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'aws_lambda_function')).toMatchObject({ function_name: 'test-apply', timeout: 60, handler: 'index.handler', architectures: ['arm64'] });
  });

  test('bad props and a missing handler are refused at construction', () => {
    const statements = () => [];
    expect(() => new ApplyTimeFunction(cloudStack(), 'a', { ...PROPS, statements, functionName: 'has space' })).toThrow(/test-cloud\/a: functionName = "has space" is not a Lambda function name/);
    expect(() => new ApplyTimeFunction(cloudStack(), 'b', { ...PROPS, statements, timeout: 901 })).toThrow(/timeout = 901 is over the 900 seconds a Lambda function may run/);
    expect(() => new ApplyTimeFunction(platformStack(), 'c', { ...PROPS, statements })).toThrow(/ApplyTimeFunction belongs in the data or cloud layer/);
    expect(() => lambdaHandlerDir('no-such-handler')).toThrow('the Lambda handler lambda/no-such-handler/index.js is missing from the cdktf-mlops package; reinstall it');
  });
});
