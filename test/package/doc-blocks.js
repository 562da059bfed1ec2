// The fenced code blocks of the documentation (README.md, docs/**/*.md, examples/**/README.md), for
// the tests that check them: doc-blocks.test.ts (npm test: every block parses, TypeScript blocks
// import only what a user of the package can) and install-test.js (.ci/run: every TypeScript block
// typechecks against the packed package).
const fs = require('fs');
const path = require('path');

/** The Markdown files whose code blocks are checked, relative to `root`, sorted. */
function documentationFiles(root) {
  const under = (dir) =>
    fs.existsSync(path.join(root, dir))
      ? fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
          const rel = path.join(dir, entry.name);
          if (entry.isDirectory()) return entry.name === 'api' && dir === 'docs' ? [] : under(rel);
          return entry.name.endsWith('.md') ? [rel] : [];
        })
      : [];
  return ['README.md', ...under('docs'), ...under('examples').filter((f) => path.basename(f) === 'README.md')].sort();
}

/**
 * The fenced blocks of one Markdown text: `{ file, line, lang, code }`, `line` being the 1-based line
 * of the opening fence. A fence is three or more backticks at the start of a line (indented fences,
 * e.g. inside list items, count too).
 */
function codeBlocks(markdown, file) {
  const blocks = [];
  const lines = markdown.split('\n');
  let open;
  lines.forEach((text, i) => {
    const fence = /^(\s*)(`{3,})(.*)$/.exec(text);
    if (!open) {
      if (fence) open = { indent: fence[1].length, ticks: fence[2].length, lang: fence[3].trim().split(/\s+/)[0] || '', line: i + 1, body: [] };
      return;
    }
    if (fence && fence[2].length >= open.ticks && fence[3].trim() === '') {
      blocks.push({ file, line: open.line, lang: open.lang, code: open.body.join('\n') });
      open = undefined;
      return;
    }
    open.body.push(text.slice(Math.min(open.indent, text.length - text.trimStart().length)));
  });
  if (open) throw new Error(`${file}:${open.line}: code block is not closed`);
  return blocks;
}

/** Every code block of the documentation under `root`. */
function documentationBlocks(root) {
  return documentationFiles(root).flatMap((file) => codeBlocks(fs.readFileSync(path.join(root, file), 'utf8'), file));
}

/** True for a TypeScript block. */
function isTypeScript(block) {
  return block.lang === 'ts' || block.lang === 'typescript';
}

/** A file name for a block: `README.md:245` → `README_md_245.ts`. */
function snippetFileName(block) {
  return `${block.file.replace(/[^A-Za-z0-9]+/g, '_')}_${block.line}.ts`;
}

module.exports = { documentationFiles, codeBlocks, documentationBlocks, isTypeScript, snippetFileName };
