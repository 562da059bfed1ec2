import { TerraformStack, Testing } from 'cdktf';
import { EphemeralResource, GeneratedSecret, WRITE_ONLY_TERRAFORM_VERSION } from '../../../src/core/secrets';
import { resolveIn } from './fixtures';
import { addresses, cloudStack, onlyResource, platformStack, synth, testApp } from '../../helpers/synth';

function build(props: Partial<ConstructorParameters<typeof GeneratedSecret>[2]> = {}) {
  const stack = cloudStack();
  const secret = new GeneratedSecret(stack, 'db', { secretName: 'mlops/dev/mlflow/db', ...props });
  return { stack, secret, json: synth(stack) as any };
}

describe('GeneratedSecret', () => {
  test('plain value: ephemeral random password goes only to secret_string_wo', () => {
    const { json } = build();
    expect(json.ephemeral).toEqual({
      aws_secretsmanager_random_password: {
        'db_random-password_FC132895': {
          password_length: 32,
          exclude_punctuation: true,
          require_each_included_type: true,
          '//': { metadata: { path: 'test-cloud/db/random-password', uniqueId: 'db_random-password_FC132895' } },
        },
      },
    });
    const version = onlyResource(json, 'aws_secretsmanager_secret_version');
    expect(version).toEqual({
      secret_id: '${aws_secretsmanager_secret.db_secret_ABB0A758.id}',
      secret_string_wo: '${ephemeral.aws_secretsmanager_random_password.db_random-password_FC132895.random_password}',
      secret_string_wo_version: 1,
      '//': { metadata: { path: 'test-cloud/db/value', uniqueId: 'db_value_A04477CA' } },
    });
    expect(version.secret_string).toBeUndefined();
  });

  test('prod defaults: AWS managed key, 30-day recovery window, prevent_destroy', () => {
    const { json } = build();
    const { '//': _meta, ...secret } = onlyResource(json, 'aws_secretsmanager_secret');
    expect(secret).toEqual({ name: 'mlops/dev/mlflow/db', recovery_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('dev preset: 7 days, destroyable; customer managed key', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { json, secret } = build({ preset: 'dev', kmsKeyArn: key, description: 'MLflow database' });
    const { '//': _meta, ...body } = onlyResource(json, 'aws_secretsmanager_secret');
    expect(body).toEqual({ name: 'mlops/dev/mlflow/db', description: 'MLflow database', kms_key_id: key, recovery_window_in_days: 7, lifecycle: { prevent_destroy: false } });
    expect(secret.kmsKeyArn).toBe(key);
  });

  test('JSON value is built with jsonencode inside the write-only expression', () => {
    const { json, secret } = build({ jsonFields: { username: 'mlflow' } });
    expect(onlyResource(json, 'aws_secretsmanager_secret_version').secret_string_wo).toBe(
      '${jsonencode({"username" = "mlflow", "password" = ephemeral.aws_secretsmanager_random_password.db_random-password_FC132895.random_password})}',
    );
    expect(secret.jsonKeys).toEqual(['password', 'username']);
    expect(secret.passwordKey).toBe('password');
  });

  test('passwordKey alone gives a one-property JSON value', () => {
    const { json, secret } = build({ passwordKey: 'token' });
    expect(onlyResource(json, 'aws_secretsmanager_secret_version').secret_string_wo).toBe(
      '${jsonencode({"token" = ephemeral.aws_secretsmanager_random_password.db_random-password_FC132895.random_password})}',
    );
    expect(secret.jsonKeys).toEqual(['token']);
  });

  test('password options and version bump (rotation)', () => {
    const { json, secret } = build({ version: 3, password: { length: 48, excludePunctuation: false, excludeCharacters: '"@/\\', requireEachIncludedType: false } });
    const ephemeral = json.ephemeral.aws_secretsmanager_random_password['db_random-password_FC132895'];
    expect(ephemeral).toMatchObject({ password_length: 48, exclude_punctuation: false, require_each_included_type: false, exclude_characters: '"@/\\' });
    expect(onlyResource(json, 'aws_secretsmanager_secret_version').secret_string_wo_version).toBe(3);
    expect(secret.version).toBe(3);
  });

  test('requires Terraform >= 1.11 (write-only arguments)', () => {
    const { json } = build();
    expect(json.terraform.required_version).toBe(WRITE_ONLY_TERRAFORM_VERSION);
    expect(WRITE_ONLY_TERRAFORM_VERSION).toBe('>= 1.11.0');
  });

  test('exposes name, remote key and ARN token', () => {
    const { secret, stack } = build();
    expect(secret.secretName).toBe('mlops/dev/mlflow/db');
    expect(secret.remoteKey).toBe('mlops/dev/mlflow/db');
    expect(resolveIn(stack, secret.secretArn)).toBe('${aws_secretsmanager_secret.db_secret_ABB0A758.arn}');
    expect(secret.kmsKeyArn).toBeUndefined();
    expect(secret.jsonKeys).toBeUndefined();
  });

  test('writeOnlyValue reads the written version back ephemerally', () => {
    const stack = cloudStack();
    const secret = new GeneratedSecret(stack, 'db', { secretName: 'db', jsonFields: { username: 'u' } });
    expect(resolveIn(stack, secret.writeOnlyValue('password'))).toBe(
      '${jsondecode(ephemeral.aws_secretsmanager_secret_version.db_readback_F9CEE6EC.secret_string).password}',
    );
    expect(resolveIn(stack, secret.writeOnlyValue())).toBe('${ephemeral.aws_secretsmanager_secret_version.db_readback_F9CEE6EC.secret_string}');
    const json = synth(stack) as any;
    expect(json.ephemeral.aws_secretsmanager_secret_version).toEqual({
      db_readback_F9CEE6EC: {
        secret_id: '${aws_secretsmanager_secret.db_secret_ABB0A758.id}',
        version_id: '${aws_secretsmanager_secret_version.db_value_A04477CA.version_id}',
        '//': { metadata: { path: 'test-cloud/db/readback', uniqueId: 'db_readback_F9CEE6EC' } },
      },
    });
    expect(() => secret.writeOnlyValue('nope')).toThrow('test-cloud/db: writeOnlyValue(key) = "nope" is not a property of this secret (password, username); pass one of its keys or no key');
  });

  test('pins the logical ids of the stateful secret', () => {
    const { json } = build();
    expect(addresses(json, 'aws_secretsmanager_secret', 'aws_secretsmanager_secret_version')).toEqual({
      'aws_secretsmanager_secret.db_secret_ABB0A758': 'test-cloud/db/secret',
      'aws_secretsmanager_secret_version.db_value_A04477CA': 'test-cloud/db/value',
    });
  });

  test('synthesis is deterministic and holds no generated value', () => {
    const a = JSON.stringify(build({ jsonFields: { username: 'mlflow' } }).json);
    const b = JSON.stringify(build({ jsonFields: { username: 'mlflow' } }).json);
    expect(a).toBe(b);
  });

  describe('validation', () => {
    const path = 'test-cloud/db';
    test.each([
      [{ secretName: 'bad name!' }, `${path}: secretName = "bad name!" is not a Secrets Manager secret name; use 1-512 letters, digits and /_+=.@-`],
      [{ recoveryWindowInDays: 3 }, `${path}: recoveryWindowInDays = 3 is under 7 days, the shortest recovery window; use 7–30`],
      [{ recoveryWindowInDays: 31 }, `${path}: recoveryWindowInDays = 31 is over 30 days, the longest recovery window; use 7–30`],
      [{ version: 0 }, `${path}: version = 0 must be at least 1; start at 1 and bump to rotate`],
      [{ password: { length: 8 } }, `${path}: password.length = 8 is under 16 characters; generate at least 16`],
      [{ kmsKeyArn: 'alias/aws/secretsmanager' }, `${path}: kmsKeyArn = "alias/aws/secretsmanager" is not a KMS key ARN; pass the key's ARN (arn:aws:kms:…:key/…)`],
      [
        { jsonFields: { username: 'u', apiToken: 'literal' } },
        `${path}: jsonFields.apiToken = "literal" looks like a secret, and jsonFields are literals in the synthesized JSON; let the construct generate it (passwordKey) or store it with another GeneratedSecret`,
      ],
      [
        { jsonFields: { user: 'u', pw: 'x' }, passwordKey: 'pw' },
        `${path}: jsonFields.pw = "x" collides with the generated "pw"; remove it from jsonFields or choose another passwordKey`,
      ],
    ])('%j', (props, message) => {
      expect(() => build(props as any)).toThrow(message);
    });

    test('belongs in the cloud layer', () => {
      const stack = platformStack(testApp());
      expect(() => new GeneratedSecret(stack, 'db', { secretName: 'x' })).toThrow(
        'test-platform/db: GeneratedSecret belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
      );
    });

    test('works in a plain TerraformStack', () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'plain');
      expect(() => new GeneratedSecret(stack, 'db', { secretName: 'x' })).not.toThrow();
    });
  });
});

describe('EphemeralResource', () => {
  test('emits an ephemeral block with overrides and a stable address', () => {
    const stack = cloudStack();
    const e = new EphemeralResource(stack, 'pw', { type: 'aws_secretsmanager_random_password', config: { password_length: 20 } });
    e.addOverride('exclude_numbers', true);
    expect(e.address).toBe('ephemeral.aws_secretsmanager_random_password.pw');
    expect(resolveIn(stack, e.attribute('random_password'))).toBe('${ephemeral.aws_secretsmanager_random_password.pw.random_password}');
    expect((synth(stack) as any).ephemeral.aws_secretsmanager_random_password.pw).toEqual({
      password_length: 20,
      exclude_numbers: true,
      '//': { metadata: { path: 'test-cloud/pw', uniqueId: 'pw' } },
    });
  });

  test('jsonFields keys must be Secret keys', () => {
    expect(() => build({ jsonFields: { 'user name': 'x' } })).toThrow(
      'test-cloud/db: jsonFields.user name = "user name" is not a valid Kubernetes Secret key; use letters, digits, "-", "_" and "."',
    );
  });
});
