#!/usr/bin/env node
// `npm run build`, after tsc: bundles the compiled modules (dist/) into three files with esbuild, so that
// a process loads one module instead of about a thousand (issue #19: module resolution and loading was a
// third of a reference synth):
//
//   dist/index.js        the library (package.json "main"): dist/src/index.js and the project's modules it
//                        imports. Packages stay `require`s: the peer dependencies (cdktf, constructs,
//                        @cdktf/provider-*), shared with the app that imports the library, and the
//                        dependencies (zod, yaml, js-yaml), so that no third-party code is redistributed
//                        inside the package's files;
//   dist/cli.js          the `cdktf-mlops` command (bin/cdktf-mlops.js), with the same externals;
//   dist/stacks/main.js  the reference app `cdktf synth` runs (cdktf.json; not a package file): the
//                        dependencies are inlined too, the peers stay external.
//
// The peers are never bundled, not even into the app: cdktf zips an ARCHIVE asset by running its own module
// file as a script (`node <cdktf>/lib/private/fs.js src dest`), which inside a bundle would run the bundle.
// The bundles are made from tsc's output (not the TypeScript sources), so they run exactly the code tsc
// compiled; esbuild only links the modules. Module bodies still run lazily, on first `require`, as before.
// scripts/bundle/check.js proves the bundles equivalent to the unbundled modules (.ci/run).
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = require(path.join(ROOT, 'package.json'));

/** The peer dependencies: never bundled (see the header). */
const PEERS = Object.keys(PKG.peerDependencies);

/** The dependencies: external in the package's bundles, inlined into the reference app. */
const DEPENDENCIES = Object.keys(PKG.dependencies);

/** The options every bundle shares. */
const COMMON = {
  absWorkingDir: ROOT, // the path comments in the bundles are relative to the project: output does not depend on the checkout
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  keepNames: true, // function and class `.name`s stay what tsc emitted (error names, messages)
  logLevel: 'warning',
};

/** The bundles `npm run build` writes (see the header). */
const BUNDLES = [
  { entry: 'dist/src/index.js', outfile: 'dist/index.js', external: [...PEERS, ...DEPENDENCIES] },
  { entry: 'dist/src/cli/main.js', outfile: 'dist/cli.js', external: [...PEERS, ...DEPENDENCIES] },
  { entry: 'dist/stacks/main.js', outfile: 'dist/stacks/main.js', external: PEERS },
];

/** Bundles `entry` (a compiled module, relative to the project) into `outfile`. */
async function bundle({ entry, outfile, external }) {
  // `<package>/*` as well: the providers are imported by module path (`@cdktf/provider-aws/lib/s3-bucket`)
  await esbuild.build({ ...COMMON, entryPoints: [entry], outfile, external: external.flatMap((p) => [p, `${p}/*`]), allowOverwrite: entry === outfile });
}

async function main() {
  for (const b of BUNDLES) await bundle(b);
}

module.exports = { BUNDLES };

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
