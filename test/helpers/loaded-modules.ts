/**
 * What a piece of the library loads at run time: runs `code` in a fresh Node process whose
 * `require` compiles the TypeScript sources with swc as jest does (type-only imports elided) and
 * records every module loaded, then lists the npm packages among them.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

const PRELUDE = `
const Module = require('module');
const fs = require('fs');
const swc = require('@swc/core');
const options = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'), { ...options, filename: file }).code, file);
const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exported = load.apply(this, arguments);
  try { loaded.add(Module._resolveFilename(request, parent, isMain)); } catch {}
  return exported;
};
const done = (result) => process.stdout.write(JSON.stringify({ result, loaded: [...loaded] }));
`;

/** What {@link loadedBy} found. */
export interface Loaded {
  /** What `code` passed to `done(…)`. */
  readonly result: unknown;
  /** Files loaded, relative to the project root (`src/…`, `node_modules/…`). */
  readonly files: string[];
  /** npm packages loaded (`cdktf`, `@cdktf/provider-aws`, …), sorted. */
  readonly packages: string[];
}

/**
 * Runs `code` (CommonJS, cwd = project root; it must call `done(result)`) after the prelude and
 * returns what it loaded.
 */
export function loadedBy(code: string): Loaded {
  const run = spawnSync(process.execPath, ['-e', PRELUDE + code], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`child process failed (${run.status}): ${run.stderr}`);
  const { result, loaded } = JSON.parse(run.stdout) as { result: unknown; loaded: string[] };
  const files = loaded.filter((f) => path.isAbsolute(f)).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
  const packages = new Set<string>();
  for (const f of files) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (match && !match[1].startsWith('@swc/')) packages.add(match[1]);
  }
  return { result, files, packages: [...packages].sort() };
}
