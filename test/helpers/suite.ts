/**
 * Runs the test files of a folder in one jest test file, a `<folder>.suite.ts` that calls
 * {@link runTestFilesUnder} with its own directory (see helpers/test-files.js for why).
 */
import * as path from 'path';
import { suiteFilesUnder, testFilesUnder } from './test-files';

/**
 * Runs every `*.test.ts` file under `dir` (subfolders included, contract tests excluded), each in a
 * `describe` named after its path relative to `dir`. Each file is still its own module, and its
 * top-level hooks apply to its own tests only; the files share one module registry, so cdktf, the
 * providers and src/ are loaded once per folder instead of once per file.
 */
export function runTestFilesUnder(dir: string): void {
  const suites = suiteFilesUnder(dir);
  if (suites.length !== 1) throw new Error(`${dir} must have exactly one *.suite.ts file under it (subfolders included), found: ${suites.join(', ')}`);
  const files = testFilesUnder(dir);
  if (files.length === 0) throw new Error(`no *.test.ts files under ${dir}`);
  for (const file of files) {
    describe(path.relative(dir, file), () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    });
  }
}
