import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { ExternalSecretsAccess, GeneratedSecret, rdsManagedMasterUserSecret } from '../../../src/core/secrets';
import { cloudStack, onlyResource, policy, resourceAt, synth, testApp, workloadsStack } from '../../helpers/synth';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const RDS_SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf';

function readPolicy(json: any): any {
  return policy(resourceAt(json, 'aws_iam_role_policy', 'eso/read-secrets').policy);
}

describe('ExternalSecretsAccess', () => {
  test('Pod Identity role for the controller service account', () => {
    const stack = cloudStack();
    new ExternalSecretsAccess(stack, 'eso', { clusterName: 'test-cluster' });
    const json = synth(stack);
    const { '//': _m, ...assoc } = onlyResource(json, 'aws_eks_pod_identity_association');
    expect(assoc).toEqual({
      cluster_name: 'test-cluster',
      namespace: 'external-secrets',
      service_account: 'external-secrets',
      role_arn: '${aws_iam_role.eso_role_3179FAC1.arn}',
    });
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('test-cluster-external-secrets-external-secrets');
    expect(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
      'aws:RequestTag/eks-cluster-name': 'test-cluster',
      'aws:RequestTag/kubernetes-namespace': 'external-secrets',
      'aws:RequestTag/kubernetes-service-account': 'external-secrets',
    });
  });

  test('policy is scoped to the exact granted ARNs, KMS only via Secrets Manager', () => {
    const stack = cloudStack();
    const access = new ExternalSecretsAccess(stack, 'eso', { clusterName: 'test-cluster' });
    const generated = new GeneratedSecret(stack, 'db', { secretName: 'mlops/db', kmsKeyArn: KEY });
    access.grantRead(generated);
    access.grantRead(RDS_SECRET);
    access.grantRead(generated); // twice: no duplicate
    expect(readPolicy(synth(stack))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadGrantedSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: ['${aws_secretsmanager_secret.db_secret_ABB0A758.arn}', RDS_SECRET],
        },
        {
          Sid: 'DecryptGrantedSecretsViaSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: [KEY],
          Condition: {
            StringEquals: {
              'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
              'kms:EncryptionContext:SecretARN': ['${aws_secretsmanager_secret.db_secret_ABB0A758.arn}', RDS_SECRET],
            },
          },
        },
      ],
    });
  });

  test('a grant added after construction (and after other constructs) appears in the policy', () => {
    const stack = cloudStack();
    const access = new ExternalSecretsAccess(stack, 'eso', { clusterName: 'test-cluster' });
    const later = new SecretsmanagerSecret(stack, 'later', { name: 'later' });
    access.grantRead(later.arn);
    expect(readPolicy(synth(stack)).Statement).toEqual([
      { Sid: 'ReadGrantedSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: ['${aws_secretsmanager_secret.later.arn}'] },
    ]);
    expect(access.grantedSecretArns).toHaveLength(1);
  });

  test('RDS-managed master user secret (token ARN and key) is granted like any other', () => {
    const stack = cloudStack();
    const access = new ExternalSecretsAccess(stack, 'eso', { clusterName: 'test-cluster' });
    const fakeDb = new SecretsmanagerSecret(stack, 'rds-stand-in', { name: 'x', kmsKeyId: KEY });
    access.grantRead(rdsManagedMasterUserSecret(fakeDb.arn, fakeDb.kmsKeyId));
    const statements = readPolicy(synth(stack)).Statement;
    expect(statements[0].Resource).toEqual(['${aws_secretsmanager_secret.rds-stand-in.arn}']);
    expect(statements[1].Resource).toEqual(['${aws_secretsmanager_secret.rds-stand-in.kms_key_id}']);
  });

  test('no grant: explicit deny and a warning', () => {
    const stack = cloudStack();
    const access = new ExternalSecretsAccess(stack, 'eso', { clusterName: 'test-cluster' });
    expect(readPolicy(synth(stack))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoSecretGranted', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: '*' }],
    });
    const warnings = access.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings).toEqual([
      'ExternalSecretsAccess has no grants: the controller can read no secret. Call grantRead(secret) for every secret a SyncedSecret syncs.',
    ]);
  });

  test('region and service account can be set', () => {
    const stack = cloudStack();
    const access = new ExternalSecretsAccess(stack, 'eso', { clusterName: 'c', region: 'eu-west-1', namespace: 'eso', serviceAccount: 'eso-controller' });
    access.grantRead(RDS_SECRET, KEY);
    const json = synth(stack);
    expect(readPolicy(json).Statement[1].Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': [RDS_SECRET] },
    });
    expect(onlyResource(json, 'aws_eks_pod_identity_association')).toMatchObject({ namespace: 'eso', service_account: 'eso-controller' });
  });

  describe('validation', () => {
    test.each([
      ['arn:aws:secretsmanager:us-east-1:111122223333:secret:*', undefined, 'test-cloud/eso: grantRead(secretArn) = "arn:aws:secretsmanager:us-east-1:111122223333:secret:*" has a wildcard; grant exact ARNs only (a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…))'],
      ['*', undefined, 'test-cloud/eso: grantRead(secretArn) = "*" has a wildcard; grant exact ARNs only'],
      ['my-secret', undefined, 'test-cloud/eso: grantRead(secretArn) = "my-secret" is not a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…); pass the exact ARN'],
      [RDS_SECRET, 'alias/aws/secretsmanager', 'test-cloud/eso: grantRead(kmsKeyArn) = "alias/aws/secretsmanager" is not a KMS key ARN (arn:aws:kms:…:key/…); pass the exact ARN'],
      [RDS_SECRET, 'arn:aws:kms:us-east-1:111122223333:key/*', 'test-cloud/eso: grantRead(kmsKeyArn) = "arn:aws:kms:us-east-1:111122223333:key/*" has a wildcard'],
    ])('grantRead(%s, %s)', (arn, key, message) => {
      const access = new ExternalSecretsAccess(cloudStack(), 'eso', { clusterName: 'c' });
      expect(() => access.grantRead(arn, key)).toThrow(message);
    });

    test('bad props', () => {
      expect(() => new ExternalSecretsAccess(cloudStack(), 'eso', { clusterName: '', region: 'mars' })).toThrow(
        'test-cloud/eso: clusterName = "" is empty; pass the EKS cluster name\ntest-cloud/eso: region = "mars" is not an AWS region; use e.g. "us-east-1"',
      );
    });

    test('region is required outside a layer stack', () => {
      const stack = new TerraformStack(new App(), 'plain');
      expect(() => new ExternalSecretsAccess(stack, 'eso', { clusterName: 'c' })).toThrow(
        'plain/eso: region = (missing) is required outside a CloudStack; pass the region of the secrets',
      );
    });

    test('belongs in the cloud layer', () => {
      expect(() => new ExternalSecretsAccess(workloadsStack(testApp()), 'eso', { clusterName: 'c' })).toThrow(
        'test-workloads/eso: ExternalSecretsAccess belongs in the cloud layer but was created in workloads stack "test-workloads"',
      );
    });
  });
});
