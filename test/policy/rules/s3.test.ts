import { denyInsecureTransport, policyDocument, policyJson } from '../../../src/core/iam';
import { s3Encryption } from '../../../src/policy/rules/s3/s3-encryption';
import { s3ForceDestroy } from '../../../src/policy/rules/s3/s3-force-destroy';
import { s3PublicAccessBlock } from '../../../src/policy/rules/s3/s3-public-access-block';
import { s3TlsOnly } from '../../../src/policy/rules/s3/s3-tls-only';
import { s3Versioning } from '../../../src/policy/rules/s3/s3-versioning';
import { expectCompliant, expectFinding, resource, unknownMsg } from '../helpers';

const bucket = (extra: Record<string, unknown> = {}) => resource('aws_s3_bucket', { bucket_prefix: 'data-', ...extra }, 'data');
const ref = '${aws_s3_bucket.data.id}';
const pab = (flags: Record<string, unknown>) => resource('aws_s3_bucket_public_access_block', { bucket: ref, ...flags }, 'pab');
const allBlocked = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

describe('s3-public-access-block', () => {
  it('passes with all four settings', () => expectCompliant(s3PublicAccessBlock, bucket(), pab(allBlocked)));
  it('matches a literal bucket name', () => {
    const named = resource('aws_s3_bucket', { bucket: 'my-bucket' }, 'named');
    expectCompliant(s3PublicAccessBlock, named, resource('aws_s3_bucket_public_access_block', { bucket: 'my-bucket', ...allBlocked }, 'pab'));
  });
  it.each([
    ['no block', [], 'no aws_s3_bucket_public_access_block in this stack references the bucket'],
    [
      'partial block',
      [pab({ block_public_acls: true, block_public_policy: false, ignore_public_acls: '${var.x}' })],
      'aws_s3_bucket_public_access_block.pab.block_public_policy is false; ' +
        unknownMsg('aws_s3_bucket_public_access_block.pab.ignore_public_acls', '${var.x}') +
        '; aws_s3_bucket_public_access_block.pab.restrict_public_buckets is not set (default false)',
    ],
  ])('fails: %s', (_name, others, message) => expectFinding(s3PublicAccessBlock, bucket(), message, ...others));
});

describe('s3-encryption', () => {
  const sse = (algorithm: string) =>
    resource('aws_s3_bucket_server_side_encryption_configuration', { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: algorithm } }] }, 'sse');
  it('passes with SSE-KMS', () => expectCompliant(s3Encryption, bucket(), sse('aws:kms')));
  it.each([
    ['no configuration', [], 'no aws_s3_bucket_server_side_encryption_configuration in this stack references the bucket'],
    ['unknown algorithm', [sse('${var.a}')], 'sse_algorithm = "${var.a}" is not known at synth; this check needs a concrete value'],
    ['unsupported algorithm', [sse('none')], 'the encryption configuration sets no supported sse_algorithm'],
  ])('fails: %s', (_name, others, message) => expectFinding(s3Encryption, bucket(), message, ...others));
});

describe('s3-versioning', () => {
  const versioning = (status: string) => resource('aws_s3_bucket_versioning', { bucket: ref, versioning_configuration: { status } }, 'v');
  it('passes when enabled', () => expectCompliant(s3Versioning, bucket(), versioning('Enabled')));
  it.each([
    ['none', [], 'no aws_s3_bucket_versioning in this stack references the bucket'],
    ['suspended', [versioning('Suspended')], 'aws_s3_bucket_versioning.v versioning_configuration.status is "Suspended"'],
  ])('fails: %s', (_name, others, message) => expectFinding(s3Versioning, bucket(), message, ...others));
});

describe('s3-tls-only', () => {
  const bucketPolicy = (policy: string) => resource('aws_s3_bucket_policy', { bucket: ref, policy }, 'policy');
  it('passes with denyInsecureTransport()', () => {
    expectCompliant(s3TlsOnly, bucket(), bucketPolicy(policyJson(policyDocument(denyInsecureTransport(['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], 's3:*')))));
  });
  it.each([
    ['no policy', [], 'no aws_s3_bucket_policy in this stack references the bucket'],
    ['policy without the deny', [bucketPolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 's3:GetObject', Resource: '*' }] }))], 'the bucket policy has no statement denying requests with aws:SecureTransport = false'],
    ['unreadable policy', [bucketPolicy('${var.p}')], 'aws_s3_bucket_policy.policy.policy is a reference this reader cannot follow; this check needs a concrete policy'],
  ])('fails: %s', (_name, others, message) => expectFinding(s3TlsOnly, bucket(), message, ...others));
});

describe('s3-force-destroy', () => {
  it('passes by default', () => expectCompliant(s3ForceDestroy, bucket()));
  it.each([
    ['true', bucket({ force_destroy: true }), 'force_destroy is true, so destroying the stack deletes every object in the bucket'],
    ['unknown', bucket({ force_destroy: '${var.fd}' }), unknownMsg('force_destroy', '${var.fd}')],
  ])('fails: %s', (_name, r, message) => expectFinding(s3ForceDestroy, r, message));
});
