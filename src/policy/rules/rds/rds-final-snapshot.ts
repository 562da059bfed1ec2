/** `rds-final-snapshot`: destroying a database takes a final snapshot. */
import { PolicyRule } from '../../types';
import { bool, COMPLIANT, fail, mustBeConcrete, UNKNOWN } from '../../values';

const FIX = 'remove skip_final_snapshot (default false) and set final_snapshot_identifier';

export const rdsFinalSnapshot: PolicyRule = {
  id: 'rds-final-snapshot',
  severity: 'error',
  description: 'RDS instances and Aurora clusters do not set skip_final_snapshot = true.',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  mirrors: [],
  check(resource) {
    const value = bool(resource.attributes.skip_final_snapshot);
    if (value === UNKNOWN) return mustBeConcrete('skip_final_snapshot', resource.attributes.skip_final_snapshot, FIX);
    return value === true ? fail('skip_final_snapshot is true, so a destroy deletes the data without a snapshot', FIX) : COMPLIANT;
  },
};
