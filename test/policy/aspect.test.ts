import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { StackSet } from '../../src/core/layers/stack-set';
import { SecureBucket } from '../../src/core/secure-bucket';
import { checkStack } from '../../src/policy/aspect';
import { FULL_PACK, PolicyPack } from '../../src/policy/pack';
import { suppress } from '../../src/policy/suppressions';
import { cloudStack, synth } from '../helpers/synth';

const WARN = '@cdktf/warn';
const INFO = '@cdktf/info';

function stack(app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')) }), id = 'shop'): TerraformStack {
  const s = new TerraformStack(app, id);
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  return s;
}

function messages(c: Construct, type: string): string[] {
  return c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));
}

describe('PolicyPack.applyTo during synth', () => {
  it('fails synth with the error findings, naming construct path, address and fix', () => {
    const s = stack();
    const app = new Construct(s, 'orders');
    new SqsQueue(app, 'queue', { name: 'orders' });
    PolicyPack.applyTo(s);
    expect(() => synth(s)).toThrow(
      '[shop] policy [sqs-encryption] shop/orders/queue (aws_sqs_queue.orders_queue_A1AAE4D8): neither kms_master_key_id nor sqs_managed_sse_enabled is set. Fix: set kms_master_key_id (SSE-KMS) or sqs_managed_sse_enabled = true (SSE-SQS)',
    );
  });

  it('adds warnings as annotations and passes', () => {
    const s = stack();
    const logs = new CloudwatchLogGroup(s, 'logs', { name: '/shop', retentionInDays: 30 });
    PolicyPack.applyTo(s);
    synth(s);
    expect(messages(logs, WARN)).toEqual([
      'policy [logs-kms] shop/logs (aws_cloudwatch_log_group.logs): kms_key_id is not set, so the log group uses the service-owned key. Fix: set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it',
    ]);
  });

  it('honours a suppression on a parent construct, records it in the JSON and lists it as info', () => {
    const s = stack();
    const orders = new Construct(s, 'orders');
    new SqsQueue(orders, 'queue', { name: 'orders' });
    suppress(orders, 'sqs-encryption', 'the queue carries only public order ids');
    PolicyPack.applyTo(s);
    const json = synth(s);
    expect(json.resource?.aws_sqs_queue.orders_queue_A1AAE4D8['//']).toEqual({
      metadata: { path: 'shop/orders/queue', uniqueId: 'orders_queue_A1AAE4D8' },
      policy_suppressions: [{ ruleId: 'sqs-encryption', reason: 'the queue carries only public order ids', path: 'shop/orders' }],
    });
    expect(messages(orders, INFO)).toEqual(['policy [sqs-encryption] suppressed on 1 finding(s): the queue carries only public order ids']);
  });

  it('warns about a suppression that matches nothing', () => {
    const s = stack();
    const queue = new SqsQueue(s, 'queue', { name: 'q', sqsManagedSseEnabled: true });
    suppress(queue, 'sqs-encryption', 'left over from an older configuration');
    PolicyPack.applyTo(s);
    synth(s);
    expect(messages(queue, WARN)).toEqual(['policy [sqs-encryption] suppression at shop/queue matched no finding; remove it (reason given: left over from an older configuration)']);
  });

  it('writes suppressions to cdk.tf.json through app.synth, keeping the // metadata', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')) });
    const s = stack(app);
    const queue = new SqsQueue(s, 'queue', { name: 'q' });
    suppress(queue, 'sqs-encryption', 'integration test queue without data');
    PolicyPack.applyTo(app);
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks/shop/cdk.tf.json'), 'utf8'));
    expect(written.resource.aws_sqs_queue.queue['//'].policy_suppressions).toEqual([{ ruleId: 'sqs-encryption', reason: 'integration test queue without data', path: 'shop/queue' }]);
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.shop.annotations.map(({ stacktrace: _trace, ...a }: any) => a)).toEqual([
      { constructPath: 'shop/queue', level: INFO, message: 'policy [sqs-encryption] suppressed on 1 finding(s): integration test queue without data' },
    ]);
  });

  it('fails app synth for a stack created after applyTo', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')) });
    stack(app, 'first');
    PolicyPack.applyTo(app);
    stack(app, 'late');
    expect(() => app.synth()).toThrow('stack "late" was created after PolicyPack.applyTo and is not checked by policy pack "full"; call PolicyPack.applyTo after creating every stack');
  });

  it('refuses a scope without stacks', () => {
    expect(() => PolicyPack.applyTo(new App())).toThrow('app: PolicyPack.applyTo found no TerraformStack; call it after creating the stacks');
  });
});

describe('a library stack resolves its Terraform JSON once per synth', () => {
  const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));
  function counted(run: () => void): number {
    const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('the policy check and the written file share the prepare pass’s resolution (no full resolve by cdktf), and the file is what the check saw', () => {
    const app = new App({ outdir: outdir() });
    const s = cloudStack(app, 'once');
    new SqsQueue(s, 'queue', { name: 'q', sqsManagedSseEnabled: true });
    PolicyPack.applyTo(app);
    expect(counted(() => app.synth())).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks/once/cdk.tf.json'), 'utf8'));
    expect(written.resource.aws_sqs_queue.queue).toMatchObject({ name: 'q', sqs_managed_sse_enabled: true });
    // a plain TerraformStack keeps cdktf's two resolutions
    const plain = new App({ outdir: outdir() });
    new SqsQueue(stack(plain, 'plain'), 'queue', { name: 'q', sqsManagedSseEnabled: true });
    PolicyPack.applyTo(plain);
    expect(counted(() => plain.synth())).toBe(2);
  });

  it('keeps nothing from a synth that failed validation: a later toTerraform() sees the stack as changed since', () => {
    const s = cloudStack(new App({ outdir: outdir() }), 'failed');
    const queue = new SqsQueue(s, 'queue', { name: 'q' });
    PolicyPack.applyTo(s);
    expect(() => synth(s)).toThrow('[sqs-encryption]');
    queue.sqsManagedSseEnabled = true;
    expect(s.toTerraform().resource.aws_sqs_queue.queue.sqs_managed_sse_enabled).toBe(true);
  });
});

describe('suppress', () => {
  it('requires a reason of at least 10 characters', () => {
    const s = stack();
    const queue = new SqsQueue(s, 'queue', { name: 'q' });
    expect(() => suppress(queue, 'sqs-encryption', ' too short ')).toThrow(
      'shop/queue: reason = " too short " is shorter than 10 characters; say why rule "sqs-encryption" does not apply to this construct',
    );
  });
  it('requires a known rule id', () => {
    const s = stack();
    expect(() => suppress(s, 'sqs-encrypted', 'a typo in the rule id')).toThrow(
      'shop: ruleId = "sqs-encrypted" is not a rule of any policy pack; use a rule id listed in docs/catalog/policy.md',
    );
  });
  it('requires a construct inside a stack', () => {
    const app = new App();
    expect(() => suppress(app, 'sqs-encryption', 'the whole app is a demo')).toThrow(
      ': construct = "" is not inside a TerraformStack; suppress on the stack or a construct inside it',
    );
  });
});

describe('suppress across the data layer', () => {
  it('a suppression on a construct of the cloud stack covers its resources placed in the data stack, and is reported there only', () => {
    const set = new StackSet(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')) }), { project: 'shop', environment: 'dev', region: 'us-east-1' });
    const bucket = new SecureBucket(set.cloud, 'scratch');
    bucket.bucket.addOverride('force_destroy', true);
    expect(checkStack(set.data, FULL_PACK).findings.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual(['s3-force-destroy shop-dev-data/scratch/bucket']);
    suppress(bucket, 's3-force-destroy', 'scratch data, regenerated by the nightly job');
    const [data, cloud] = [checkStack(set.data, FULL_PACK), checkStack(set.cloud, FULL_PACK)];
    expect(data.findings).toEqual([]);
    expect(data.suppressed.map((s) => [s.finding.constructPath, s.suppression.path])).toEqual([['shop-dev-data/scratch/bucket', 'shop-dev-data/scratch']]);
    expect([data.unmatched, cloud.unmatched]).toEqual([[], []]);
  });
});
