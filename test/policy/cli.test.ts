import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { runCli } from '../../src/cli/run';
import { PolicyPack } from '../../src/policy/pack';
import { suppress } from '../../src/policy/suppressions';

/** Synthesizes a two-stack app to a temp cdktf.out (validations skipped, so errors reach the files). */
function synthesize(withError: boolean): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-check-'));
  const app = new App({ outdir, skipValidation: true });
  const queues = new TerraformStack(app, 'queues');
  new AwsProvider(queues, 'aws', { region: 'us-east-1' });
  new SqsQueue(queues, 'orders', { name: 'orders', ...(withError ? {} : { sqsManagedSseEnabled: true }) });
  const events = new SqsQueue(queues, 'events', { name: 'events' });
  suppress(events, 'sqs-encryption', 'carries only public event ids');
  const encrypted = new SqsQueue(queues, 'audit', { name: 'audit', sqsManagedSseEnabled: true });
  suppress(encrypted, 'sqs-encryption', 'left over from an older configuration');
  const logs = new TerraformStack(app, 'logs');
  new AwsProvider(logs, 'aws', { region: 'us-east-1' });
  new CloudwatchLogGroup(logs, 'app', { name: '/app', retentionInDays: 30 });
  PolicyPack.applyTo(app);
  app.synth();
  return outdir;
}

async function check(args: string[]): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runCli(['check', ...args], { out: (l) => lines.push(l), err: (l) => errors.push(l) });
  return { code, lines, errors };
}

describe('cdktf-mlops check', () => {
  it('reports findings by severity, then suppressions, on stdout, and exits 2 on errors (as diff --fail-on-danger)', async () => {
    const dir = synthesize(true);
    const { code, lines, errors } = await check([dir]);
    expect(lines).toEqual([
      `cdktf-mlops check: ${dir}: 2 stacks (logs, queues), 4 resources, pack "full" (41 rules)`,
      '',
      'Errors (1):',
      '  [sqs-encryption] queues/orders (queues: aws_sqs_queue.orders)',
      '    neither kms_master_key_id nor sqs_managed_sse_enabled is set',
      '    fix: set kms_master_key_id (SSE-KMS) or sqs_managed_sse_enabled = true (SSE-SQS)',
      '',
      'Warnings (1):',
      '  [logs-kms] logs/app (logs: aws_cloudwatch_log_group.app)',
      '    kms_key_id is not set, so the log group uses the service-owned key',
      '    fix: set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it',
      '',
      'Suppressions (1):',
      '  [sqs-encryption] queues/events: 1 finding suppressed',
      '    reason: carries only public event ids',
      '    - aws_sqs_queue.events: neither kms_master_key_id nor sqs_managed_sse_enabled is set',
      '',
      'Unmatched suppressions (1):',
      '  [sqs-encryption] queues/audit: matched no finding; remove it (reason given: left over from an older configuration)',
      '',
      'Result: FAILED: 1 error, 1 warning, 1 suppressed finding, 1 unmatched suppression',
    ]);
    expect(errors).toEqual([]);
    expect(code).toBe(2);
  });

  it('exits 0 without errors, and runs the pack chosen with --pack', async () => {
    const dir = synthesize(false);
    expect((await check([dir])).code).toBe(0);
    const k8s = await check([dir, '--pack', 'k8s']);
    expect(k8s.lines[0]).toBe(`cdktf-mlops check: ${dir}: 2 stacks (logs, queues), 4 resources, pack "k8s" (10 rules)`);
    expect(k8s.lines).toContain('Warnings (0):');
    expect(k8s.code).toBe(0);
  });

  it('exits 1 with one line on stderr on a directory without manifest.json, an unknown pack or a second directory', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-empty-'));
    expect(await check([empty])).toEqual({
      code: 1,
      lines: [],
      errors: [`cdktf-mlops check: ${path.join(empty, 'manifest.json')} not found; run "cdktf synth" (or "npm run synth") first, or pass the cdktf output directory`],
    });
    const pack = await check([empty, '--pack', 'nope']);
    expect([pack.code, pack.lines, pack.errors[0]]).toEqual([1, [], 'cdktf-mlops check: unknown pack "nope"; use one of full, aws, k8s']);
    const two = await check([empty, empty]);
    expect([two.code, two.errors[0]]).toEqual([1, 'cdktf-mlops check: check takes at most 1 directory, got 2']);
  });
});
