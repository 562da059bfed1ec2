import * as fs from 'fs';
import { App } from 'cdktf';
import { dev } from '../../stacks/config/dev';
import { buildLlmRag } from '../../stacks/llm-rag';
import { REFERENCE_STACK_SETS, selectStackSets, StackSetSelectionError } from '../../stacks/app';
import { synthReferenceStacks } from '../../stacks/main';
import { tempDir } from '../review/fixtures';
import { placeholderWarnings, validateEnvironment } from '../../stacks/config/environment';
import { prod } from '../../stacks/config/prod';

describe('environment configs', () => {
  test('the shipped dev and prod configs are valid', () => {
    expect(validateEnvironment(dev)).toBe(dev);
    expect(validateEnvironment(prod)).toBe(prod);
  });

  test.each([
    [{ region: 'useast1' }, 'environment config "dev": region = "useast1" is not an AWS region; use e.g. "us-east-1"'],
    [{ azCount: 1 }, 'environment config "dev": azCount = 1 is below 2; EKS needs at least 2 availability zones'],
    [{ vpcCidr: '10.0.0.0/33' }, 'environment config "dev": vpcCidr = "10.0.0.0/33" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16'],
    [{ accountId: '1234' }, 'environment config "dev": accountId = "1234" is not a 12-digit AWS account id'],
    [{ preset: 'staging' }, 'environment config "dev": preset = "staging" must be "dev" or "prod"'],
    [{ gpuLimits: { ...dev.gpuLimits, migH100: 0 } }, 'environment config "dev": gpuLimits.migH100 = 0 must be at least 1 (a pool with no GPUs cannot launch nodes)'],
    [{ gpuLimits: { ...dev.gpuLimits, inference: 2.5 } }, 'environment config "dev": gpuLimits.inference = 2.5 must be a whole number of GPUs'],
    [{ images: { ...dev.images, driftJob: 'registry.example.com/drift:latest' } }, 'environment config "dev": images.driftJob = "registry.example.com/drift:latest" uses the mutable tag "latest"; pin a version tag or a digest'],
    [
      { images: { ...dev.images, retraining: 'train' } },
      'environment config "dev": images.retraining = "train" has no tag; pin a version tag or a digest (use "registry/repository:tag" or "registry/repository@sha256:<digest>")',
    ],
    [
      { adminCidrs: ['10.20.0.0/16'] },
      'environment config "dev": adminCidrs[0] = "10.20.0.0/16" is (or overlaps) the non-public range 10.0.0.0/8, which never reaches the public endpoint; list public egress CIDRs here and inside-VPC ranges in endpointPrivateAccessCidrs',
    ],
    [{ systemInstanceTypes: ['m7i large'] }, 'environment config "dev": systemInstanceTypes[0] = "m7i large" is not an EC2 instance type; use e.g. "m7i.large"'],
    [{ backend: { type: 's3', bucket: 's3://tf-state' } }, 'environment config "dev": backend.bucket = "s3://tf-state" is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "tf-state"'],
    [{ gpuLimit: { inference: 4 } }, 'environment config "dev": gpuLimit = {"inference":4} is not a known prop; did you mean "gpuLimits"?'],
  ])('a bad value names the field: %j', (change, message) => {
    expect(() => validateEnvironment({ ...dev, ...(change as any) })).toThrow(message);
  });

  test('a stack set built from a bad config fails before any stack is written', () => {
    const app = new App({ outdir: tempDir('config-'), skipBackendValidation: true });
    expect(() => buildLlmRag(app, { ...dev, azCount: 1 })).toThrow('environment config "dev": azCount = 1 is below 2');
    expect(app.node.children).toHaveLength(0);
  });

  test('placeholders of the shipped configs are named as warnings, not errors', () => {
    expect(placeholderWarnings(dev)).toEqual([
      'environment config "dev": adminCidrs is still the shipped placeholder; list your office, VPN or CI egress CIDRs (documentation ranges reach nothing) before deploying',
      'environment config "dev": images.driftJob is still the shipped placeholder; point it at your drift-check image before deploying',
      'environment config "dev": images.retraining is still the shipped placeholder; point it at your training image before deploying',
      'environment config "dev": images.validate is still the shipped placeholder; point it at your pipeline\'s validate image (docs/catalog/pipelines.md, "Step contract") before deploying',
      'environment config "dev": images.evaluate is still the shipped placeholder; point it at your pipeline\'s evaluate image (docs/catalog/pipelines.md, "Step contract") before deploying',
      'environment config "dev": images.register is still the shipped placeholder; point it at your pipeline\'s register image (docs/catalog/pipelines.md, "Step contract") before deploying',
      'environment config "dev": images.embedding is still the shipped placeholder; point it at your embedding image before deploying',
      'environment config "dev": llmops.langfuseAdminEmail is still the shipped placeholder; give the e-mail of Langfuse\'s first admin before deploying',
    ]);
    expect(placeholderWarnings(prod).map((w) => w.split(':')[1].trim().split(' ')[0])).toEqual(['images.driftJob', 'images.retraining', 'images.validate', 'images.evaluate', 'images.register', 'images.embedding', 'llmops.langfuseAdminEmail', 'backend.bucket']);
    const images = { driftJob: 'ghcr.io/acme/drift:1.0.0', retraining: 'ghcr.io/acme/train:1.0.0', validate: 'ghcr.io/acme/validate:1.0.0', evaluate: 'ghcr.io/acme/evaluate:1.0.0', register: 'ghcr.io/acme/register:1.0.0', embedding: 'ghcr.io/acme/embed:1.0.0' };
    const edited = { ...dev, adminCidrs: ['198.18.0.0/24'], images, llmops: { ...dev.llmops, langfuseAdminEmail: 'platform@acme.io' } };
    expect(placeholderWarnings(edited)).toEqual([]);
    const app = new App({ outdir: tempDir('config-'), skipBackendValidation: true });
    const { set } = buildLlmRag(app, dev);
    const warnings = set.cloud.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.filter((w) => w.includes('shipped placeholder'))).toHaveLength(8);
  });

  test('two environments of one set never share a stack or cluster name', () => {
    const app = new App({ outdir: tempDir('config-'), skipBackendValidation: true });
    const a = buildLlmRag(app, dev);
    const b = buildLlmRag(app, { ...dev, environment: 'staging' });
    expect([a.clusterName, b.clusterName]).toEqual(['llm-rag-dev', 'llm-rag-staging']);
    expect(a.set.stackNames).toEqual(['llm-rag-dev-data', 'llm-rag-dev-cloud', 'llm-rag-dev-platform', 'llm-rag-dev-workloads']);
    expect(b.set.stackNames.filter((n) => a.set.stackNames.includes(n))).toEqual([]);
  });
});

describe('synthesizing from the command line (stacks/main.ts)', () => {
  test('an unknown STACK_SETS name is one line naming the known sets, exit 1, nothing written', () => {
    const outdir = tempDir('main-');
    const err: string[] = [];
    expect(synthReferenceStacks({ STACK_SETS: 'llm-rag-dev,nope', CDKTF_OUTDIR: outdir }, (t) => err.push(t))).toBe(1);
    expect(err).toEqual(['synth: STACK_SETS: unknown reference stack set "nope"; known: mlops-platform-dev, mlops-platform-prod, gpu-training-dev, gpu-training-prod, llm-rag-dev, llm-rag-prod\n']);
    expect(fs.existsSync(`${outdir}/manifest.json`)).toBe(false);
  });

  test('selectStackSets keeps the order given and defaults to every set', () => {
    expect(selectStackSets(' llm-rag-dev , gpu-training-prod')).toEqual(['llm-rag-dev', 'gpu-training-prod']);
    expect(selectStackSets('')).toEqual(Object.keys(REFERENCE_STACK_SETS));
    expect(() => selectStackSets('llm-rag')).toThrow(StackSetSelectionError);
  });

  test('a bug is not turned into a one-line message', () => {
    expect(() => synthReferenceStacks({ CDKTF_OUTDIR: '\0' }, () => undefined)).toThrow();
  });
});
