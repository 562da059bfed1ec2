#!/usr/bin/env node
// .ci/run, after `npm run synth`: proves the bundles of scripts/bundle/bundle.js equivalent to the modules
// tsc compiled, and the CLI bundle light. Exits 1 with what differs.
//
// 1. the app: `node dist/stacks/main.js` (the bundle) and the unbundled dist/stacks/synth.js synthesize
//    all reference stack sets; every file of the two output folders must be byte-identical;
// 2. the library: dist/index.js exports the same names as dist/src/index.js and loads no module of the
//    project (they are inlined; packages stay external);
// 3. the CLI: dist/cli.js reports the package version, and `check` on the app's output runs without
//    loading cdktf or a provider;
// 4. an ARCHIVE asset: a small app bundled as the reference app is (cdktf's asset module next to it,
//    archiver loaded on first use) zips its asset, as cdktf does unbundled.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { bundleApp } = require('./bundle');
const { filesOf: files } = require('../lambda-archives/zip');

const ROOT = path.resolve(__dirname, '..', '..');
const problems = [];

function run(argv, env = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${argv.join(' ')} exited with ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return r;
}

function compareTrees(a, b, label) {
  const fa = files(a);
  const fb = files(b);
  if (fa.join('\n') !== fb.join('\n')) {
    problems.push(`${label}: different files: only bundled ${fa.filter((f) => !fb.includes(f)).slice(0, 5).join(', ') || '-'}; only unbundled ${fb.filter((f) => !fa.includes(f)).slice(0, 5).join(', ') || '-'}`);
    return 0;
  }
  const differing = fa.filter((f) => !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
  if (differing.length > 0) problems.push(`${label}: ${differing.length} files differ, e.g. ${differing.slice(0, 3).join(', ')}`);
  return fa.length;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-check-'));
try {
  // 1. the app
  const bundled = path.join(tmp, 'bundled');
  const unbundled = path.join(tmp, 'unbundled');
  run([process.execPath, 'dist/stacks/main.js'], { CDKTF_OUTDIR: bundled, STACK_SETS: '' });
  run([process.execPath, '-e', "process.exitCode = require('./dist/stacks/synth').synthReferenceStacks(process.env, (t) => process.stderr.write(t))"], { CDKTF_OUTDIR: unbundled, STACK_SETS: '' });
  const compared = compareTrees(bundled, unbundled, 'app');

  // 2. the library
  const lib = run([process.execPath, '-e', [
    "const own = (f) => !f.includes('/node_modules/') && !f.startsWith('node:');",
    "const before = new Set(Object.keys(require.cache));",
    "const bundle = require('./dist/index.js');",
    "const loaded = Object.keys(require.cache).filter((f) => !before.has(f));",
    "const ownLoaded = loaded.filter((f) => own(f) && !f.endsWith('/dist/index.js'));",
    "const modules = require('./dist/src/index.js');",
    "process.stdout.write(JSON.stringify({ bundle: Object.keys(bundle).sort(), modules: Object.keys(modules).sort(), ownLoaded }));",
  ].join('\n')]);
  if (lib.status === 0) {
    const r = JSON.parse(lib.stdout);
    if (r.bundle.join() !== r.modules.join()) problems.push(`library: dist/index.js exports ${r.bundle.length} names, dist/src/index.js ${r.modules.length}; missing: ${r.modules.filter((n) => !r.bundle.includes(n)).slice(0, 5).join(', ')}`);
    if (r.ownLoaded.length > 0) problems.push(`library: dist/index.js loaded modules of the project: ${r.ownLoaded.slice(0, 3).join(', ')}`);
  }

  // 3. the CLI
  const version = run([process.execPath, 'bin/cdktf-mlops.js', '--version']);
  const pkgVersion = require(path.join(ROOT, 'package.json')).version;
  if (version.status === 0 && !version.stdout.includes(pkgVersion)) problems.push(`cli: --version printed ${JSON.stringify(version.stdout.trim())}, want ${pkgVersion}`);
  const cli = run([process.execPath, '-e', [
    "process.argv = [process.argv[0], 'cdktf-mlops', 'check', process.env.OUT];",
    "process.on('exit', () => { const heavy = Object.keys(require.cache).filter((f) => /node_modules\\/(cdktf|@cdktf)\\//.test(f)); if (heavy.length) { process.stderr.write('loaded ' + heavy[0]); process.exitCode = 9; } });",
    "require('./bin/cdktf-mlops.js');",
  ].join('\n')], { OUT: bundled });
  if (cli.status === 9) problems.push(`cli: check loaded cdktf or a provider (${cli.stderr.trim()})`);

  // 4. an ARCHIVE asset (async: esbuild)
  archiveCheck().then(() => finish(compared), (e) => {
    problems.push(`archive asset: ${e.message}`);
    finish(compared);
  });
} catch (e) {
  fs.rmSync(tmp, { recursive: true, force: true });
  throw e;
}

/** Bundles a one-asset app (inside the project, so that it resolves cdktf) and checks the zip it writes. */
async function archiveCheck() {
  const app = fs.mkdtempSync(path.join(ROOT, 'dist', 'bundle-check-'));
  try {
    fs.mkdirSync(path.join(app, 'asset'));
    fs.writeFileSync(path.join(app, 'asset', 'hello.txt'), 'hello\n');
    fs.writeFileSync(path.join(app, 'app.js'), [
      "const path = require('path');",
      "const { App, AssetType, TerraformAsset, TerraformStack } = require('cdktf');",
      "const app = new App({ outdir: process.argv[2] });",
      "new TerraformAsset(new TerraformStack(app, 'archive'), 'asset', { path: path.join(__dirname, 'asset'), type: AssetType.ARCHIVE });",
      'app.synth();',
    ].join('\n'));
    await bundleApp(path.join(app, 'app.js'), path.join(app, 'bundle.js'));
    const out = path.join(app, 'out');
    run([process.execPath, path.join(app, 'bundle.js'), out]);
    const zips = fs.existsSync(out) ? files(out).filter((f) => f.endsWith('.zip')) : [];
    if (zips.length !== 1) problems.push(`archive asset: the bundled app wrote ${zips.length} zip files, want 1`);
    else if (fs.readFileSync(path.join(out, zips[0])).subarray(0, 4).toString('latin1') !== 'PK\x03\x04') problems.push(`archive asset: ${zips[0]} is not a zip`);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}

function finish(compared) {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (problems.length > 0) {
    process.stderr.write(`bundle check failed:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`bundle check: the app bundle wrote the same ${compared} files as the unbundled modules; the library bundle exports the same names and loads no project module; the CLI check loads no cdktf; an ARCHIVE asset is zipped from the bundled app\n`);
}
