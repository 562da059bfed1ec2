/** `eks-control-plane-logs`: all five control-plane log types go to CloudWatch. */
import { PolicyRule } from '../../types';
import { COMPLIANT, fail, isUnresolved, list, mustBeConcrete } from '../../values';
import { checkov, cdkNag, trivy } from '../scanners';

/** The EKS control-plane log types. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
const FIX = `set enabled_cluster_log_types = ${JSON.stringify(EKS_LOG_TYPES)}`;

export const eksControlPlaneLogs: PolicyRule = {
  id: 'eks-control-plane-logs',
  severity: 'error',
  description: 'The EKS cluster sends the api, audit, authenticator, controllerManager and scheduler logs to CloudWatch.',
  appliesTo: ['aws_eks_cluster'],
  mirrors: [checkov('CKV_AWS_37'), trivy('AVD-AWS-0038'), cdkNag('AwsSolutions-EKS2')],
  check(resource) {
    const value = resource.attributes.enabled_cluster_log_types;
    if (isUnresolved(value) || list(value).some(isUnresolved)) return mustBeConcrete('enabled_cluster_log_types', value, FIX);
    const enabled = list(value);
    const missing = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
    if (missing.length === 0) return COMPLIANT;
    return fail(`enabled_cluster_log_types is missing ${missing.join(', ')}`, FIX);
  },
};
