/** The `*.test.ts` files under `dir` (recursively, sorted), without the contract tests. */
export function testFilesUnder(dir: string): string[];
/** The `*.suite.ts` files under `dir` (recursively, sorted). */
export function suiteFilesUnder(dir: string): string[];
