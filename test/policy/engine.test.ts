import { FULL_PACK, PolicyPack } from '../../src/policy/pack';
import { formatFinding, runRules } from '../../src/policy/engine';
import { rdsNotPublic } from '../../src/policy/rules/rds/rds-not-public';
import { sqsEncryption } from '../../src/policy/rules/services/sqs-encryption';
import { logsKms } from '../../src/policy/rules/services/logs-kms';
import { recordedSuppressions, resourcesOf } from '../../src/policy/check';
import { parseStack } from '../../src/synth/load';
import { resource } from './helpers';
import { PolicyRule } from '../../src/policy/types';

const queue = (name: string, path: string) => ({ ...resource('aws_sqs_queue', {}, name), path });
const pack = new PolicyPack('test', [sqsEncryption, logsKms, rdsNotPublic]);

describe('runRules', () => {
  it('reports non-compliant resources, errors first, with path, address, message and fix', () => {
    const result = runRules([resource('aws_cloudwatch_log_group', { name: '/x', retention_in_days: 1 }, 'logs'), queue('q', 'stack/app/q')], pack);
    expect(result.findings.map(formatFinding)).toEqual([
      '[sqs-encryption] stack/app/q (aws_sqs_queue.q): neither kms_master_key_id nor sqs_managed_sse_enabled is set. Fix: set kms_master_key_id (SSE-KMS) or sqs_managed_sse_enabled = true (SSE-SQS)',
      '[logs-kms] stack/logs (aws_cloudwatch_log_group.logs): kms_key_id is not set, so the log group uses the service-owned key. Fix: set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it',
    ]);
    expect(result.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(result.resourceCount).toBe(2);
  });

  it('treats an unresolved value that must be concrete as non-compliant, never as a pass', () => {
    const result = runRules([resource('aws_db_instance', { publicly_accessible: '${var.public}' }, 'db')], pack);
    expect(result.findings).toEqual([
      {
        ruleId: 'rds-not-public',
        severity: 'error',
        stack: 'stack',
        address: 'aws_db_instance.db',
        constructPath: 'stack/db',
        message: 'publicly_accessible = "${var.public}" is not known at synth; this check needs a concrete value',
        fix: 'remove publicly_accessible (default false) and reach the database from inside the VPC',
      },
    ]);
  });

  it('applies a suppression to the construct and its children, the most specific one winning', () => {
    const parent = { ruleId: 'sqs-encryption', reason: 'queues carry only public events', path: 'stack/app' };
    const child = { ruleId: 'sqs-encryption', reason: 'this queue is a test fixture only', path: 'stack/app/b' };
    const result = runRules([queue('a', 'stack/app/a'), queue('b', 'stack/app/b'), queue('c', 'stack/apply/c')], pack, [parent, child]);
    expect(result.findings.map((f) => f.address)).toEqual(['aws_sqs_queue.c']);
    expect(result.suppressed.map((s) => [s.finding.address, s.suppression.reason])).toEqual([
      ['aws_sqs_queue.a', 'queues carry only public events'],
      ['aws_sqs_queue.b', 'this queue is a test fixture only'],
    ]);
    expect(result.unmatched).toEqual([]);
  });

  it('reports suppressions that match no finding', () => {
    const wrongRule = { ruleId: 'logs-kms', reason: 'the queue has no logs at all', path: 'stack/app/a' };
    const result = runRules([queue('a', 'stack/app/a')], pack, [wrongRule]);
    expect(result.unmatched).toEqual([wrongRule]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sqs-encryption']);
  });

  it('runs every rule that names a resource\'s type, each once, and no rule on data sources', () => {
    const calls: string[] = [];
    const rule = (id: string, appliesTo: string[]): PolicyRule => ({
      id,
      severity: 'error',
      description: id,
      appliesTo,
      mirrors: [],
      check: (r) => {
        calls.push(`${id} ${r.address}`);
        return { status: 'non-compliant', message: 'm', fix: 'f' };
      },
    });
    const rules = { name: 'dispatch', rules: [rule('r1', ['aws_sqs_queue', 'aws_kms_key', 'aws_sqs_queue']), rule('r2', ['aws_kms_key']), rule('r3', ['aws_s3_bucket'])] };
    const resources = [queue('q', 'stack/q'), resource('aws_kms_key', {}, 'k'), resource('aws_sqs_queue', {}, 'd', 'data'), resource('aws_iam_role', {}, 'role')];
    const result = runRules(resources, rules);
    expect(calls).toEqual(['r1 aws_sqs_queue.q', 'r1 aws_kms_key.k', 'r2 aws_kms_key.k']);
    expect(result.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['r1 aws_kms_key.k', 'r2 aws_kms_key.k', 'r1 aws_sqs_queue.q']);
    expect(result.resourceCount).toBe(4);
  });

  it('looks up relations only within a resource\'s own stack', () => {
    const bucket = resource('aws_s3_bucket', { bucket: 'b' }, 'b');
    const versioningElsewhere = { ...resource('aws_s3_bucket_versioning', { bucket: 'b', versioning_configuration: { status: 'Enabled' } }, 'v'), stack: 'other' };
    const result = runRules([bucket, versioningElsewhere], FULL_PACK);
    expect(result.findings.find((f) => f.ruleId === 's3-versioning')?.message).toBe('no aws_s3_bucket_versioning in this stack references the bucket');
  });
});

describe('reading Terraform JSON', () => {
  const json = {
    resource: {
      aws_sqs_queue: {
        q: {
          '//': { metadata: { path: 'stack/app/q', uniqueId: 'q' }, policy_suppressions: [{ ruleId: 'sqs-encryption', reason: 'public events only', path: 'stack/app' }] },
          name: 'q',
        },
        r: { '//': { metadata: { path: 'stack/app/r' }, policy_suppressions: [{ ruleId: 'sqs-encryption', reason: 'public events only', path: 'stack/app' }] } },
      },
    },
    data: { aws_iam_policy_document: { d: { statement: [] } } },
  };
  it('reads resources and data sources with construct paths (src/synth), without the // key', () => {
    expect(resourcesOf(parseStack('s', json)).map((r) => [r.mode, r.address, r.path, r.attributes])).toEqual([
      ['managed', 'aws_sqs_queue.q', 'stack/app/q', { name: 'q' }],
      ['managed', 'aws_sqs_queue.r', 'stack/app/r', {}],
      ['data', 'data.aws_iam_policy_document.d', undefined, { statement: [] }],
    ]);
  });
  it('collects each recorded suppression once', () => {
    expect(recordedSuppressions(resourcesOf(parseStack('s', json)))).toEqual([{ ruleId: 'sqs-encryption', reason: 'public events only', path: 'stack/app' }]);
  });
});

describe('PolicyPack', () => {
  it('rejects duplicate rule ids', () => {
    expect(() => new PolicyPack('dup', [sqsEncryption, sqsEncryption])).toThrow('policy pack "dup": rule id "sqs-encryption" appears twice; give every rule a unique id');
  });
  it('has 40 rules in the full pack, each with an id, description and severity', () => {
    expect(FULL_PACK.rules).toHaveLength(41);
    for (const r of FULL_PACK.rules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
  });
});
