/** The lint rule that keeps the layers of src/ in order (core < cluster < compute < components < tools). */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** The `no-restricted-imports` messages ESLint gives `code` as the file `file`. */
function restricted(file: string, code: string): Array<[number, string]> {
  // ESLint's flat config is an ES module, which jest's VM cannot import: run the real CLI.
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout);
  return result.messages.filter((m: any) => m.ruleId === 'no-restricted-imports').map((m: any) => [m.line, m.message.split('. ')[0]]);
}

test('a layer may not import from a layer above it; its own layer and those below are fine', () => {
  const imports = (...specs: string[]) => [...specs.map((s, i) => `import { x${i} } from '${s}';`), `export const all = [${specs.map((_, i) => `x${i}`).join(', ')}];`, ''].join('\n');
  const upward = (spec: string) => `'${spec}' import is restricted from being used by a pattern`;
  expect(restricted('src/core/secrets/example.ts', imports('../../cluster/system-node-group', '../labels', '../../serving/x'))).toEqual([
    [1, upward('../../cluster/system-node-group')],
    [3, upward('../../serving/x')],
  ]);
  expect(restricted('src/cluster/example.ts', imports('../core/labels', '../compute/karpenter'))).toEqual([[2, upward('../compute/karpenter')]]);
  expect(restricted('src/compute/karpenter/example.ts', imports('../../cluster/eks-cluster', '../../monitoring/keda'))).toEqual([[2, upward('../../monitoring/keda')]]);
  // components use each other, and never the tools
  expect(restricted('src/serving/example.ts', imports('../mlflow/artifact-policy', '../compute', '../review/cost', '../policy'))).toEqual([
    [3, upward('../review/cost')],
    [4, upward('../policy')],
  ]);
  // the tools are on top
  expect(restricted('src/review/example.ts', imports('../compute/gpu-instances', '../core/labels'))).toEqual([]);
  // the readers of synthesized JSON load neither cdktf nor a provider (the CLI starts without them)
  expect(restricted('src/synth/example.ts', imports('cdktf', 'constructs', '@cdktf/provider-aws/lib/s3-bucket', 'yaml'))).toEqual([
    [1, "'cdktf' import is restricted from being used"],
    [2, "'constructs' import is restricted from being used"],
    [3, "'@cdktf/provider-aws/lib/s3-bucket' import is restricted from being used by a pattern"],
  ]);
  expect(restricted('src/review/example.ts', imports('cdktf'))).toHaveLength(1);
  expect(restricted('src/policy/example.ts', imports('cdktf'))).toEqual([]);
  // the provider-root rule still applies inside a layer
  expect(restricted('src/core/example.ts', imports('@cdktf/provider-aws'))).toEqual([[1, "'@cdktf/provider-aws' import is restricted from being used"]]);
}, 30000);
