/**
 * The tokens of src/core/resources/reference-tokens.ts (attribute references of the library's
 * provider resources and of data sources, addresses, `depends_on` entries, produced strings) against
 * cdktf's own: the same small app of three stacks is built twice, once with the library's tokens and
 * once with cdktf's (`TerraformResource.getStringAttribute` / `getNumberAttribute`, a data source's
 * getters, `ref()`, `dependable()`, `Lazy.stringValue`), and synthesized with cdktf's real
 * `App.synth()` to JSON and to HCL. Every file written must be the same: the values in their own
 * stack and in other stacks (cross-stack outputs and remote state), inside strings, Terraform
 * functions, maps and lists, with `for_each`, and `depends_on` (of the library's resources and of a
 * binding) in and across stacks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, dependable, DefaultTokenResolver, Fn, ITerraformDependable, Lazy, ref, StringConcat, TerraformIterator, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { Construct } from 'constructs';
import { AwsIamRole, AwsKmsKey, AwsLaunchTemplate, AwsRoute53Record, AwsS3Bucket, ProviderResource } from '../../src/core/resources';
import { addressString, attributeString, dependencyStrings, producedString } from '../../src/core/resources/reference-tokens';

type ResourceClass<T extends ProviderResource<any>> = new (scope: Construct, id: string, config: any) => T;

/** `Base` with cdktf's own attribute tokens instead of the library's. */
function withCdktfTokens<T extends ProviderResource<any>>(Base: ResourceClass<T>): ResourceClass<T> {
  return class extends (Base as ResourceClass<ProviderResource<any>>) {
    public override getStringAttribute(attribute: string): string {
      return TerraformResource.prototype.getStringAttribute.call(this, attribute);
    }
    public override getNumberAttribute(attribute: string): number {
      return TerraformResource.prototype.getNumberAttribute.call(this, attribute);
    }
  } as unknown as ResourceClass<T>;
}

const OURS = { Bucket: AwsS3Bucket, Key: AwsKmsKey, Role: AwsIamRole, Template: AwsLaunchTemplate, Record: AwsRoute53Record };
const CDKTF = {
  Bucket: withCdktfTokens(AwsS3Bucket),
  Key: withCdktfTokens(AwsKmsKey),
  Role: withCdktfTokens(AwsIamRole),
  Template: withCdktfTokens(AwsLaunchTemplate),
  Record: withCdktfTokens(AwsRoute53Record),
};

interface Built {
  readonly app: App;
  readonly stacks: { data: TerraformStack; cloud: TerraformStack; other: TerraformStack };
  /** A token of the data stack, read before synthesis (resolved in the cloud stack by a test). */
  readonly dataBucketArn: string;
  readonly outdir: string;
}

/** The app, with the library's tokens (`cdktfTokens` false) or cdktf's. */
function build(cdktfTokens: boolean, hclOutput: boolean): Built {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-tokens-'));
  const app = new App({ outdir, hclOutput, skipBackendValidation: true, skipValidation: true, stackTraces: false });
  const C = cdktfTokens ? CDKTF : OURS;
  const after = <T extends TerraformResource>(r: T, deps: ITerraformDependable[]): T => {
    // cdktf's way of keeping dependsOn, for the cdktf variant (the library's classes were given them in their config)
    if (cdktfTokens) r.dependsOn = deps.map((d) => dependable(d));
    return r;
  };
  const data = new TerraformStack(app, 'data');
  const cloud = new TerraformStack(app, 'cloud');
  const other = new TerraformStack(app, 'other');

  const key = new C.Key(data, 'key', { description: 'k' });
  const bucket = new C.Bucket(data, 'bucket', { bucket: 'b', tags: { key: key.arn } });
  const template = new C.Template(data, 'template', { name: 't' });
  const records = new C.Record(data, 'records', { forEach: TerraformIterator.fromList(['a', 'b']), name: 'r', type: 'A', zoneId: 'z' });
  const dataBucketArn = bucket.arn;
  // a data source (a binding), an address of an element kind cdktf has no class for, a produced string
  const region = new DataAwsRegion(data, 'region');
  const regionName = cdktfTokens ? region.region : attributeString(region, 'region');
  const ephemeral = cdktfTokens ? Token.asString(ref('ephemeral.random_password.p.result', data)) : addressString(key, 'ephemeral.random_password.p.result', ' (ephemeral)');
  const produced = cdktfTokens ? Lazy.stringValue({ produce: () => `${bucket.bucket}-produced` }) : producedString(() => `${bucket.bucket}-produced`, bucket, 'a test value');
  const sameStackDeps = [bucket, key];
  after(
    new C.Role(data, 'same-stack', {
      name: bucket.bucket,
      assumeRolePolicy: Fn.jsonencode({ Resource: [bucket.arn, `${bucket.arn}/*`, key.arn], Records: records.id }),
      description: `bucket ${bucket.bucket} with key ${key.keyId}`,
      maxSessionDuration: template.latestVersion,
      tags: { arn: bucket.arn, both: `${bucket.arn}:${key.arn}`, version: Token.asString(template.latestVersion), joined: Fn.join(',', [bucket.arn, key.arn]), region: regionName, ephemeral, produced },
      dependsOn: cdktfTokens ? undefined : sameStackDeps,
    }),
    sameStackDeps,
  );
  const cloudKey = new C.Key(cloud, 'key', { description: key.arn });
  // the same token used twice in another stack, and two tokens of one attribute
  const arn = bucket.arn;
  const crossStackDeps: ITerraformDependable[] = [cloudKey, bucket];
  after(
    new C.Role(cloud, 'cross-stack', {
      name: bucket.bucket,
      assumeRolePolicy: Fn.jsonencode({ Resource: [arn, `${arn}/*`, bucket.arn, key.arn, cloudKey.arn] }),
      description: `${arn} ${records.id}`,
      maxSessionDuration: template.latestVersion,
      tags: { arn, again: arn, key: `${key.keyId}-${cloudKey.keyId}`, region: regionName, ephemeral: Fn.sha256(ephemeral), produced },
      dependsOn: cdktfTokens ? undefined : crossStackDeps,
    }),
    crossStackDeps,
  );
  new C.Bucket(other, 'bucket', { bucket: `${bucket.bucket}-copy`, tags: { key: key.arn, cloud: cloudKey.arn } });
  // depends_on of a binding, given after construction
  const policy = new IamPolicy(other, 'policy', { policy: '{}' });
  policy.dependsOn = cdktfTokens ? [dependable(cloudKey), dependable(bucket)] : dependencyStrings([cloudKey, bucket]);
  return { app, stacks: { data, cloud, other }, dataBucketArn, outdir };
}

/** Every file the synth wrote, by path relative to the output directory (the directory name removed). */
function written(outdir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.set(path.relative(outdir, file), fs.readFileSync(file, 'utf8').split(outdir).join('<outdir>'));
    }
  };
  walk(outdir);
  return files;
}

describe.each([
  ['JSON', false],
  ['HCL', true],
])('library reference tokens against cdktf’s (%s)', (_format, hcl) => {
  const ours = build(false, hcl);
  const cdktf = build(true, hcl);
  const resolveIn = (stack: TerraformStack, value: unknown) => Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  // before synthesis (no stack prepared yet): a cross-stack value resolves to its own address, as cdktf's
  const beforePrepare = { ours: resolveIn(ours.stacks.cloud, ours.dataBucketArn), cdktf: resolveIn(cdktf.stacks.cloud, cdktf.dataBucketArn) };
  ours.app.synth();
  cdktf.app.synth();
  const files = { ours: written(ours.outdir), cdktf: written(cdktf.outdir) };
  afterAll(() => {
    for (const b of [ours, cdktf]) fs.rmSync(b.outdir, { recursive: true, force: true });
  });

  test('every file written is the same', () => {
    expect([...files.ours.keys()].sort()).toEqual([...files.cdktf.keys()].sort());
    for (const [file, text] of files.cdktf) expect(`${file}\n${files.ours.get(file)}`).toBe(`${file}\n${text}`);
  });

  test('the app exercises every case (not vacuous)', () => {
    const all = [...files.ours.values()].join('\n');
    expect(all).toContain('aws_route53_record.records.*.id'); // for_each splat
    expect(all).toContain('data.terraform_remote_state.cross-stack-reference-input-data.outputs.cross-stack-output-aws_s3_bucketbucketarn'); // cross-stack
    expect(all).toContain('cross-stack-output-aws_kms_keykeyarn'); // an output per referenced value
    expect(all).toMatch(/cross-stack-output-aws_s3_bucketbucket[^a]/); // a cross-stack dependency (its fqn)
    expect(all).toContain('aws_launch_template.template.latest_version');
    expect(all).toContain('data.aws_region.region.region');
    expect(all).toContain('cross-stack-output-dataaws_regionregionregion');
    expect(all).toContain('ephemeral.random_password.p.result');
    expect(all).toContain('-produced');
    expect(all).toMatch(/aws_s3_bucket\.bucket"?,\s*"?aws_kms_key\.key|aws_s3_bucket\.bucket,\s*aws_kms_key\.key/); // depends_on in the stack
  });

  test('before any stack is prepared, a cross-stack value resolves to its own address, as cdktf’s does', () => {
    expect(beforePrepare.ours).toBe('${aws_s3_bucket.bucket.arn}');
    expect(beforePrepare.ours).toBe(beforePrepare.cdktf);
  });
});

describe('library reference tokens', () => {
  test('the attributes the constructs read from bindings by address are what the bindings’ getters give', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'reference-tokens-')), skipValidation: true });
    const stack = new TerraformStack(app, 's');
    const cluster = new EksCluster(stack, 'cluster', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['s'] } });
    const db = new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro' });
    const vpc = new DataAwsVpc(stack, 'vpc', { id: 'v' });
    const invocation = new LambdaInvocation(stack, 'invocation', { functionName: 'f', input: '{}' });
    const resolveIn = (value: string) => Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
    const pairs: Array<[string, string]> = [
      [attributeString(cluster, 'endpoint'), cluster.endpoint],
      [attributeString(cluster, 'certificate_authority[0].data'), cluster.certificateAuthority.get(0).data],
      [attributeString(db, 'address'), db.address],
      [attributeString(db, 'master_user_secret[0].secret_arn'), db.masterUserSecret.get(0).secretArn],
      [attributeString(vpc, 'cidr_block'), vpc.cidrBlock],
      [attributeString(invocation, 'result'), invocation.result],
    ];
    for (const [ours, binding] of pairs) expect(resolveIn(ours)).toBe(resolveIn(binding));
    expect(resolveIn(pairs[1][0])).toBe('${aws_eks_cluster.cluster.certificate_authority[0].data}');
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('each read is its own token (equal strings are not introduced), described in one line', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'reference-tokens-')), skipValidation: true });
    const bucket = new AwsS3Bucket(new TerraformStack(app, 's'), 'bucket', { bucket: 'b' });
    expect(bucket.arn).not.toBe(bucket.arn);
    const [token] = Tokenization.reverseString(bucket.arn).tokens;
    expect(token.creationStack).toEqual(['reference to s/bucket.arn (created without a stack trace for speed)']);
    expect(String(token)).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(JSON.stringify({ token })).toBe('{"token":"<unresolved-token>"}');
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});
