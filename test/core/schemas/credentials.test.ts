import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { credentialProblem, isCredentialName, Schemas } from '../../../src/core/schemas';
import { validateProps } from '../../../src/core/validation';

describe('literal credentials in plain-text env', () => {
  test.each([
    'HF_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'DB_PASSWORD',
    'MY_SECRET_VALUE',
    'OPENAI_API_KEY',
    'adminPassword',
    'clientSecret',
    'GITHUB_ACCESS_KEY',
    'CREDENTIALS',
    'SSH_PRIVATE_KEY',
  ])('%s names a credential', (name) => expect(isCredentialName(name)).toBe(true));
  test.each(['MAX_TOKENS', 'TOKENIZER_NAME', 'SECRET_NAME', 'PASSWORD_FILE', 'HF_TOKEN_PATH', 'AWS_ACCESS_KEY_ID', 'AWS_REGION', 'PWD', 'MLFLOW_TRACKING_URI', 'API_KEY_HEADER'])(
    '%s does not name a credential',
    (name) => expect(isCredentialName(name)).toBe(false),
  );

  test.each([
    ['HF_TOKEN', 'hf_abc', 'its name says it is a credential'],
    ['MODEL_ID', `hf_${'x'.repeat(34)}`, 'it has the shape of a Hugging Face token'],
    ['KEY', 'AKIAIOSFODNN7EXAMPLE', 'it has the shape of an AWS access key id'],
    ['DATABASE_URL', 'postgresql://mlflow:hunter2@db:5432/mlflow', 'it is a URL with a password'],
    ['CONFIG', '{"user":"a","db":{"password":"hunter2"}}', 'it is JSON with a credential field "password"'],
    ['TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'it has the shape of a PEM private key'],
  ])('%s=%j: %s', (name, value, why) => expect(credentialProblem(name, value)).toBe(why));

  test.each([
    ['HF_TOKEN', ''],
    ['DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)'],
    ['API_TOKEN', '${aws_secretsmanager_secret.x.arn}'],
    ['DB_SECRET', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
    ['DATABASE_URL', 'postgresql://mlflow:$(DB_PASSWORD)@db:5432/mlflow'],
    ['CONFIG', '{"user":"a","passwordFile":"/run/secrets/p"}'],
    ['LOG_LEVEL', 'info'],
  ])('%s=%j is not a literal credential', (name, value) => expect(credentialProblem(name, value)).toBeUndefined());

  test('the schema refuses it, names the variable, points at the fix and never prints the value', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const scope = new Construct(stack, 'thing');
    const schema = Schemas.object({ env: Schemas.env('reference a Kubernetes Secret with secretEnv instead').optional() });
    expect(() => validateProps(scope, schema, { env: { LOG_LEVEL: 'info', HF_TOKEN: 'hf_secretvalue' } })).toThrow(
      'stack/thing: env.HF_TOKEN = "(redacted)" looks like a literal credential (its name says it is a credential); it would be stored in plain text in the synthesized JSON and the Terraform state, reference a Kubernetes Secret with secretEnv instead',
    );
    try {
      validateProps(scope, schema, { env: { HF_TOKEN: 'hf_secretvalue' } });
    } catch (e) {
      expect(String(e)).not.toContain('hf_secretvalue');
    }
  });
});
