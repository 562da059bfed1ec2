import * as fs from 'fs';
import { App } from 'cdktf';
import { dev } from '../../stacks/config/dev';
import { buildLlmRag } from '../../stacks/llm-rag';
import { REFERENCE_STACK_SETS, selectStackSets, StackSetSelectionError } from '../../stacks/app';
import { synthReferenceStacks } from '../../stacks/synth';
import { buildGpuTraining } from '../../stacks/gpu-training';
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
    [{ frontDoor: { ...dev.frontDoor!, domain: 'https://ml.acme.io' } }, 'environment config "dev": frontDoor.domain = "https://ml.acme.io" is a URL, not a DNS name; give the name only, e.g. "ml.example.com"'],
    [{ frontDoor: { ...dev.frontDoor!, hostedZoneId: 'acme.io' } }, 'environment config "dev": frontDoor.hostedZoneId = "acme.io" is not a Route 53 hosted zone id; use the zone\'s id, e.g. "Z0123456789ABCDEFGHIJ" (not its name)'],
    [{ frontDoor: { ...dev.frontDoor!, hostedZoneId: undefined, externalDns: false } }, 'environment config "dev": frontDoor.hostedZoneId = (missing) is required to issue the certificate; give the public hosted zone of the domain, or an existing certificateArn'],
    [
      { frontDoor: { ...dev.frontDoor!, hostedZoneId: undefined, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000' } },
      'environment config "dev": frontDoor.hostedZoneId = (missing) is required by externalDns (the zone it writes to); give it or set externalDns: false',
    ],
    [{ frontDoor: { ...dev.frontDoor!, scheme: 'internet-facing' } }, 'environment config "dev": frontDoor.allowedCidrs = (missing) is required for an internet-facing front door; list the CIDRs of your users'],
    [{ frontDoor: { ...dev.frontDoor!, sso: 'okta' } }, 'environment config "dev": frontDoor.sso = "okta" must be "none", "cognito" or an OIDC provider { issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientSecretArn }'],
    [{ frontDoor: { ...dev.frontDoor!, inference: 'public' } }, 'environment config "dev": frontDoor.inference = "public" must be "nlb", "alb" or "none"'],
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
      'environment config "dev": frontDoor.domain is still the shipped placeholder; use a domain of yours (the hosts are <app>.<domain>) before deploying',
      'environment config "dev": frontDoor.hostedZoneId is still the shipped placeholder; give the id of your public Route 53 hosted zone of the domain before deploying',
    ]);
    expect(placeholderWarnings(prod).map((w) => w.split(':')[1].trim().split(' ')[0])).toEqual([
      'images.driftJob',
      'images.retraining',
      'images.validate',
      'images.evaluate',
      'images.register',
      'images.embedding',
      'llmops.langfuseAdminEmail',
      'frontDoor.domain',
      'frontDoor.hostedZoneId',
      'backend.bucket',
    ]);
    const images = { driftJob: 'ghcr.io/acme/drift:1.0.0', retraining: 'ghcr.io/acme/train:1.0.0', validate: 'ghcr.io/acme/validate:1.0.0', evaluate: 'ghcr.io/acme/evaluate:1.0.0', register: 'ghcr.io/acme/register:1.0.0', embedding: 'ghcr.io/acme/embed:1.0.0' };
    const edited = { ...dev, adminCidrs: ['198.18.0.0/24'], images, llmops: { ...dev.llmops, langfuseAdminEmail: 'platform@acme.io' }, frontDoor: { ...dev.frontDoor!, domain: 'ml.acme.io', hostedZoneId: 'Z04506372KXQEN3KTK1BQ' } };
    expect(placeholderWarnings(edited)).toEqual([]);
    const app = new App({ outdir: tempDir('config-'), skipBackendValidation: true });
    const { set } = buildLlmRag(app, dev);
    const warnings = set.cloud.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.filter((w) => w.includes('shipped placeholder'))).toHaveLength(10);
  });

  test('an OIDC provider in the config: the client secret is synced into the namespace of every UI behind the front door, no Cognito pool', () => {
    const app = new App({ outdir: tempDir('config-'), skipBackendValidation: true });
    const clientSecretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:frontdoor/okta-AbCdEf';
    const sso = { issuer: 'https://acme.okta.com', authorizationEndpoint: 'https://acme.okta.com/oauth2/v1/authorize', tokenEndpoint: 'https://acme.okta.com/oauth2/v1/token', userInfoEndpoint: 'https://acme.okta.com/oauth2/v1/userinfo', clientSecretArn };
    const { set } = buildGpuTraining(app, { ...prod, frontDoor: { ...prod.frontDoor!, sso } });
    app.synth();
    const externalSecrets = set.workloads.node.findAll().filter((c) => c.node.path.includes('/front-door/oidc-') && c.node.id === 'external-secret');
    expect(externalSecrets.map((c) => c.node.scope!.node.scope!.node.id).sort()).toEqual(['oidc-argo', 'oidc-mlflow', 'oidc-mlops-drift', 'oidc-monitoring']);
    expect(set.data.node.findAll().some((c) => c.node.id === 'user-pool')).toBe(false);
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
