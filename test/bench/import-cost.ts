/**
 * Run by `npm run bench` in a fresh process (`node dist/test/bench/import-cost.js`): what importing
 * the library costs before any construct exists (`require('cdktf-mlops')`, i.e. the package's main, the
 * bundle dist/index.js):
 * modules loaded, bytes of JavaScript read and the time it takes. Prints one JSON line. Imports
 * nothing of the library itself before measuring.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The cost of one import. */
export interface ImportCost {
  readonly modules: number;
  readonly mib: number;
  readonly ms: number;
}

function importCost(): ImportCost {
  const before = new Set(Object.keys(require.cache));
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.resolve(__dirname, '..', '..', 'index.js'));
  const ms = performance.now() - start;
  const loaded = Object.keys(require.cache).filter((m) => !before.has(m));
  return { modules: loaded.length, mib: loaded.reduce((sum, m) => sum + fs.statSync(m).size, 0) / 1048576, ms };
}

if (require.main === module) process.stdout.write(JSON.stringify(importCost()));
