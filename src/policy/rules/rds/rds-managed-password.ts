/**
 * `rds-managed-password`: the master password is not a literal in the configuration. Use
 * manage_master_user_password (Secrets Manager, rotated by RDS) or a write-only password.
 */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, isUnresolved } from '../../values';

const FIX = 'set manage_master_user_password = true (RDS keeps the password in Secrets Manager), or pass it write-only (password_wo / master_password_wo) from a secret';

/** The password attribute by resource type. */
const PASSWORD_ATTRIBUTE: Readonly<Record<string, string>> = { aws_db_instance: 'password', aws_rds_cluster: 'master_password' };

export const rdsManagedPassword: PolicyRule = {
  id: 'rds-managed-password',
  severity: 'error',
  description: 'RDS instances and Aurora clusters do not carry a literal master password.',
  appliesTo: Object.keys(PASSWORD_ATTRIBUTE),
  mirrors: [],
  check(resource) {
    if (bool(resource.attributes.manage_master_user_password) === true) return COMPLIANT;
    const attribute = PASSWORD_ATTRIBUTE[resource.type];
    const value = resource.attributes[attribute];
    if (typeof value === 'string' && value !== '' && !isUnresolved(value)) return fail(`${attribute} is a literal string in the configuration`, FIX);
    return COMPLIANT;
  },
};
