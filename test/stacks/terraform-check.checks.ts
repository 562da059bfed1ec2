/**
 * The Terraform check's wrapper (scripts/terraform-aws-check.sh) on the shared synth output
 * (imported by reference-stacks.test.ts): every cross-stack output of every data stack gets a
 * stand-in of the shape the AWS provider returns, so an output of a new shape fails here before it
 * fails the plan; the stand-in states land where the copied cloud stacks read them; the cloud
 * stacks' remote-state paths resolve, from the directory `cdktf deploy` runs Terraform in, to the
 * file the data stack's backend writes; and without terraform the wrapper skips with one line.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS, REFERENCE_STACK_SETS } from '../../stacks/app';
import { prepare, remoteStateReads } from '../../scripts/terraform-aws-check/prepare';
import { ACCOUNT, standInOutputs, stateFile } from '../../scripts/terraform-aws-check/standins';
import { tempDir } from '../review/fixtures';
import { first, manifest, stackJson, stackNames } from './reference-fixture';

const REPO = path.resolve(__dirname, '..', '..');
const WRAPPER = path.join(REPO, 'scripts', 'terraform-aws-check.sh');
const SETS = Object.keys(REFERENCE_STACK_SETS).sort();
const OUTPUT = 'cross-stack-output-';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SECRET_SUFFIX = '-[A-Za-z0-9]{6}'; // Secrets Manager appends "-" and six random characters to the name
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `<type>.<name>.<attr>` of a `${…}` reference, and the referenced block of the stack. */
function reference(json: any, expression: string): { key: string; config: any } {
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)\}$/.exec(expression);
  if (!m) throw new Error(`not a reference: ${expression}`);
  const block = m[1] ? json.data[m[2]][m[3]] : json.resource[m[2]][m[3]];
  return { key: `${m[1] ?? ''}${m[2]}.${m[4]}`, config: block };
}

/**
 * The shape of each attribute a data stack exports, from the AWS formats (not from standins.js):
 * a pattern the stand-in must match, given the referenced block, its stack and its region.
 * A data output of another attribute has no entry here and fails the test below.
 */
const SHAPES: Record<string, (config: any, json: any, region: string) => RegExp> = {
  'aws_vpc.id': () => /^vpc-[0-9a-f]{17}$/,
  'aws_subnet.id': () => /^subnet-[0-9a-f]{17}$/,
  'aws_security_group.id': () => /^sg-[0-9a-f]{17}$/,
  // the VPC CIDR the environment config gives (the data source looks up the stack's own VPC)
  'data.aws_vpc.cidr_block': (config, json) => new RegExp(`^${esc(reference(json, config.id).config.cidr_block)}$`),
  'aws_kms_key.arn': (_c, _j, region) => new RegExp(`^arn:aws:kms:${region}:${ACCOUNT}:key/${UUID}$`),
  // bucket_prefix + terraform's 26-character unique suffix (id.PrefixedUniqueId), ≤ 63 characters in all
  'aws_s3_bucket.bucket': (config) => new RegExp(`^${esc(config.bucket_prefix)}[0-9a-f]{26}$`),
  'aws_s3_bucket.arn': (config) => new RegExp(`^arn:aws:s3:::${esc(config.bucket_prefix)}[0-9a-f]{26}$`),
  'aws_secretsmanager_secret.arn': (config, _j, region) => new RegExp(`^arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${esc(config.name)}${SECRET_SUFFIX}$`),
  'aws_db_instance.address': (config, _j, region) => new RegExp(`^${esc(config.identifier)}\\.[a-z0-9]{12}\\.${region}\\.rds\\.amazonaws\\.com$`),
  'aws_db_instance.master_user_secret[0].secret_arn': (_c, _j, region) => new RegExp(`^arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:rds!db-${UUID}${SECRET_SUFFIX}$`),
  'aws_cognito_user_pool.arn': (_c, _j, region) => new RegExp(`^arn:aws:cognito-idp:${region}:${ACCOUNT}:userpool/${region}_[A-Za-z0-9]{9}$`),
  // what lambda/cognito-app-client returns: the app client id (26 lowercase alphanumerics), nothing else
  'aws_lambda_invocation.result': () => /^\{"clientId":"[a-z0-9]{26}"\}$/,
  // the configured prefix, ending in the account id (a Cognito domain prefix: lowercase, digits, "-", ≤ 63)
  'aws_cognito_user_pool_domain.domain': (config) => new RegExp(`^(?=[a-z0-9-]{1,63}$)${esc(config.domain.split('${')[0])}${ACCOUNT}$`),
  // cluster mode disabled: master.<replication group id>.<6 chars>.<region code>.cache.amazonaws.com
  'aws_elasticache_replication_group.primary_endpoint_address': (config) => new RegExp(`^master\\.${esc(config.replication_group_id)}\\.[a-z0-9]{6}\\.use1\\.cache\\.amazonaws\\.com$`),
};

/** The outputs of `producer` that `json` reads through terraform_remote_state. */
function outputsRead(json: any, producer: string): string[] {
  const text = JSON.stringify(json);
  const re = new RegExp(`data\\.terraform_remote_state\\.cross-stack-reference-input-${esc(producer)}\\.outputs\\.([A-Za-z0-9_.-]+?)[}\\]\\s",]`, 'g');
  return [...new Set([...text.matchAll(re)].map((m) => m[1]))].sort();
}

describe('terraform check: stand-in states of the data stacks', () => {
  // computed in the tests, so that an output without a stand-in fails them (naming it), not the file
  const computed = new Map<string, ReturnType<typeof standInOutputs>>();
  const standIns = (stack: string) => {
    if (!computed.has(stack)) computed.set(stack, standInOutputs(stack, stackJson(stack)));
    return computed.get(stack)!;
  };

  test.each(SETS)('%s: every cross-stack output of the data stack has a stand-in of the shape the AWS provider returns', (set) => {
    const json = stackJson(`${set}-data`);
    const region = ENVIRONMENTS.find((e) => set.endsWith(`-${e.environment}`))!.region;
    const declared = Object.keys(json.output).filter((o) => o.startsWith(OUTPUT)).sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(Object.keys(standIns(`${set}-data`)).sort()).toEqual(declared);
    const wrong = declared.flatMap((name) => {
      const { key, config } = reference(json, json.output[name].value);
      const shape = SHAPES[key]?.(config, json, region);
      const { value, type, sensitive } = standIns(`${set}-data`)[name];
      if (!shape) return [`${name}: no expected shape for ${key} in this test`];
      return shape.test(value) && type === 'string' && sensitive === json.output[name].sensitive ? [] : [`${name} (${key}) = ${value}, ${type}, sensitive ${sensitive}`];
    });
    expect(wrong).toEqual([]);
  });

  test('the data VPC CIDR stand-in is the environment config\'s vpcCidr', () => {
    for (const set of SETS) {
      const json = stackJson(`${set}-data`);
      const cidrs = new Set(Object.entries(standIns(`${set}-data`)).filter(([name]) => reference(json, json.output[name].value).key === 'data.aws_vpc.cidr_block').map(([, o]) => o.value));
      const env = ENVIRONMENTS.find((e) => set.endsWith(`-${e.environment}`))!;
      expect({ set, cidrs: [...cidrs] }).toEqual({ set, cidrs: cidrs.size ? [env.vpcCidr] : [] });
    }
  });

  test('stand-ins of different outputs differ (but for the VPC CIDR), and are the same on every run', () => {
    for (const stack of SETS.map((set) => `${set}-data`)) {
      const outputs = standIns(stack);
      const json = stackJson(stack);
      const values = Object.entries(outputs).filter(([name]) => reference(json, json.output[name].value).key !== 'data.aws_vpc.cidr_block').map(([, o]) => o.value);
      expect(values.length).toBeGreaterThan(1);
      expect({ stack, duplicates: values.filter((v, i) => values.indexOf(v) !== i) }).toEqual({ stack, duplicates: [] });
      expect(standInOutputs(stack, json)).toEqual(outputs);
    }
  });

  test('every output a cloud stack reads from its data stack has a stand-in', () => {
    for (const set of SETS) {
      const read = outputsRead(stackJson(`${set}-cloud`), `${set}-data`);
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((o) => !(o in standIns(`${set}-data`)))).toEqual([]);
    }
  });

  test('an output of a shape without a rule, or without the literal its rule needs, is an error naming it and where to add the rule', () => {
    const json = structuredClone(stackJson('mlops-platform-dev-data'));
    const db = Object.keys(json.resource.aws_db_instance)[0];
    json.output['cross-stack-output-new'] = { sensitive: true, value: `\${aws_db_instance.${db}.port}` };
    expect(() => standInOutputs('s', json)).toThrow(/output cross-stack-output-new .*no stand-in rule for aws_db_instance\.port; add one to scripts\/terraform-aws-check\/standins\.js/);
    json.output['cross-stack-output-new'] = { sensitive: true, value: `\${join(",", aws_db_instance.${db}.*.address)}` };
    expect(() => standInOutputs('s', json)).toThrow(/output cross-stack-output-new .*is not a single \$\{type\.name\.attribute\} reference/);
    const bucket = Object.keys(json.resource.aws_s3_bucket)[0];
    json.output['cross-stack-output-new'] = { sensitive: true, value: `\${aws_s3_bucket.${bucket}.bucket}` };
    json.resource.aws_s3_bucket[bucket].bucket_prefix = '${var.prefix}';
    expect(() => standInOutputs('s', json)).toThrow(new RegExp(`needs a literal in aws_s3_bucket\\.${esc(bucket)} that it does not have`));
  });

  test('a stand-in state is a version 4 state with the outputs only', () => {
    const outputs = standIns('llm-rag-dev-data');
    expect(stateFile('llm-rag-dev-data', outputs)).toEqual({ version: 4, terraform_version: expect.stringMatching(/^1\.\d+\.\d+$/), serial: 1, lineage: expect.stringMatching(new RegExp(`^${UUID}$`)), outputs, resources: [], check_results: null });
  });
});

describe('terraform check: where the stand-ins go', () => {
  const sets = ['mlops-platform-dev', 'mlops-platform-prod'];
  const root = tempDir('tf-check-root-');
  const copied = stackNames.filter((s) => sets.some((set) => s.startsWith(`${set}-`)));
  let prepared: ReturnType<typeof prepare>;
  beforeAll(() => {
    const src = tempDir('tf-check-src-');
    for (const s of copied) {
      fs.mkdirSync(path.join(src, 'stacks', s), { recursive: true });
      fs.copyFileSync(path.join(first, 'stacks', s, 'cdk.tf.json'), path.join(src, 'stacks', s, 'cdk.tf.json'));
    }
    prepared = prepare(src, root, 2);
  });
  const copy = (s: string) => {
    const job = prepared.jobs.find((j) => fs.existsSync(path.join(j.synth, 'stacks', s)))!;
    return { job, json: JSON.parse(fs.readFileSync(path.join(job.synth, 'stacks', s, 'cdk.tf.json'), 'utf8')) };
  };
  const remoteState = (json: any, set: string) => json.data.terraform_remote_state[`cross-stack-reference-input-${set}-data`];

  test('every stack is in exactly one job; the AWS-only stacks are split evenly', () => {
    const where = copied.map((s) => prepared.jobs.filter((j) => fs.existsSync(path.join(j.synth, 'stacks', s, 'cdk.tf.json'))).length);
    expect(where).toEqual(copied.map(() => 1));
    expect(prepared.jobs).toHaveLength(2);
    const awsOnly = (j: { synth: string }) => fs.readdirSync(path.join(j.synth, 'stacks')).filter((s) => /-(data|cloud)$/.test(s)).length;
    expect(prepared.jobs.map(awsOnly)).toEqual([2, 2]);
  });

  test('local backend: the stand-in is the file the unchanged relative path reads from the tool\'s stack directory', () => {
    const { job, json } = copy('mlops-platform-dev-cloud');
    const ds = remoteState(json, 'mlops-platform-dev');
    expect(ds).toEqual(remoteState(stackJson('mlops-platform-dev-cloud'), 'mlops-platform-dev'));
    const file = path.resolve(job.workdir, 'mlops-platform-dev-cloud', ds.config.path);
    expect(path.dirname(file)).toBe(root);
    const state = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(state.outputs).sort()).toEqual(Object.keys(standInOutputs('mlops-platform-dev-data', stackJson('mlops-platform-dev-data'))).sort());
  });

  test('s3 backend: the copy reads an absolute local stand-in instead, with every output the cloud stack reads', () => {
    const { json } = copy('mlops-platform-prod-cloud');
    const ds = remoteState(json, 'mlops-platform-prod');
    expect(ds.backend).toBe('local');
    expect(ds.config).toEqual({ path: path.join(root, 'terraform.mlops-platform-prod-data.tfstate') });
    const state = JSON.parse(fs.readFileSync(ds.config.path, 'utf8'));
    expect(outputsRead(json, 'mlops-platform-prod-data').filter((o) => !(o in state.outputs))).toEqual([]);
    expect(prepared.notes).toContain('mlops-platform-prod-cloud: remote state of mlops-platform-prod-data read from a local stand-in instead of s3 (s3://replace-me-terraform-state/mlops-platform/mlops-platform-prod-data.tfstate)');
  });

  test('a remote state that does not point at the producing stack\'s backend is refused', () => {
    const stacks = Object.fromEntries(['mlops-platform-dev-data', 'mlops-platform-dev-cloud'].map((s) => [s, structuredClone(stackJson(s))]));
    remoteState(stacks['mlops-platform-dev-cloud'], 'mlops-platform-dev').config.path = '../../terraform.mlops-platform-dev-data.tfstate';
    expect(() => remoteStateReads(stacks)).toThrow(/mlops-platform-dev-cloud: terraform_remote_state\.cross-stack-reference-input-mlops-platform-dev-data .* does not point at mlops-platform-dev-data's backend/);
  });
});

describe('terraform check: remote-state paths as cdktf deploy runs them', () => {
  // cdktf runs Terraform for each stack in `<output dir>/<manifest workingDirectory>`
  // (cdktf.out/stacks/<stack>); a local path in a backend or a terraform_remote_state is relative to it.
  const project = REPO;
  const runDir = (stack: string) => path.join(project, 'cdktf.out', (manifest.stacks[stack] as any).workingDirectory);

  test.each(SETS)('%s: every remote state reads the file (or S3 object) its producer\'s backend writes; local state files sit in the project directory', (set) => {
    const reads = remoteStateReads(Object.fromEntries(stackNames.filter((s) => s.startsWith(`${set}-`)).map((s) => [s, stackJson(s)])));
    expect(reads.map((r) => r.consumer)).toEqual([`${set}-cloud`]);
    for (const r of reads) {
      const backend = stackJson(r.producer).terraform.backend;
      if (r.backend === 'local') {
        const read = path.resolve(runDir(r.consumer), r.config.path as string);
        expect(read).toBe(path.resolve(runDir(r.producer), backend.local.path));
        // where cdktf's own LocalBackend default puts it: <directory cdktf runs in>/terraform.<stack>.tfstate
        expect(read).toBe(path.join(project, `terraform.${r.producer}.tfstate`));
      } else {
        expect(r.backend).toBe('s3');
        expect({ bucket: r.config.bucket, key: r.config.key, region: r.config.region }).toEqual({ bucket: backend.s3.bucket, key: backend.s3.key, region: backend.s3.region });
      }
    }
  });
});

describe('terraform check: the wrapper without terraform', () => {
  const bin = tempDir('tf-check-bin-');
  for (const tool of ['dirname']) fs.symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
  const run = (env: Record<string, string>) => spawnSync('/bin/bash', [WRAPPER, path.join(first)], { encoding: 'utf8', env: { PATH: bin, ...env } });

  test('no terraform binary: one "skipped" line, exit 0', () => {
    const r = run({});
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: 'terraform-aws-check: skipped (no terraform binary on PATH)\n' });
  });

  test('no provider mirror: one "skipped" line, exit 0', () => {
    const fake = tempDir('tf-check-fake-');
    fs.writeFileSync(path.join(fake, 'terraform'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const r = run({ PATH: `${bin}:${fake}`, TF_PROVIDER_MIRROR: path.join(fake, 'no-mirror') });
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: `terraform-aws-check: skipped (no AWS provider mirror at ${path.join(fake, 'no-mirror')})\n` });
  });
});
