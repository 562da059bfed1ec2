// jest `dependencyExtractor`: a `*.suite.ts` file depends on the test files it runs (helpers/suite.ts
// requires them by computed path, which jest's own extractor cannot see). Keeps `jest --watch`,
// `--onlyChanged` and `--findRelatedTests` picking the suite when a component or its test changes.
const crypto = require('crypto');
const path = require('path');
const { testFilesUnder } = require('./test-files');

const TEST_ROOT = __dirname.replace(/[\\/]helpers$/, '');

module.exports = {
  extract(code, filePath, defaultExtract) {
    const dependencies = defaultExtract(code, filePath);
    if (filePath.endsWith('.suite.ts')) {
      for (const file of testFilesUnder(path.dirname(filePath))) dependencies.add(`./${path.relative(path.dirname(filePath), file)}`);
    }
    return dependencies;
  },
  // The cached dependencies of a suite file go stale when a test file is added or removed.
  getCacheKey() {
    return crypto.createHash('sha1').update(testFilesUnder(TEST_ROOT).join('\n')).digest('hex');
  },
};
