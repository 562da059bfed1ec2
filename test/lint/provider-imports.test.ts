/** The lint rule that keeps provider package roots (~3 s, ~0.5 GB per process) out of the code. */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGES = ['@cdktf/provider-aws', '@cdktf/provider-kubernetes', '@cdktf/provider-helm'];

test('provider package roots are refused, resource modules allowed', () => {
  const code = [
    ...PACKAGES.map((pkg, i) => `import { x${i} } from '${pkg}';`),
    `import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';`,
    `export const all = [x0, x1, x2, S3Bucket];`,
    '',
  ].join('\n');
  // ESLint's flat config is an ES module, which jest's VM cannot import: run the real CLI.
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'src/example.ts', '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout);
  const restricted = result.messages.filter((m: any) => m.ruleId === 'no-restricted-imports').map((m: any) => [m.line, m.message]);
  expect(restricted).toEqual(
    PACKAGES.map((pkg, i) => [
      i + 1,
      `'${pkg}' import is restricted from being used. Import from '${pkg}/lib/<resource>' instead: the package root loads every resource class (~3 s, ~0.5 GB).`,
    ]),
  );
}, 30000);
