/**
 * Resolving a stack once per synth (MlopsStack.prepareStack, src/core/layers/prepared-synth.ts):
 * the written JSON is built from the prepare pass's fragments only when nothing can have changed
 * them since, and otherwise cdktf resolves the stack again. Each test synthesizes a small app with
 * cdktf's real `App.synth()` and counts cdktf's own `TerraformStack.toTerraform()` calls (the full
 * resolve): a fallback calls it, the fast path does not. The comparison with cdktf's result for
 * every reference stack is in test/stacks/prepared-synth.checks.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, IAspect, Lazy, TerraformStack, Testing, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { DataStack, K8S_PACK, PolicyPack } from '../../src';
import { mergeFragment, PreparedAspect, recordOverride } from '../../src/core/layers/prepared-synth';
import { cloudStack, TEST_ENV } from '../helpers/synth';

/** Synthesizes `app`; returns cdktf's full resolves per stack id and the written JSON per stack id. */
function synthesize(app: App): { fullResolves: Map<string, number>; written: Map<string, any> } {
  const fullResolves = new Map<string, number>();
  const original = TerraformStack.prototype.toTerraform;
  const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform').mockImplementation(function (this: TerraformStack) {
    fullResolves.set(this.node.id, (fullResolves.get(this.node.id) ?? 0) + 1);
    return original.call(this);
  });
  try {
    app.synth();
  } finally {
    spy.mockRestore();
  }
  const written = new Map<string, any>();
  for (const stack of app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    written.set(stack.node.id, JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')));
  }
  return { fullResolves, written };
}

/** An aspect that is not the library's: it tags every queue. */
class TagQueues implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof SqsQueue) node.addOverride('tags.aspect', 'visited');
  }
}

describe('prepared synth (one resolve per stack)', () => {
  test('a stack with only the library aspects is written from the prepare pass; a cross-stack reference still gets its output and remote state', () => {
    const app = Testing.app();
    const data = new DataStack(app, 'data', TEST_ENV);
    const queue = new SqsQueue(data, 'queue', { name: 'q' });
    const cloud = cloudStack(app, 'cloud');
    new SqsQueue(cloud, 'dead-letter', { name: 'dl', redrivePolicy: queue.arn });
    // The policy pack's validation reads the JSON before the write: both come from the prepare pass.
    PolicyPack.applyTo(app, K8S_PACK);
    const { fullResolves, written } = synthesize(app);
    expect(fullResolves.size).toBe(0);
    // Created by the cloud stack's prepare, after the data stack's: resolved when writing.
    const output = Object.entries<any>(written.get('data').output);
    expect(output).toEqual([[expect.stringMatching(/^cross-stack-output-aws_sqs_queuequeuearn/), { sensitive: true, value: '${aws_sqs_queue.queue.arn}' }]]);
    expect(Object.values(written.get('data')['//'].outputs.data)).toEqual([output[0][0]]);
    expect(Object.keys(written.get('cloud').data.terraform_remote_state)).toHaveLength(1);
    expect(written.get('cloud').resource.aws_sqs_queue['dead-letter'].redrive_policy).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-data\.outputs\.cross-stack-output-aws_sqs_queuequeuearn/);
  });

  test('an aspect that is not the library’s: cdktf resolves the stack again, and the aspect’s change is written', () => {
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    new SqsQueue(stack, 'queue', { name: 'q' });
    Aspects.of(stack).add(new TagQueues());
    const { fullResolves, written } = synthesize(app);
    expect(fullResolves.get('cloud')).toBe(1);
    expect(written.get('cloud').resource.aws_sqs_queue.queue.tags).toEqual({ aspect: 'visited' });
  });

  test('an aspect on the app (cdktf 0.21 does not invoke it): cdktf resolves the stack again', () => {
    const app = Testing.app();
    new SqsQueue(cloudStack(app, 'cloud'), 'queue', { name: 'q' });
    Aspects.of(app).add(new TagQueues());
    expect(synthesize(app).fullResolves.get('cloud')).toBe(1);
  });

  test('an override on the stack after prepare (here by a validation): cdktf resolves the stack again, and the override is written', () => {
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    new SqsQueue(stack, 'queue', { name: 'q' });
    stack.node.addValidation({
      validate: () => {
        stack.addOverride('resource.aws_sqs_queue.queue.delay_seconds', 5);
        return [];
      },
    });
    const { fullResolves, written } = synthesize(app);
    expect(fullResolves.get('cloud')).toBe(1);
    expect(written.get('cloud').resource.aws_sqs_queue.queue.delay_seconds).toBe(5);
    expect(written.get('cloud')['//'].metadata.overrides).toEqual({ stack: ['resource'] });
  });

  test('what prepare kept is used once: HCL output and a second toTerraform() resolve again', () => {
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    const queue = new SqsQueue(stack, 'queue', { name: 'q' });
    stack.prepareStack();
    queue.addOverride('delay_seconds', 7);
    expect(stack.toHclTerraform().hcl).toContain('delay_seconds = 7');
    expect(stack.toTerraform().resource.aws_sqs_queue.queue.delay_seconds).toBe(7);
  });

  test('stack overrides holding tokens, and element metadata, are written as cdktf’s full resolve writes them', () => {
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    const queue = new SqsQueue(stack, 'queue', { name: 'q' });
    queue.addOverride('delay_seconds', 3);
    queue.moveFromId('aws_sqs_queue.old');
    stack.addOverride('terraform.required_version', Lazy.stringValue({ produce: () => '>= 1.11' }));
    stack.addOverride('output.arn.value', queue.arn);
    stack.addOverride('locals.delay', queue.delaySeconds);
    stack.addOverride('locals.object', Lazy.anyValue({ produce: () => ({ url: queue.url, dropped: undefined }) }));
    stack.addOverride('locals.list', [queue.arn, 'literal']);
    stack.addOverride('resource.aws_sqs_queue.queue.tags', { id: queue.id });
    stack.addOverride('//.note', queue.name);
    const { fullResolves, written } = synthesize(app);
    expect(fullResolves.size).toBe(0);
    // In memory (the file is written with sorted keys): prepared again, then written from the prepare pass.
    stack.prepareStack();
    const prepared = JSON.stringify(stack.toTerraform());
    expect(prepared).toBe(JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)));
    expect(prepared).not.toContain('TfToken');
    const json = written.get('cloud');
    expect(json.locals).toEqual({
      delay: '${aws_sqs_queue.queue.delay_seconds}',
      object: { url: '${aws_sqs_queue.queue.url}' },
      list: ['${aws_sqs_queue.queue.arn}', 'literal'],
    });
    expect(json.resource.aws_sqs_queue.queue.tags).toEqual({ id: '${aws_sqs_queue.queue.id}' });
    expect(json['//'].metadata.overrides).toEqual({ stack: ['terraform', 'output', 'locals', 'resource', '//'], aws_sqs_queue: ['delay_seconds'] });
    expect(json.moved).toEqual([{ from: 'aws_sqs_queue.old', to: 'aws_sqs_queue.queue' }]);
  });

  test('a stack override with a token as a key: the whole JSON is resolved, as cdktf does', () => {
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    const queue = new SqsQueue(stack, 'queue', { name: 'q' });
    stack.addOverride('locals.keyed', { [Token.asString(Lazy.stringValue({ produce: () => 'lazy_key' }))]: queue.name });
    expect(synthesize(app).written.get('cloud').locals).toEqual({ keyed: { lazy_key: '${aws_sqs_queue.queue.name}' } });
    stack.prepareStack();
    expect(JSON.stringify(stack.toTerraform())).toBe(JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)));
  });

  test('the library’s aspects run at prepare once per node, inherited ones first, in cdktf’s order', () => {
    const visits: string[] = [];
    class Record extends PreparedAspect {
      constructor(private readonly name: string) {
        super();
      }
      protected apply(node: IConstruct): void {
        if (node.node.id === 'queue' || TerraformStack.isStack(node)) visits.push(`${this.name}@${node.node.id}`);
      }
    }
    const app = Testing.app();
    const stack = cloudStack(app, 'cloud');
    const queue = new SqsQueue(stack, 'queue', { name: 'q' });
    const [a, b] = [new Record('a'), new Record('b')];
    Aspects.of(stack).add(a);
    Aspects.of(queue).add(b);
    Aspects.of(queue).add(a);
    expect(synthesize(app).fullResolves.size).toBe(0);
    expect(visits.filter((v) => v.startsWith('a@') || v.startsWith('b@'))).toEqual(['a@cloud', 'a@queue', 'b@queue']);
  });

  test('stack overrides and fragments merge as cdktf merges them', () => {
    const overrides: Record<string, unknown> = {};
    recordOverride(overrides, 'terraform.required_version', '>= 1.11');
    recordOverride(overrides, 'terraform.backend', 'x');
    recordOverride(overrides, 'terraform.backend.s3.key', 'k');
    expect(overrides).toEqual({ terraform: { required_version: '>= 1.11', backend: { s3: { key: 'k' } } } });
    const target: Record<string, unknown> = { a: { b: [1], c: 1, gone: true }, d: 'x' };
    mergeFragment(target, { a: { b: [2], c: { e: 1 }, gone: undefined }, d: ['y'] });
    expect(target).toEqual({ a: { b: [1, 2], c: { e: 1 } }, d: ['y'] });
  });
});
