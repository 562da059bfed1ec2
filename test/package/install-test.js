// The package as a user gets it (`npm run test:package`: `npm run docs`, then this; .ci/run runs it
// after `npm run synth` built dist/):
//
// 1. `npm pack` the project (scripts skipped: dist/ and docs/api/ must be current, which is checked);
// 2. install the tarball into a fresh temporary project with nothing else but TypeScript and
//    @types/node (the peer dependencies cdktf, constructs and the three providers come in as npm
//    installs peers), offline from the npm cache where it can;
// 3. compile there, against the installed package: every example program of examples/ (their
//    imports of the repository's src/ rewritten to 'cdktf-mlops') and every TypeScript block of
//    README.md, docs/ and the examples' READMEs (see doc-context.ts);
// 4. synthesize one example app and run the installed `cdktf-mlops` bin on its output: `--version`,
//    `check`, and `cost` with the price file of docs/catalog/review.md;
// 5. check that every relative link of the packed README points at a file in the package.
//
// Exits non-zero with what failed. KEEP_INSTALL_TEST=1 keeps the temporary project.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { documentationBlocks, isTypeScript, snippetFileName } = require('./doc-blocks');

const ROOT = path.join(__dirname, '..', '..');
const PKG = require(path.join(ROOT, 'package.json'));
const EXAMPLE = 'kserve-existing-cluster';
const started = Date.now();

function step(message) {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`);
}

/** A failed check: thrown, so that the temporary project is removed before the process exits with 1. */
class InstallTestFailure extends Error {}

function fail(message) {
  throw new InstallTestFailure(message);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0 && !options.allowFailure) {
    fail(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Fails when a source file is newer than its compiled file or the API reference (built by other scripts). */
function checkBuildIsCurrent() {
  const newest = (dir, suffix) =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(file, suffix));
      return entry.name.endsWith(suffix) ? Math.max(max, fs.statSync(file).mtimeMs) : max;
    }, 0);
  const src = newest(path.join(ROOT, 'src'), '.ts');
  const index = path.join(ROOT, 'dist', 'index.js');
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < src) fail('dist/ is older than src/: run `npm run build` first');
  // `npm run test:package` generates docs/api/ right before (TypeDoc leaves unchanged files alone, so no date check)
  if (!fs.existsSync(path.join(ROOT, 'docs', 'api', 'index.html'))) fail('docs/api/ is missing: run `npm run docs` first');
}

/** `npm pack` into `dir`; returns the tarball path and the packed file list. */
function pack(dir) {
  const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT }).stdout;
  const [info] = JSON.parse(out);
  return { tarball: path.join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size };
}

/** The user project: the tarball and the two dev tools of a TypeScript app, at the versions this repository uses. */
function install(project, tarball) {
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'install-test-app', version: '1.0.0', private: true }, null, 2));
  const version = (name) => require(path.join(ROOT, 'node_modules', name, 'package.json')).version;
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`], { cwd: project });
  const installed = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  const peers = Object.keys(PKG.peerDependencies);
  const copies = peers.filter((name) => !fs.existsSync(path.join(project, 'node_modules', name, 'package.json')));
  if (copies.length > 0) fail(`peer dependencies not installed: ${copies.join(', ')}`);
  const nested = peers.filter((name) => fs.existsSync(path.join(project, 'node_modules', 'cdktf-mlops', 'node_modules', name)));
  if (nested.length > 0) fail(`a second copy under cdktf-mlops/node_modules: ${nested.join(', ')}`);
  return installed;
}

/** Examples copied into the project, their imports of the repository's src/ pointed at the package. */
function copyExamples(project) {
  const files = [];
  const copy = (rel) => {
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    const rewritten = text.replace(/from '(\.\.\/)+src'/g, "from 'cdktf-mlops'");
    const outside = [...rewritten.matchAll(/from '(\.[^']*)'/g)]
      .map((m) => m[1])
      .filter((spec) => !path.join(path.dirname(rel), spec).startsWith(`examples${path.sep}`) || !fs.existsSync(path.join(ROOT, path.dirname(rel), `${spec}.ts`)));
    if (outside.length > 0) fail(`${rel} imports ${outside.join(', ')}: examples may import only the package and each other`);
    fs.mkdirSync(path.join(project, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), rewritten);
    files.push(path.join(project, rel));
  };
  for (const entry of fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) copy(path.join('examples', entry.name));
    if (entry.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', entry.name, 'main.ts'))) copy(path.join('examples', entry.name, 'main.ts'));
  }
  return files;
}

/** The documentation's TypeScript blocks as modules of the project (see doc-context.ts). */
function writeSnippets(ts, project, packageExports) {
  fs.mkdirSync(path.join(project, 'snippets'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'doc-context.ts'), path.join(project, 'snippets', 'doc-context.ts'));
  const contextSource = ts.createSourceFile('doc-context.ts', fs.readFileSync(path.join(__dirname, 'doc-context.ts'), 'utf8'), ts.ScriptTarget.ES2022);
  const contextNames = contextSource.statements.filter(ts.isVariableStatement).flatMap((s) => s.declarationList.declarations.map((d) => d.name.getText(contextSource)));
  const files = new Map();
  for (const block of documentationBlocks(ROOT).filter(isTypeScript)) {
    const source = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.ES2022, true);
    const imports = source.statements.filter(ts.isImportDeclaration);
    const imported = new Set(imports.flatMap((i) => [i.importClause?.name, ...(i.importClause?.namedBindings?.elements ?? []), i.importClause?.namedBindings?.name].filter(Boolean).map((n) => (n.name ?? n).getText(source))));
    const used = new Set();
    const visit = (node) => {
      if (ts.isIdentifier(node)) used.add(node.text);
      ts.forEachChild(node, visit);
    };
    source.statements.filter((s) => !ts.isImportDeclaration(s)).forEach(visit);
    let body = block.code;
    for (const i of [...imports].reverse()) body = body.slice(0, i.getFullStart()) + body.slice(i.getEnd());
    const fromContext = contextNames.filter((n) => used.has(n) && !imported.has(n));
    const fromPackage = [...packageExports].filter((n) => used.has(n) && !imported.has(n) && !fromContext.includes(n));
    const lines = [
      `// ${block.file}:${block.line}`,
      ...imports.map((i) => i.getText(source)),
      "import type { IConstruct as SnippetScope } from 'constructs';",
      fromPackage.length > 0 ? `import { ${fromPackage.join(', ')} } from 'cdktf-mlops';` : '',
      fromContext.length > 0 ? `import { ${fromContext.join(', ')} } from './doc-context';` : '',
      'export function snippet(this: SnippetScope): void {',
      body,
      '}',
    ];
    const file = path.join(project, 'snippets', snippetFileName(block));
    fs.writeFileSync(file, lines.join('\n'));
    files.set(file, block);
  }
  return files;
}

function main() {
  checkBuildIsCurrent();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlops-install-'));
  try {
    step(`npm pack (${work})`);
    const packed = pack(work);
    for (const required of ['dist/index.js', 'dist/cli.js', 'dist/src/index.d.ts', 'bin/cdktf-mlops.js', 'README.md', 'docs/api/index.html', 'lambda/redis-rbac-user/index.js', 'lambda/archives/redis-rbac-user/archive.zip', 'lambda/cognito-app-client/index.js', 'lambda/archives/cognito-app-client/archive.zip']) {
      if (!packed.files.includes(required)) fail(`the package lacks ${required}`);
    }
    // the bundles hold all the JavaScript: no compiled module of dist/src/ is shipped, only its declarations
    const unwanted = packed.files.filter((f) => /^(test|stacks|examples|dist\/(test|stacks|examples))\//.test(f) || /^dist\/src\/.*\.js$/.test(f));
    if (unwanted.length > 0) fail(`the package ships ${unwanted.slice(0, 5).join(', ')}`);
    step(`packed ${packed.files.length} files, ${(packed.size / 1e6).toFixed(1)} MB; installing into a fresh project`);
    const project = path.join(work, 'app');
    install(project, packed.tarball);

    step('README links');
    const readme = fs.readFileSync(path.join(project, 'node_modules', 'cdktf-mlops', 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]);
    // Links into docs/ (the catalog and the API reference) must work in the package; links to
    // src/, examples/ and stacks/ are to the repository.
    const docs = [...new Set(links)].filter((l) => l.startsWith('docs/'));
    const broken = docs.filter((l) => !fs.existsSync(path.join(project, 'node_modules', 'cdktf-mlops', l)));
    if (broken.length > 0) fail(`README links to files the package does not contain: ${broken.join(', ')}`);
    if (!docs.includes('docs/api/index.html')) fail('README does not link the API reference docs/api/index.html');

    step('compiling the examples and the documentation blocks against the installed package');
    const ts = require(path.join(project, 'node_modules', 'typescript'));
    const options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      outDir: path.join(project, 'out'),
      rootDir: project,
    };
    const indexDts = path.join(project, 'node_modules', 'cdktf-mlops', 'dist', 'src', 'index.d.ts');
    const exportsProgram = ts.createProgram([indexDts], options);
    const checker = exportsProgram.getTypeChecker();
    const packageExports = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(exportsProgram.getSourceFile(indexDts))).map((s) => s.name));
    const examples = copyExamples(project);
    const snippets = writeSnippets(ts, project, packageExports);
    const program = ts.createProgram([...examples, ...snippets.keys()], options, undefined, exportsProgram);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) {
      const where = (d) => {
        if (!d.file) return '';
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        const block = snippets.get(path.resolve(d.file.fileName));
        const text = d.file.text.split('\n')[line];
        return block ? `${block.file} (block at line ${block.line}): ${text.trim()}\n  ` : `${path.relative(project, d.file.fileName)}:${line + 1}: `;
      };
      fail(`${diagnostics.length} compile error(s):\n${diagnostics.map((d) => `${where(d)}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`).join('\n')}`);
    }
    program.emit();
    step(`${examples.length} examples and ${snippets.size} documentation blocks compile; synthesizing examples/${EXAMPLE}`);

    const outdir = path.join(project, 'cdktf.out');
    run(process.execPath, [path.join(project, 'out', 'examples', EXAMPLE, 'main.js')], { cwd: project, env: { ...process.env, CDKTF_OUTDIR: outdir } });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const stacks = Object.keys(manifest.stacks).sort();
    if (stacks.join() !== ['kserve-example-dev-cloud', 'kserve-example-dev-data', 'kserve-example-dev-platform', 'kserve-example-dev-workloads'].join()) fail(`unexpected stacks ${stacks.join(', ')}`);

    const bin = path.join(project, 'node_modules', '.bin', 'cdktf-mlops');
    const version = run(bin, ['--version'], { cwd: project }).stdout.trim();
    if (version !== PKG.version) fail(`cdktf-mlops --version printed "${version}", expected ${PKG.version}`);
    const check = run(bin, ['check', outdir], { cwd: project });
    if (!/0 error/.test(check.stdout)) fail(`cdktf-mlops check found errors:\n${check.stdout}`);
    const prices = documentationBlocks(ROOT).find((b) => b.lang === 'json' && b.file === 'docs/catalog/review.md');
    fs.writeFileSync(path.join(work, 'prices.json'), prices.code);
    run(bin, ['cost', outdir, '--prices', path.join(work, 'prices.json')], { cwd: project });
    step(`ok: ${stacks.length} stacks synthesized, cdktf-mlops ${version} check and cost ran`);
  } finally {
    if (process.env.KEEP_INSTALL_TEST) step(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`install test: ${e instanceof InstallTestFailure ? e.message : e.stack}\n`);
    process.exitCode = 1;
  }
}
