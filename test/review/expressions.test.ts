/** Interpolations, policy documents with interpolations, secret redaction, force-new lookup. */
import { parseJsonWithInterpolations, referencesIn } from '../../src/synth/expressions';
import { forceNewAttribute, replacementVerdict } from '../../src/review/force-new';
import { grantsOf } from '../../src/synth/policy-document';
import { parseStack } from '../../src/synth/load';
import { isSecretPath, isSecretSegment } from '../../src/review/redact';
import { diffAttributes } from '../../src/review/attributes';
import { diffResources, ignoredByLifecycle } from '../../src/review/diff';

test('references in interpolations, ignoring variables and functions', () => {
  expect(referencesIn('${aws_s3_bucket.b_1.arn}/* ${var.x} ${base64decode(data.terraform_remote_state.cross-stack-reference-input-a.outputs.ca)}')).toEqual([
    { address: 'aws_s3_bucket.b_1', attribute: '.arn' },
    { address: 'data.terraform_remote_state.cross-stack-reference-input-a', attribute: '.outputs.ca' },
  ]);
});

test('policy JSON with interpolations in string and value position', () => {
  const text = '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":${jsonencode([aws_s3_bucket.b.arn])}},{"Effect":"Deny","Action":"*","Resource":"*"}]}';
  expect(parseJsonWithInterpolations(text)).toEqual({
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: '${jsonencode([aws_s3_bucket.b.arn])}' },
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ],
  });
  const g = grantsOf(text)!;
  expect([...g.actions.values()]).toEqual(['s3:*']);
  expect(g.anyResource).toBe(false);
  expect(grantsOf('${jsonencode(local.policy)}')).toBeUndefined();
});

test('policy documents from data.aws_iam_policy_document are resolved', () => {
  const stack = parseStack('s', {
    data: { aws_iam_policy_document: { doc: { statement: [{ actions: ['sqs:ReceiveMessage'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] } } },
  });
  const g = grantsOf('${data.aws_iam_policy_document.doc.json}', stack)!;
  expect([...g.actions.values()]).toEqual(['sqs:ReceiveMessage']);
  expect(g.anyResource).toBe(true);
  expect([...g.principals]).toEqual(['*']);
});

test('secret segments', () => {
  expect(['password', 'masterPassword', 'auth_token', 'private_key', 'clientSecret', 'AWS_SECRET_ACCESS_KEY', 'apiKey'].filter(isSecretSegment)).toHaveLength(7);
  expect(['secret_arn', 'existingSecretName', 'password_length', 'kms_key_id', 'manage_master_user_password_rotation', 'tokenPath'].filter(isSecretSegment)).toEqual([]);
  expect(isSecretPath('kubernetes_secret_v1', 'data.username')).toBe(true);
  expect(isSecretPath('helm_release', 'set_sensitive[0].value')).toBe(true);
  expect(isSecretPath('kubernetes_secret_v1', 'data_wo.password')).toBe(true);
  expect(isSecretPath('aws_db_instance', 'password_wo')).toBe(true);
  expect(isSecretPath('aws_db_instance', 'password_wo_version')).toBe(false);
  const changes = diffAttributes('aws_db_instance', { password: 'a', master_user_secret_kms_key_id: 'k1' }, { password: 'b', master_user_secret_kms_key_id: 'k2' });
  expect(changes).toEqual([
    { path: 'master_user_secret_kms_key_id', before: 'k1', after: 'k2' },
    // the values are replaced when the change is built, not when it is printed
    { path: 'password', before: '(redacted)', after: '(redacted)', redacted: true },
  ]);
  // references to secrets are expressions, not secrets
  expect(diffAttributes('aws_db_instance', { password: '${random_password.a.result}' }, { password: '${random_password.b.result}' })[0].redacted).toBeUndefined();
});

test('replacement verdicts: nested paths, list indices, unknown attributes and types are "may"', () => {
  expect(forceNewAttribute('aws_eks_cluster', 'access_config[0].bootstrap_cluster_creator_admin_permissions')).toBe('access_config.bootstrap_cluster_creator_admin_permissions');
  expect(forceNewAttribute('aws_db_instance', 'db_subnet_group_name')).toBeUndefined();
  expect(forceNewAttribute('aws_db_instance', 'kms_key_id')).toBe('kms_key_id');
  expect(replacementVerdict('aws_db_instance', 'db_subnet_group_name').verdict).toBe('inPlace');
  // not set in the scanned reference config: the table does not know it, so it may replace
  expect(replacementVerdict('aws_eks_cluster', 'kubernetes_network_config[0].service_ipv4_cidr')).toEqual({ verdict: 'may', attribute: 'kubernetes_network_config.service_ipv4_cidr' });
  expect(replacementVerdict('aws_made_up_type', 'anything').verdict).toBe('may');
  // a whole block that holds a replacing attribute cannot be told apart
  expect(replacementVerdict('aws_eks_cluster', 'access_config').verdict).toBe('may');
  expect(replacementVerdict('kubernetes_manifest', 'manifest.metadata.namespace').verdict).toBe('replace');
  expect(replacementVerdict('kubernetes_manifest', 'manifest.spec.replicas').verdict).toBe('inPlace');
  expect(replacementVerdict('helm_release', 'values[0].controller.image.tag').verdict).toBe('inPlace');
  expect(replacementVerdict('aws_s3_bucket', 'depends_on').verdict).toBe('inPlace');
});

test('changes under lifecycle.ignore_changes are not changes', () => {
  const r = (desired: number) => ({ stack: 's', address: 'aws_eks_node_group.g', type: 'aws_eks_node_group', name: 'g', mode: 'managed' as const, attributes: { scaling_config: { desired_size: desired }, lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] } } });
  expect(ignoredByLifecycle(r(3), 'scaling_config.desired_size')).toBe(true);
  expect(ignoredByLifecycle(r(3), 'scaling_config.max_size')).toBe(false);
  const out = (d: number) => ({ label: 'x', stacks: new Map([['s', { ...parseStack('s', {}), resources: new Map([['aws_eks_node_group.g', r(d)]]) }]]) });
  expect(diffResources(out(2), out(3))).toEqual([]);
});
