/** `iam-admin-policy`: no role, user or group gets the AWS managed AdministratorAccess policy. */
import { PolicyRule } from '../../types';
import { list, verdictOf } from '../../values';
import { checkov, cdkNag } from '../scanners';

const ADMIN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const FIX = 'attach a least-privilege policy that grants only what the principal needs';

/** Attribute holding policy ARNs, by resource type. */
const POLICY_ARN_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_user_policy_attachments_exclusive: 'policy_arns',
  aws_iam_group_policy_attachments_exclusive: 'policy_arns',
};

export const iamAdminPolicy: PolicyRule = {
  id: 'iam-admin-policy',
  severity: 'error',
  description: 'No role, user or group is attached the AWS managed AdministratorAccess policy.',
  appliesTo: Object.keys(POLICY_ARN_ATTRIBUTES),
  mirrors: [checkov('CKV_AWS_274'), cdkNag('AwsSolutions-IAM4', 'broader: any AWS managed policy')],
  check(resource) {
    const attribute = POLICY_ARN_ATTRIBUTES[resource.type];
    const admin = list(resource.attributes[attribute]).filter((arn) => typeof arn === 'string' && ADMIN.test(arn));
    return verdictOf(admin.map((arn) => `${attribute} attaches ${String(arn)}`), FIX);
  },
};
