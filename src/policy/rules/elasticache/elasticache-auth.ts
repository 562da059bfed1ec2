/**
 * `elasticache-auth`: replication groups require authentication, through RBAC user groups or an
 * AUTH token that is not a literal in the configuration.
 */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail, isUnresolved, list } from '../../values';
import { cdkNag, checkov } from '../scanners';

const FIX = 'set user_group_ids (RBAC users with IAM or password authentication), or auth_token from a secret reference (never a literal)';

export const elasticacheAuth: PolicyRule = {
  id: 'elasticache-auth',
  severity: 'error',
  description: 'ElastiCache replication groups require authentication (user_group_ids, or an auth_token that is a reference, not a literal).',
  appliesTo: ['aws_elasticache_replication_group'],
  mirrors: [checkov('CKV_AWS_31'), cdkNag('AwsSolutions-AEC6')],
  check(resource) {
    const token = resource.attributes.auth_token;
    if (typeof token === 'string' && token !== '' && !isUnresolved(token)) return fail('auth_token is a literal string in the configuration', FIX);
    if (list(resource.attributes.user_group_ids).length > 0) return COMPLIANT;
    if (typeof token === 'string' && token !== '') return COMPLIANT;
    return fail('neither user_group_ids nor auth_token is set, so any client that reaches the endpoint can run commands', FIX);
  },
};
