// Contract tests: synthesized custom resources against the upstream CRDs and Helm values against the
// pinned charts' values, from ../shared/upstream (or $MLOPS_UPSTREAM_DIR). Run by `npm run test:contract`.
const base = require('./jest.config.js');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/*.contract.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
