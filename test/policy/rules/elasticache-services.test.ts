import { elasticacheAuth } from '../../../src/policy/rules/elasticache/elasticache-auth';
import { elasticacheEncryptionAtRest } from '../../../src/policy/rules/elasticache/elasticache-encryption-at-rest';
import { elasticacheEncryptionInTransit } from '../../../src/policy/rules/elasticache/elasticache-encryption-in-transit';
import { kmsKeyRotation } from '../../../src/policy/rules/services/kms-key-rotation';
import { logsKms } from '../../../src/policy/rules/services/logs-kms';
import { logsRetention } from '../../../src/policy/rules/services/logs-retention';
import { secretsmanagerKmsKey } from '../../../src/policy/rules/services/secretsmanager-kms-key';
import { sqsEncryption } from '../../../src/policy/rules/services/sqs-encryption';
import { expectCompliant, expectFinding, expectNotApplicable, resource, unknownMsg } from '../helpers';

const rg = (extra: Record<string, unknown>) => resource('aws_elasticache_replication_group', { replication_group_id: 'x', ...extra });

describe('elasticache-encryption-at-rest', () => {
  it('passes', () => expectCompliant(elasticacheEncryptionAtRest, rg({ at_rest_encryption_enabled: 'true' })));
  it.each([
    ['unset', rg({}), 'at_rest_encryption_enabled is not set (the default depends on the engine)'],
    ['false', rg({ at_rest_encryption_enabled: 'false' }), 'at_rest_encryption_enabled is false'],
    ['unknown', rg({ at_rest_encryption_enabled: '${var.x}' }), unknownMsg('at_rest_encryption_enabled', '${var.x}')],
  ])('fails: %s', (_name, r, message) => expectFinding(elasticacheEncryptionAtRest, r, message));
});

describe('elasticache-encryption-in-transit', () => {
  it('passes', () => expectCompliant(elasticacheEncryptionInTransit, rg({ transit_encryption_enabled: true, transit_encryption_mode: 'required' })));
  it.each([
    ['unset', rg({}), 'transit_encryption_enabled is not set (default false)'],
    ['preferred', rg({ transit_encryption_enabled: true, transit_encryption_mode: 'preferred' }), 'transit_encryption_mode = "preferred" still accepts clients without TLS'],
  ])('fails: %s', (_name, r, message) => expectFinding(elasticacheEncryptionInTransit, r, message));
});

describe('elasticache-auth', () => {
  it.each([
    ['RBAC', rg({ user_group_ids: ['${aws_elasticache_user_group.g.id}'] })],
    ['token reference', rg({ auth_token: '${random_password.t.result}' })],
  ])('passes: %s', (_name, r) => expectCompliant(elasticacheAuth, r));
  it.each([
    ['literal token', rg({ auth_token: 'abcdefghijklmnop' }), 'auth_token is a literal string in the configuration'],
    ['no auth', rg({}), 'neither user_group_ids nor auth_token is set, so any client that reaches the endpoint can run commands'],
  ])('fails: %s', (_name, r, message) => expectFinding(elasticacheAuth, r, message));
});

describe('sqs-encryption', () => {
  it.each([
    ['SSE-KMS', resource('aws_sqs_queue', { kms_master_key_id: '${aws_kms_key.k.arn}' })],
    ['SSE-SQS', resource('aws_sqs_queue', { sqs_managed_sse_enabled: true })],
  ])('passes: %s', (_name, r) => expectCompliant(sqsEncryption, r));
  it.each([
    ['unset', resource('aws_sqs_queue', {}), 'neither kms_master_key_id nor sqs_managed_sse_enabled is set'],
    ['off', resource('aws_sqs_queue', { sqs_managed_sse_enabled: false }), 'sqs_managed_sse_enabled is false and kms_master_key_id is not set'],
  ])('fails: %s', (_name, r, message) => expectFinding(sqsEncryption, r, message));
});

describe('kms-key-rotation', () => {
  it('passes', () => expectCompliant(kmsKeyRotation, resource('aws_kms_key', { enable_key_rotation: true })));
  it('does not apply to asymmetric keys', () => expectNotApplicable(kmsKeyRotation, resource('aws_kms_key', { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' })));
  it.each([
    ['unset', resource('aws_kms_key', {}), 'enable_key_rotation is not set (default false)'],
    ['unknown', resource('aws_kms_key', { enable_key_rotation: '${var.r}' }), unknownMsg('enable_key_rotation', '${var.r}')],
  ])('fails: %s', (_name, r, message) => expectFinding(kmsKeyRotation, r, message));
});

describe('secretsmanager-kms-key', () => {
  it('passes', () => expectCompliant(secretsmanagerKmsKey, resource('aws_secretsmanager_secret', { kms_key_id: '${aws_kms_key.k.arn}' })));
  it('fails', () => expectFinding(secretsmanagerKmsKey, resource('aws_secretsmanager_secret', {}), 'kms_key_id is not set, so the secret uses the AWS managed key aws/secretsmanager'));
});

describe('logs-retention / logs-kms', () => {
  const group = (extra: Record<string, unknown>) => resource('aws_cloudwatch_log_group', { name: '/x', ...extra });
  it('passes', () => {
    expectCompliant(logsRetention, group({ retention_in_days: 30 }));
    expectCompliant(logsKms, group({ kms_key_id: '${aws_kms_key.k.arn}' }));
  });
  it.each([
    ['unset', group({}), 'retention_in_days is not set, so events are kept forever'],
    ['0', group({ retention_in_days: 0 }), 'retention_in_days is not set, so events are kept forever'],
  ])('logs-retention fails: %s', (_name, r, message) => expectFinding(logsRetention, r, message));
  it('logs-kms fails', () => expectFinding(logsKms, group({}), 'kms_key_id is not set, so the log group uses the service-owned key'));
});
