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
//   dist/stacks/main.js  the reference app `cdktf synth` runs (cdktf.json; not a package file), with
//                        everything in it: cdktf, constructs, the providers and the dependencies too —
//                        except one module of cdktf, below.
//
// cdktf's `lib/private/fs.js` (asset copying and zipping) stays a file of its own next to the app,
// `dist/stacks/cdktf-private-fs.js` (the `cdktfFs` plugin): cdktf zips an ARCHIVE asset by running that
// module's own file as a script (`node <its __filename> src dest`), which inside the app bundle would run
// the app again. Built from cdktf's module, with one change of linking: `archiver`, the zip library
// cdktf loads at start (~100 ms, a tenth of a one-set synth) but calls only to zip an ARCHIVE asset, is
// loaded on its first call (`lazyArchiver`). The build fails if cdktf's module would end up inside the
// app bundle (a later cdktf that moves it) rather than start a synth that runs itself.
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

/** cdktf's asset module (see the header), and the file it becomes next to an app bundle. */
const CDKTF_FS = path.join(path.dirname(require.resolve('cdktf/package.json', { paths: [ROOT] })), 'lib', 'private', 'fs.js');
const CDKTF_FS_FILE = 'cdktf-private-fs.js';

/** cdktf's `require("./private/fs")` becomes `require("./cdktf-private-fs.js")`, resolved next to the app bundle. */
function cdktfFs(intercepted) {
  return {
    name: 'cdktf-fs',
    setup(build) {
      build.onResolve({ filter: /^\.\/private\/fs(\.js)?$/ }, (args) => {
        if (path.resolve(args.resolveDir, `${args.path.replace(/\.js$/, '')}.js`) !== CDKTF_FS) return undefined;
        intercepted.push(args.importer);
        return { path: `./${CDKTF_FS_FILE}`, external: true };
      });
    },
  };
}

/** `require("archiver")` returns a function that loads archiver (bundled) on its first call and forwards to it. */
const lazyArchiver = {
  name: 'lazy-archiver',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) => ({ path: 'archiver', namespace: 'lazy-archiver', pluginData: { resolveDir: args.resolveDir } }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-archiver' }, (args) => ({
      // `archiver/` (the package folder) is not intercepted: it is the real module, bundled
      contents: "let real;\nmodule.exports = function archiver(...args) {\n  real ??= require('archiver/');\n  return real(...args);\n};\n",
      resolveDir: args.pluginData.resolveDir,
    }));
  },
};

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
];

/** Bundles `entry` (a compiled module, relative to the project) into `outfile`. */
async function bundle({ entry, outfile, external }) {
  // `<package>/*` as well: the providers are imported by module path (`@cdktf/provider-aws/lib/s3-bucket`)
  await esbuild.build({ ...COMMON, entryPoints: [entry], outfile, external: external.flatMap((p) => [p, `${p}/*`]), allowOverwrite: entry === outfile });
}

/**
 * Bundles the app `entry` (a compiled module) with everything it imports into `outfile`, and cdktf's
 * asset module into `cdktf-private-fs.js` next to it (see the header).
 */
async function bundleApp(entry, outfile) {
  const intercepted = [];
  const result = await esbuild.build({ ...COMMON, entryPoints: [entry], outfile, plugins: [cdktfFs(intercepted)], metafile: true, allowOverwrite: path.resolve(ROOT, entry) === path.resolve(ROOT, outfile) });
  const inside = Object.keys(result.metafile.inputs).filter((input) => path.resolve(ROOT, input) === CDKTF_FS);
  if (inside.length > 0 || intercepted.length === 0) {
    throw new Error(`${outfile}: cdktf's ${path.relative(ROOT, CDKTF_FS)} was not kept out of the bundle (intercepted from ${intercepted.length} modules); the app would run itself to zip an asset. Has cdktf moved it?`);
  }
  await esbuild.build({ ...COMMON, entryPoints: [CDKTF_FS], outfile: path.join(path.dirname(outfile), CDKTF_FS_FILE), plugins: [lazyArchiver] });
}

async function main() {
  for (const b of BUNDLES) await bundle(b);
  await bundleApp('dist/stacks/main.js', 'dist/stacks/main.js');
}

module.exports = { BUNDLES, bundleApp, CDKTF_FS_FILE };

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
