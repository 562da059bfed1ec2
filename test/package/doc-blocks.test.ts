/**
 * The code blocks of README.md, docs/ and the examples' READMEs, checked without the packed package
 * (which `npm run test:package` compiles them against): each TypeScript block parses and imports only
 * what a user of the package has; each JSON and YAML block parses; every block is closed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { codeBlocks, documentationBlocks, documentationFiles, isTypeScript } = require('./doc-blocks');

interface Block {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

const ROOT = path.join(__dirname, '..', '..');
const blocks: Block[] = documentationBlocks(ROOT);
const where = (b: Block) => `${b.file}:${b.line}`;

test('the documentation has the files and blocks it should', () => {
  const files: string[] = documentationFiles(ROOT);
  expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/catalog/core.md', 'docs/catalog/serving.md', 'examples/mig-vllm/README.md']));
  expect(files.some((f) => f.startsWith('docs/api/'))).toBe(false);
  expect(blocks.filter(isTypeScript).length).toBeGreaterThan(25);
});

test('no documentation file holds a merge conflict', () => {
  const marked = (documentationFiles(ROOT) as string[]).filter((f) => /^(<{7}|>{7}|={7})( |$)/m.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(marked).toEqual([]);
});

test('the extractor: fences, languages, indentation, lines; an unclosed block is an error', () => {
  const md = ['# x', '```ts', 'const a = 1;', '```', '- item', '  ```json', '  { "a": 1 }', '  ```', '```', 'plain', '```'].join('\n');
  expect(codeBlocks(md, 'x.md')).toEqual([
    { file: 'x.md', line: 2, lang: 'ts', code: 'const a = 1;' },
    { file: 'x.md', line: 6, lang: 'json', code: '{ "a": 1 }' },
    { file: 'x.md', line: 9, lang: '', code: 'plain' },
  ]);
  expect(() => codeBlocks('```ts\nconst a = 1;\n', 'y.md')).toThrow('y.md:1: code block is not closed');
});

test('every TypeScript block parses', () => {
  const broken = blocks.filter(isTypeScript).flatMap((b) => {
    const source = ts.createSourceFile('block.ts', b.code, ts.ScriptTarget.ES2022, true);
    const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    return diagnostics.map((d) => `${where(b)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  });
  expect(broken).toEqual([]);
});

test('TypeScript blocks import only the package, cdktf, constructs and provider resource modules', () => {
  const allowed = (spec: string) => spec === 'cdktf-mlops' || spec === 'cdktf' || spec === 'constructs' || /^@cdktf\/provider-(aws|kubernetes|helm)\/lib\/[a-z0-9-]+$/.test(spec);
  const bad = blocks.filter(isTypeScript).flatMap((b) => {
    const source = ts.createSourceFile('block.ts', b.code, ts.ScriptTarget.ES2022, true);
    return source.statements
      .filter(ts.isImportDeclaration)
      .map((i) => (i.moduleSpecifier as ts.StringLiteral).text)
      .filter((spec) => !allowed(spec))
      .map((spec) => `${where(b)}: imports '${spec}'`);
  });
  expect(bad).toEqual([]);
});

test('JSON and YAML blocks parse', () => {
  const bad: string[] = [];
  for (const b of blocks.filter((x) => x.lang === 'json')) {
    try {
      JSON.parse(b.code);
    } catch (e) {
      bad.push(`${where(b)}: ${(e as Error).message}`);
    }
  }
  for (const b of blocks.filter((x) => x.lang === 'yaml' || x.lang === 'yml')) {
    for (const doc of parseAllDocuments(b.code)) for (const e of doc.errors) bad.push(`${where(b)}: ${e.message}`);
  }
  expect(bad).toEqual([]);
  expect(blocks.filter((x) => x.lang === 'json').length).toBeGreaterThan(0);
});
