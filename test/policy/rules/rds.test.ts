import { rdsBackupRetention } from '../../../src/policy/rules/rds/rds-backup-retention';
import { rdsDeletionProtection } from '../../../src/policy/rules/rds/rds-deletion-protection';
import { rdsFinalSnapshot } from '../../../src/policy/rules/rds/rds-final-snapshot';
import { rdsManagedPassword } from '../../../src/policy/rules/rds/rds-managed-password';
import { rdsNotPublic } from '../../../src/policy/rules/rds/rds-not-public';
import { rdsStorageEncrypted } from '../../../src/policy/rules/rds/rds-storage-encrypted';
import { expectCompliant, expectFinding, resource, unknownMsg } from '../helpers';

const db = (extra: Record<string, unknown>) => resource('aws_db_instance', { engine: 'postgres', ...extra });
const cluster = (extra: Record<string, unknown>) => resource('aws_rds_cluster', { engine: 'aurora-postgresql', ...extra });

describe('rds-storage-encrypted', () => {
  it('passes when encrypted', () => expectCompliant(rdsStorageEncrypted, db({ storage_encrypted: true })));
  it.each([
    ['unset', db({}), 'storage_encrypted is not set (default false)'],
    ['false on a cluster', cluster({ storage_encrypted: false }), 'storage_encrypted is false'],
    ['unknown', db({ storage_encrypted: '${var.enc}' }), unknownMsg('storage_encrypted', '${var.enc}')],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsStorageEncrypted, r, message));
});

describe('rds-not-public', () => {
  it.each([['unset', db({})], ['false', resource('aws_rds_cluster_instance', { publicly_accessible: false })]])('passes: %s', (_name, r) => expectCompliant(rdsNotPublic, r));
  it.each([
    ['true', db({ publicly_accessible: true }), 'publicly_accessible is true, so the database gets a public IP address'],
    ['unknown', db({ publicly_accessible: '${var.pub}' }), unknownMsg('publicly_accessible', '${var.pub}')],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsNotPublic, r, message));
});

describe('rds-deletion-protection', () => {
  it('passes when on', () => expectCompliant(rdsDeletionProtection, cluster({ deletion_protection: true })));
  it.each([
    ['unset', db({}), 'deletion_protection is not set (default false)'],
    ['false', db({ deletion_protection: false }), 'deletion_protection is false'],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsDeletionProtection, r, message));
});

describe('rds-backup-retention', () => {
  it('passes at 7 days', () => expectCompliant(rdsBackupRetention, db({ backup_retention_period: 7 })));
  it.each([
    ['unset', db({}), 'backup_retention_period is not set (AWS then keeps 1 day)'],
    ['1 day', cluster({ backup_retention_period: 1 }), 'backup_retention_period = 1 is under 7 days'],
    ['unknown', db({ backup_retention_period: '${var.days}' }), unknownMsg('backup_retention_period', '${var.days}')],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsBackupRetention, r, message));
});

describe('rds-final-snapshot', () => {
  it('passes by default', () => expectCompliant(rdsFinalSnapshot, db({ final_snapshot_identifier: 'final' })));
  it.each([
    ['skip', db({ skip_final_snapshot: true }), 'skip_final_snapshot is true, so a destroy deletes the data without a snapshot'],
    ['unknown', cluster({ skip_final_snapshot: '${var.skip}' }), unknownMsg('skip_final_snapshot', '${var.skip}')],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsFinalSnapshot, r, message));
});

describe('rds-managed-password', () => {
  it.each([
    ['managed', db({ manage_master_user_password: true })],
    ['write-only from a reference', db({ password_wo: '${ephemeral.aws_secretsmanager_secret_version.p.secret_string}' })],
    ['reference', cluster({ master_password: '${random_password.p.result}' })],
  ])('passes: %s', (_name, r) => expectCompliant(rdsManagedPassword, r));
  it.each([
    ['instance', db({ password: 'hunter22' }), 'password is a literal string in the configuration'],
    ['cluster', cluster({ master_password: 'hunter22' }), 'master_password is a literal string in the configuration'],
  ])('fails: %s', (_name, r, message) => expectFinding(rdsManagedPassword, r, message));
});
