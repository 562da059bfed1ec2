// Which jest test file runs which tests. Jest gives every test file a fresh module registry, so each
// one loads cdktf, zod, yaml, the provider resources and src/ again (~0.3 s CPU per file, most of
// `npm test` when every component had its own file). A folder of test/ with a `*.suite.ts` file
// therefore runs all the `*.test.ts` files under it (subfolders included) inside that one jest test
// file (helpers/suite.ts); jest.config.js ignores them as test files of their own. Folders without
// a suite file keep one jest test file per `*.test.ts`.
const fs = require('fs');
const path = require('path');

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted. */
function filesUnder(dir, suffix) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === '__snapshots__' ? [] : filesUnder(file, suffix);
      return entry.name.endsWith(suffix) ? [file] : [];
    })
    .sort();
}

/** The `*.test.ts` files under `dir`, without the contract tests (their own jest config runs those). */
function testFilesUnder(dir) {
  return filesUnder(dir, '.test.ts').filter((file) => !file.endsWith('.contract.test.ts'));
}

/** The `*.suite.ts` files under `dir`. */
function suiteFilesUnder(dir) {
  return filesUnder(dir, '.suite.ts');
}

module.exports = { testFilesUnder, suiteFilesUnder };
