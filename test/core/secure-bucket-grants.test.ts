/** SecureBucket.grantRead / grantReadWrite: one builder of prefix + key-through-S3 access (src/core/s3-access.ts). */
import { TerraformStack } from 'cdktf';
import { PodIdentityRole } from '../../src/core/pod-identity-role';
import { kmsViaS3Statement, s3AccessStatements } from '../../src/core/s3-access';
import { SecureBucket } from '../../src/core/secure-bucket';
import { cloudStack, onlyResource, policy, synth, testApp } from '../helpers/synth';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const role = (stack: TerraformStack, id = 'reader') => new PodIdentityRole(stack, id, { clusterName: 'ml', namespace: 'ns', serviceAccount: id });

describe('SecureBucket grants', () => {
  test('grantRead: list under the prefix, GetObject under it, Decrypt only by S3 in the region for this bucket', () => {
    const stack = cloudStack();
    const bucket = new SecureBucket(stack, 'data', { kmsKeyArn: KEY });
    bucket.grantRead(role(stack), 'datasets/churn', { sid: 'Churn' });
    const json = synth(stack);
    const [name] = Object.keys(json.resource!.aws_s3_bucket);
    const arn = `\${aws_s3_bucket.${name}.arn}`;
    expect(policy(onlyResource(json, 'aws_iam_role_policy').policy).Statement).toEqual([
      { Sid: 'ChurnList', Effect: 'Allow', Action: 's3:ListBucket', Resource: arn, Condition: { StringLike: { 's3:prefix': ['datasets/churn', 'datasets/churn/*'] } } },
      { Sid: 'ChurnObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${arn}/datasets/churn/*` },
      {
        Sid: 'ChurnKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: KEY,
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': arn } },
      },
    ]);
  });

  test('grantReadWrite without a customer key: no KMS statement (aws/s3 needs none); grants accumulate in one inline policy', () => {
    const stack = cloudStack();
    const a = new SecureBucket(stack, 'a');
    const b = new SecureBucket(stack, 'b');
    const writer = new PodIdentityRole(stack, 'writer', {
      clusterName: 'ml', namespace: 'ns', serviceAccount: 'writer',
      policy: { Version: '2012-10-17', Statement: [{ Sid: 'Own', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }] },
    });
    a.grantReadWrite(writer, undefined, { sid: 'A' });
    b.grantRead(writer, 'in', { sid: 'B' });
    const json = synth(stack);
    const doc = policy(onlyResource(json, 'aws_iam_role_policy').policy);
    expect(onlyResource(json, 'aws_iam_role_policy').name).toBe('least-privilege');
    expect(doc.Statement.map((s: any) => [s.Sid, s.Action, s.Condition ?? null])).toEqual([
      ['Own', 'sqs:SendMessage', null],
      ['AList', 's3:ListBucket', null],
      ['AObjects', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], null],
      ['BList', 's3:ListBucket', { StringLike: { 's3:prefix': ['in', 'in/*'] } }],
      ['BObjects', 's3:GetObject', null],
    ]);
  });

  test('outside a library stack a bucket with a customer key needs its region for grants', () => {
    const plain = new TerraformStack(testApp(), 'plain');
    const bucket = new SecureBucket(plain, 'data', { kmsKeyArn: KEY });
    expect(() => bucket.grantRead(role(plain))).toThrow("plain/data: region = (missing) is unknown outside a library layer stack; give the bucket's region so grants can limit its KMS key to S3 there");
    const known = new SecureBucket(plain, 'known', { kmsKeyArn: KEY, region: 'eu-west-1' });
    expect(known.accessStatements('read-write').at(-1)!.Condition!.StringEquals['kms:ViaService']).toBe('s3.eu-west-1.amazonaws.com');
  });

  test('the builder: KMS actions follow the access level; a key without a region is refused', () => {
    expect(kmsViaS3Statement('K', [KEY], 'us-west-2', 'read-write')).toEqual({
      Sid: 'K', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [KEY], Condition: { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } },
    });
    expect(() => s3AccessStatements({ bucketArn: 'arn:aws:s3:::b', kmsKeyArn: KEY }, 'read')).toThrow('the region of arn:aws:s3:::b is required with kmsKeyArn');
  });
});
