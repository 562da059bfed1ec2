import { z } from 'zod';
import { bucketNameProblem, cidrsOverlap, nonPublicBlockOf, regionOfZone, Schemas } from '../../../src/core/schemas';

const msg = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues[0].message;

describe('AWS identifiers', () => {
  test.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'ap-southeast-5', 'eusc-de-east-1'])('region %s', (r) =>
    expect(msg(Schemas.region(), r)).toBeUndefined(),
  );
  test.each(['us-east', 'US-EAST-1', 'us-east-1a', 'useast1', 'us_east_1'])('not a region: %s', (r) =>
    expect(msg(Schemas.region(), r)).toBe('is not an AWS region; use e.g. "us-east-1"'),
  );

  test('availability zones and their region', () => {
    expect(msg(Schemas.availabilityZone(), 'us-east-1a')).toBeUndefined();
    expect(msg(Schemas.availabilityZone(), 'us-east-1')).toBe('is not an availability zone name; use e.g. "us-east-1a"');
    expect(regionOfZone('eu-west-3c')).toBe('eu-west-3');
    expect(regionOfZone('us-gov-east-1b')).toBe('us-gov-east-1');
    expect(regionOfZone('nope')).toBeUndefined();
  });

  test('account ids and KMS key ARNs', () => {
    expect(msg(Schemas.accountId(), '123456789012')).toBeUndefined();
    expect(msg(Schemas.accountId(), '12345678901')).toBe('is not a 12-digit AWS account id');
    expect(msg(Schemas.kmsKeyArn(), 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')).toBeUndefined();
    expect(msg(Schemas.kmsKeyArn(), 'arn:aws:kms:us-east-1:123456789012:alias/my-key')).toBe("is not a KMS key ARN; pass the key's ARN (arn:aws:kms:…:key/…)");
  });

  test('CIDRs: syntax, host bits, overlap with non-public blocks', () => {
    expect(msg(Schemas.cidr(), '10.0.0.0/16')).toBeUndefined();
    expect(msg(Schemas.cidr(), '10.0.0.1/16')).toBe('is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16');
    expect(nonPublicBlockOf('192.168.1.0/24')).toBe('192.168.0.0/16');
    expect(nonPublicBlockOf('0.0.0.0/1')).toBe('10.0.0.0/8');
    expect(nonPublicBlockOf('100.64.0.0/10')).toBe('100.64.0.0/10');
    expect(nonPublicBlockOf('203.0.113.0/24')).toBeUndefined();
    expect(cidrsOverlap('10.0.0.0/16', '10.0.255.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
  });

  test.each(['my-bucket', 'abc', 'a.b.c', 'x'.repeat(63), 'mlops-prod-artifacts-123456789012'])('bucket %s', (b) => expect(bucketNameProblem(b)).toBeUndefined());
  test.each([
    ['s3://my-bucket/prefix/', 'is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "my-bucket"'],
    ['s3a://data', 'is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "data"'],
    ['arn:aws:s3:::my-bucket', 'is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "my-bucket"'],
    ['ab', 'is not 3 to 63 characters long; S3 bucket names are 3-63 characters'],
    ['My-Bucket', 'is not an S3 bucket name; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit'],
    ['my_bucket', 'is not an S3 bucket name; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit'],
    ['a..b', 'is not an S3 bucket name; no ".." and not an IP address'],
    ['192.168.5.4', 'is not an S3 bucket name; no ".." and not an IP address'],
    ['xn--bucket', 'uses a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3); choose another name'],
    ['data-s3alias', 'uses a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3); choose another name'],
  ])('bucket %j: %s', (b, message) => expect(bucketNameProblem(b)).toBe(message));

  test('log retention', () => {
    expect(msg(Schemas.logRetentionDays(), 30)).toBeUndefined();
    expect(msg(Schemas.logRetentionDays(), 42)).toBe(
      'is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    );
  });
});
