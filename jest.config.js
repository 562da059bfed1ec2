// Unit, validation, snapshot and example tests. Type-checking runs separately (`npm run typecheck`);
// @swc/jest only strips types, which keeps the suite fast.
const fs = require('fs');
const path = require('path');
const { suiteFilesUnder } = require('./test/helpers/test-files');

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A folder with a `*.suite.ts` runs its `*.test.ts` files inside that suite (one module registry per
// folder instead of per file, see test/helpers/test-files.js); they are not test files of their own.
// Except when test files are named on the command line (`npx jest test/compute/mig/layout.test.ts`):
// those then run on their own.
const namedTestFiles = process.argv.slice(2).some((arg) => arg.endsWith('.test.ts') && fs.existsSync(arg));
const suiteFolders = namedTestFiles
  ? []
  : suiteFilesUnder(path.join(__dirname, 'test')).map((file) => `^<rootDir>/${escapeRegExp(path.relative(__dirname, path.dirname(file)).split(path.sep).join('/'))}/.*\\.test\\.ts$`);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.suite.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.contract\\.test\\.ts$', ...suiteFolders],
  dependencyExtractor: '<rootDir>/test/helpers/suite-dependencies.js',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  maxWorkers: 2,
  // No test leaves a handle open: at 'beforeExit' a worker holds only jest's two IPC pipes (checked
  // with process.getActiveResourcesInfo()). But Node's own teardown of a worker that has loaded
  // cdktf, the providers and the CRD schemas (~400 MiB RSS) takes 0.8-1.5 s after its 'exit' event
  // on a loaded 2-core machine, longer than jest's default 500 ms, after which jest kills it and
  // prints "A worker process has failed to exit gracefully". Give it the time it needs.
  workerGracefulExitTimeout: 5000,
  // cdktf captures a stack trace per token; format those without jest's source maps (see the file).
  setupFiles: ['<rootDir>/test/helpers/plain-stack-traces.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.js',
};
