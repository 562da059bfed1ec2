/**
 * Reference stack sets: one snapshot per stack (reviewers read their diffs), determinism, and the
 * deployability check over every stack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { checkDeployability } from '../../src/core/layers/deployability-check';
import { buildReferenceStacks } from '../../stacks/app';

function synthTo(dir: string): App {
  const app = new App({ outdir: dir, skipBackendValidation: true });
  buildReferenceStacks(app);
  app.synth();
  return app;
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlops-ref-'));
const first = path.join(tmp, 'a');
const second = path.join(tmp, 'b');
const app = synthTo(first);
synthTo(second);
const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('reference stacks', () => {
  test('synthesis is deterministic: two synths give byte-identical output', () => {
    const a = readTree(first);
    const b = readTree(second);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const file of Object.keys(a)) expect(b[file]).toBe(a[file]);
  });

  test('every stack set has cloud, platform and workloads stacks in that dependency order', () => {
    const names = stacks.map((s) => s.node.id);
    const sets = [...new Set(names.map((n) => n.replace(/-(cloud|platform|workloads)$/, '')))];
    for (const set of sets) {
      const [cloud, platform, workloads] = ['cloud', 'platform', 'workloads'].map((l) => stacks.find((s) => s.node.id === `${set}-${l}`)!);
      expect(cloud && platform && workloads).toBeTruthy();
      expect(platform.dependencies).toContain(cloud);
      expect(workloads.dependencies).toContain(platform);
    }
  });

  test('every stack passes the deployability check', () => {
    for (const stack of stacks) expect({ stack: stack.node.id, problems: checkDeployability(stack) }).toEqual({ stack: stack.node.id, problems: [] });
  });

  test('no synthesized file contains an absolute path of this machine', () => {
    for (const [file, text] of Object.entries(readTree(first))) expect({ file, leaks: text.includes(process.cwd()) }).toEqual({ file, leaks: false });
  });

  for (const stack of stacks) {
    test(`snapshot: ${stack.node.id}`, () => {
      const file = path.join(first, 'stacks', stack.node.id, 'cdk.tf.json');
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchSnapshot();
    });
  }
});
