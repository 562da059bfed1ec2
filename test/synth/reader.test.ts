/**
 * src/synth, the one reader of synthesized output behind the plan review, the policy pack and the
 * CLI: the loader keeps what both need, the IAM reader says "unknown" explicitly (each user decides
 * what that means), the Helm-values reader parses a document once, and a library stack is resolved
 * once per synthesis although the policy pack reads it before the synthesizer writes it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PolicyPack } from '../../src/policy/pack';
import { iamWildcardAction } from '../../src/policy/rules/iam/iam-wildcard-action';
import { helmValues, valuesDocument } from '../../src/synth/helm-values';
import { parseStack } from '../../src/synth/load';
import { readPolicyDocument, statementsOf } from '../../src/synth/policy-document';
import { evaluateRule, contextOf } from '../../src/policy/engine';
import { cloudStack } from '../helpers/synth';
import { tempDir } from '../review/fixtures';

const STACK = {
  resource: {
    aws_iam_policy: {
      literal: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }] }) },
      fromData: { policy: '${data.aws_iam_policy_document.d.json}' },
      elsewhere: { policy: '${data.aws_iam_policy_document.other.json}' },
      computed: { policy: '${var.policy}' },
      wild: { policy: '${data.aws_iam_policy_document.w.json}', '//': { metadata: { path: 's/wild' }, policy_suppressions: [] } },
    },
  },
  data: {
    aws_iam_policy_document: {
      d: { statement: [{ effect: 'Allow', actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.q.arn}'] }] },
      w: { source_policy_documents: ['${var.extra}'], statement: [{ actions: ['*'], resources: ['*'] }] },
    },
  },
};

describe('the loader', () => {
  const stack = parseStack('s', STACK);
  test('keeps attributes without the // key, the construct path and the metadata', () => {
    const wild = stack.resources.get('aws_iam_policy.wild')!;
    expect(wild.path).toBe('s/wild');
    expect(wild.metadata).toEqual({ metadata: { path: 's/wild' }, policy_suppressions: [] });
    expect(Object.keys(wild.attributes)).toEqual(['policy']);
    expect(stack.data.get('data.aws_iam_policy_document.d')!.mode).toBe('data');
  });
});

describe('the IAM policy-document reader: unknown is explicit', () => {
  const stack = parseStack('s', STACK);
  const lookup = (address: string) => stack.data.get(address)?.attributes;
  const read = (name: string) => readPolicyDocument(stack.resources.get(`aws_iam_policy.${name}`)!.attributes.policy, lookup);

  test('literal JSON and a data source of the stack are read', () => {
    expect(read('literal')).toEqual({ statements: [expect.objectContaining({ effect: 'Allow', actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.b.arn}/*'] })] });
    expect(read('fromData')).toEqual({ statements: [expect.objectContaining({ actions: ['sqs:SendMessage'] })] });
  });

  test('what cannot be read says why', () => {
    expect(read('elsewhere')).toEqual({ unknown: 'references data.aws_iam_policy_document.other, which is not in this stack' });
    expect(read('computed')).toEqual({ unknown: 'is a reference this reader cannot follow' });
    expect(read('wild')).toEqual({ unknown: 'source_policy_documents is a reference this reader cannot follow' });
    expect(readPolicyDocument('not json', lookup)).toEqual({ unknown: 'is not JSON' });
    expect(readPolicyDocument(undefined, lookup)).toBeUndefined();
  });

  test('the plan review cannot tell a change from unknown (undefined); the policy pack reports it', () => {
    expect(statementsOf(stack.resources.get('aws_iam_policy.computed')!.attributes.policy, stack)).toBeUndefined();
    expect(statementsOf(undefined, stack)).toEqual([]);
    const resources = [...stack.resources.values(), ...stack.data.values()];
    const outcome = evaluateRule(iamWildcardAction, stack.resources.get('aws_iam_policy.computed')!, contextOf(resources));
    expect(outcome).toMatchObject({ status: 'non-compliant', message: 'policy = "${var.policy}" is not known at synth; this check needs a concrete value' });
  });
});

describe('the Helm-values reader', () => {
  const text = 'controller:\n  replicas: 2\n';
  const release = (extra: Record<string, unknown> = {}) => ({ type: 'helm_release', mode: 'managed' as const, attributes: { values: [text], ...extra } });

  test('a document is parsed once and shared; set entries do not touch the shared document', () => {
    const first = valuesDocument(text);
    expect(valuesDocument(text)).toBe(first);
    expect(helmValues(release({ set: [{ name: 'controller.replicas', value: '3' }] }))).toEqual({ controller: { replicas: 3 } });
    expect(valuesDocument(text)).toEqual({ controller: { replicas: 2 } });
    expect(helmValues(release())).toEqual({ controller: { replicas: 2 } });
  });

  test('a document that is not a literal mapping makes the values unknown; the review shows it as text', () => {
    expect(helmValues({ type: 'helm_release', mode: 'managed', attributes: { values: ['${templatefile("v.yaml", {})}'] } })).toBe('unknown');
    expect(valuesDocument('${templatefile("v.yaml", {})}')).toBe('${templatefile("v.yaml", {})}');
    expect(helmValues({ type: 'aws_s3_bucket', mode: 'managed', attributes: {} })).toBeUndefined();
  });
});

describe('resolve once: the policy pack and the synthesizer share one resolution of a library stack', () => {
  function synthCounting(build: (app: App) => TerraformStack): { calls: number; written: unknown; stack: TerraformStack } {
    const outdir = tempDir('resolve-once-');
    const app = new App({ outdir, skipBackendValidation: true });
    const stack = build(app);
    new SqsQueue(stack, 'q', { name: 'q', sqsManagedSseEnabled: true });
    PolicyPack.applyTo(app);
    const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      app.synth();
      const calls = spy.mock.contexts.filter((c) => c === stack).length;
      const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
      return { calls, written, stack };
    } finally {
      spy.mockRestore();
    }
  }

  test('a library layer stack is resolved once, in the prepare pass: no full resolve by cdktf after it, and the written JSON is that resolution', () => {
    const { calls, written } = synthCounting((app) => cloudStack(app));
    expect(calls).toBe(0);
    expect((written as any).resource.aws_sqs_queue.q.name).toBe('q');
  });

  test('a plain TerraformStack is resolved by the check and again by the synthesizer', () => {
    const { calls } = synthCounting((app) => {
      const s = new TerraformStack(app, 'plain');
      new AwsProvider(s, 'aws', { region: 'us-east-1' });
      return s;
    });
    expect(calls).toBe(2);
  });
});
