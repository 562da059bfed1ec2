/**
 * allowDataDeletion: a reference set with it has no destroy protection left and still passes the
 * policy pack (with reasoned suppressions); the same set without it keeps every protection.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { allowDataDeletion } from '../../src/policy/allow-data-deletion';
import { PolicyPack } from '../../src/policy/pack';
import { dev } from '../../stacks/config/dev';
import { buildGpuTraining } from '../../stacks/gpu-training';
import { tempDir } from '../review/fixtures';

const REASON = 'teardown of the gpu-training dev environment, its data is not needed';

function synthGpuTraining(allow: boolean): Record<string, any> {
  const outdir = tempDir('allow-deletion-');
  const app = new App({ outdir, skipBackendValidation: true });
  const { set } = buildGpuTraining(app, dev);
  if (allow) for (const stack of [set.cloud, set.platform, set.workloads]) allowDataDeletion(stack, REASON);
  PolicyPack.applyTo(app);
  app.synth();
  return Object.fromEntries(set.stackNames.map((s) => [s, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'))]));
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

describe('allowDataDeletion', () => {
  const protectedSet = synthGpuTraining(false);
  const released = synthGpuTraining(true);

  test('without it: keys, buckets and the database are protected', () => {
    const types = [...new Set(protectedResources(protectedSet).map((a) => a.split('.')[0]))].sort();
    expect(types).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_kms_key', 'aws_s3_bucket']));
    expect(resourcesOf(protectedSet, 'aws_db_instance').map((d) => d.deletion_protection)).toEqual([true]);
    expect(resourcesOf(protectedSet, 'aws_s3_bucket').every((b) => b.force_destroy !== true)).toBe(true);
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
