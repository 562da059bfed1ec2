/**
 * allowDataDeletion and allowComputeDeletion: with the data layer, the compute stacks of a dev set
 * hold nothing protected; allowDataDeletion lifts every protection and the set still passes the
 * policy pack (with reasoned suppressions); allowComputeDeletion (through the reference app's
 * ALLOW_COMPUTE_DELETION switch) lifts prod's compute guards and leaves the data stack as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { StackSet } from '../../src/core/layers/stack-set';
import { allowComputeDeletion, allowDataDeletion } from '../../src/policy/allow-data-deletion';
import { PolicyPack } from '../../src/policy/pack';
import { buildReferenceStacks, deletionSwitchesFromEnv } from '../../stacks/app';
import { dev } from '../../stacks/config/dev';
import { buildGpuTraining } from '../../stacks/gpu-training';
import { TEST_ENV } from '../helpers/synth';
import { tempDir } from '../review/fixtures';

const REASON = 'teardown of the gpu-training dev environment, its data is not needed';

function read(outdir: string, names: string[]): Record<string, any> {
  return Object.fromEntries(names.map((s) => [s, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'))]));
}

function synthGpuTraining(allow: boolean): Record<string, any> {
  const outdir = tempDir('allow-deletion-');
  const app = new App({ outdir, skipBackendValidation: true });
  const { set } = buildGpuTraining(app, dev);
  if (allow) for (const stack of [set.data, set.cloud, set.platform, set.workloads]) allowDataDeletion(stack, REASON);
  PolicyPack.applyTo(app);
  app.synth();
  return read(outdir, set.stackNames);
}

/** `type.name` of every resource with `lifecycle.prevent_destroy: true`. */
function protectedResources(stacks: Record<string, any>): string[] {
  return Object.values(stacks).flatMap((json) =>
    Object.entries<Record<string, any>>(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, r]) => r.lifecycle?.prevent_destroy === true)
        .map(([name]) => `${type}.${name}`),
    ),
  );
}

const resourcesOf = (stacks: Record<string, any>, type: string): any[] => Object.values(stacks).flatMap((json) => Object.values(json.resource?.[type] ?? {}));
const only = (stacks: Record<string, any>, suffix: string) => Object.fromEntries(Object.entries(stacks).filter(([name]) => name.endsWith(suffix)));
const compute = (stacks: Record<string, any>) => Object.fromEntries(Object.entries(stacks).filter(([name]) => !name.endsWith('-data')));

describe('allowDataDeletion', () => {
  const protectedSet = synthGpuTraining(false);
  const released = synthGpuTraining(true);

  test('without it: keys, buckets and the database are protected, all in the data stack; the dev compute stacks hold nothing protected', () => {
    const types = [...new Set(protectedResources(only(protectedSet, '-data')).map((a) => a.split('.')[0]))].sort();
    expect(types).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_kms_key', 'aws_s3_bucket']));
    expect(resourcesOf(protectedSet, 'aws_db_instance').map((d) => d.deletion_protection)).toEqual([true]);
    expect(resourcesOf(protectedSet, 'aws_s3_bucket').every((b) => b.force_destroy !== true)).toBe(true);
    expect(protectedResources(compute(protectedSet))).toEqual([]);
    expect(resourcesOf(compute(protectedSet), 'aws_eks_cluster').map((c) => c.deletion_protection)).toEqual([false]);
  });

  test('with it: nothing is protected from destroy, and the policy pack passes with the reason recorded', () => {
    expect(protectedResources(released)).toEqual([]);
    expect(resourcesOf(released, 'aws_db_instance').map((d) => [d.deletion_protection, d.final_snapshot_identifier !== undefined])).toEqual([[false, true]]);
    const buckets = resourcesOf(released, 'aws_s3_bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(4);
    expect(buckets.map((b) => b.force_destroy)).toEqual(buckets.map(() => true));
    const suppressions = JSON.stringify(buckets.map((b) => b['//']));
    expect(suppressions).toContain('s3-force-destroy');
    expect(suppressions).toContain(REASON);
  });

  test('a missing or too short reason is refused at the call, naming the scope', () => {
    const app = new App({ outdir: tempDir('allow-deletion-'), skipBackendValidation: true });
    expect(() => allowDataDeletion(app, 'cleanup')).toThrow('reason = "cleanup" is shorter than');
  });
});

describe('allowComputeDeletion', () => {
  const outdir = tempDir('allow-compute-deletion-');
  const app = new App({ outdir, skipBackendValidation: true });
  const switches = deletionSwitchesFromEnv({ STACK_SETS: 'gpu-training-prod', ALLOW_COMPUTE_DELETION: 'rebuild of the gpu-training prod cluster' });
  buildReferenceStacks(app, ['gpu-training-prod'], switches);
  app.synth();
  const stacks = read(outdir, ['data', 'cloud', 'platform', 'workloads'].map((l) => `gpu-training-prod-${l}`));

  test('through ALLOW_COMPUTE_DELETION: prod compute stacks lose their guards, the data stack keeps every protection', () => {
    expect(protectedResources(compute(stacks))).toEqual([]);
    expect(resourcesOf(compute(stacks), 'aws_eks_cluster').map((c) => c.deletion_protection)).toEqual([false]);
    const data = only(stacks, '-data');
    const kept = protectedResources(data).map((a) => a.split('.')[0]);
    expect([...new Set(kept)].sort()).toEqual(['aws_cognito_user_pool', 'aws_db_instance', 'aws_elasticache_replication_group', 'aws_elasticache_user', 'aws_elasticache_user_group', 'aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret']);
    expect(kept.filter((t) => t === 'aws_s3_bucket')).toHaveLength(resourcesOf(data, 'aws_s3_bucket').length);
    expect(resourcesOf(data, 'aws_db_instance').map((d) => d.deletion_protection)).toEqual([true]);
    expect(resourcesOf(data, 'aws_s3_bucket').some((b) => b.force_destroy === true)).toBe(false);
    expect(resourcesOf(data, 'aws_cognito_user_pool').map((p) => p.deletion_protection)).toEqual(['ACTIVE']);
    // the front door's ALB: the controller deletes a protected ALB's Ingresses only once this is applied
    const params = resourcesOf(compute(stacks), 'kubernetes_manifest').filter((m) => m.manifest.kind === 'IngressClassParams');
    expect(params.map((m) => m.manifest.spec.loadBalancerAttributes[0])).toEqual([{ key: 'deletion_protection.enabled', value: 'false' }]);
  });

  test('refuses a data stack or a scope around one, and needs STACK_SETS to be named', () => {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, name: 'ml' });
    expect(() => allowComputeDeletion(set.data, 'rebuild of the ml dev cluster')).toThrow(
      'ml-dev-data: scope = "ml-dev-data" is or contains the data stack "ml-dev-data"; allowComputeDeletion is for the compute stacks (cloud, platform, workloads) only — data goes with allowDataDeletion',
    );
    expect(() => allowComputeDeletion(set.data.node.root, 'rebuild of the ml dev cluster')).toThrow('is or contains the data stack "ml-dev-data"');
    expect(() => allowComputeDeletion(set.cloud, 'short')).toThrow('reason = "short" is shorter than');
    expect(() => deletionSwitchesFromEnv({ ALLOW_DATA_DELETION: 'teardown of everything at once' })).toThrow('need STACK_SETS naming the sets to tear down');
    expect(deletionSwitchesFromEnv({})).toEqual({ allowDataDeletion: undefined, allowComputeDeletion: undefined });
  });
});
