/** The lint rule that keeps the layers of src/ in order (core < cluster < compute < components < tools). */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** The `no-restricted-imports` messages ESLint gives each case's `code` as the file `file`: one child process
 * for all cases (ESLint's flat config is an ES module, which jest's VM cannot import; a CLI run per case cost
 * ~1.2 s each). */
function restrictedAll<K extends string>(cases: Record<K, [file: string, code: string]>): Record<K, Array<[number, string]>> {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [filePath, code] of cases) out.push((await eslint.lintText(code, { filePath }))[0].messages);
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String((e && e.stack) || e)); process.exit(1); });`;
  const keys = Object.keys(cases) as K[];
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(keys.map((k) => cases[k])), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const messages: Array<Array<{ ruleId: string | null; line: number; message: string }>> = JSON.parse(run.stdout);
  const byKey = {} as Record<K, Array<[number, string]>>;
  keys.forEach((k, i) => {
    byKey[k] = messages[i].filter((m) => m.ruleId === 'no-restricted-imports').map((m) => [m.line, m.message.split('. ')[0]]);
  });
  return byKey;
}

const imports = (...specs: string[]) => [...specs.map((s, i) => `import { x${i} } from '${s}';`), `export const all = [${specs.map((_, i) => `x${i}`).join(', ')}];`, ''].join('\n');
const upward = (spec: string) => `'${spec}' import is restricted from being used by a pattern`;

const CASES = {
  coreUp: ['src/core/secrets/example.ts', imports('../../cluster/system-node-group', '../labels', '../../serving/x')],
  clusterUp: ['src/cluster/example.ts', imports('../core/labels', '../compute/karpenter')],
  computeUp: ['src/compute/karpenter/example.ts', imports('../../cluster/eks-cluster', '../../monitoring/keda')],
  componentToTools: ['src/serving/example.ts', imports('../mlflow/artifact-policy', '../compute', '../review/cost', '../policy')],
  toolsDown: ['src/review/example.ts', imports('../compute/gpu-instances', '../core/labels')],
  synthReaders: ['src/synth/example.ts', imports('cdktf', 'constructs', '@cdktf/provider-aws/lib/s3-bucket', 'yaml')],
  reviewCdktf: ['src/review/example.ts', imports('cdktf')],
  policyCdktf: ['src/policy/example.ts', imports('cdktf')],
  providerRoot: ['src/core/example.ts', imports('@cdktf/provider-aws')],
} satisfies Record<string, [string, string]>;

let said: Record<keyof typeof CASES, Array<[number, string]>>;
beforeAll(() => {
  said = restrictedAll(CASES);
}, 30000);

test('a layer may not import from a layer above it; its own layer and those below are fine', () => {
  expect(said.coreUp).toEqual([
    [1, upward('../../cluster/system-node-group')],
    [3, upward('../../serving/x')],
  ]);
  expect(said.clusterUp).toEqual([[2, upward('../compute/karpenter')]]);
  expect(said.computeUp).toEqual([[2, upward('../../monitoring/keda')]]);
  // components use each other, and never the tools
  expect(said.componentToTools).toEqual([
    [3, upward('../review/cost')],
    [4, upward('../policy')],
  ]);
  // the tools are on top
  expect(said.toolsDown).toEqual([]);
  // the readers of synthesized JSON load neither cdktf nor a provider (the CLI starts without them)
  expect(said.synthReaders).toEqual([
    [1, "'cdktf' import is restricted from being used"],
    [2, "'constructs' import is restricted from being used"],
    [3, "'@cdktf/provider-aws/lib/s3-bucket' import is restricted from being used by a pattern"],
  ]);
  expect(said.reviewCdktf).toHaveLength(1);
  expect(said.policyCdktf).toEqual([]);
  // the provider-root rule still applies inside a layer
  expect(said.providerRoot).toEqual([[1, "'@cdktf/provider-aws' import is restricted from being used"]]);
});
