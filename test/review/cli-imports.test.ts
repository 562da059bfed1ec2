/**
 * The CLI commands only read JSON, so nothing they import may load cdktf, constructs or a provider
 * (those cost most of a second and ~100 MiB before any work starts). Follows the static and dynamic
 * imports of src/cli/run.ts through src/ and lists every package they reach.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Packages reached from `entry`, with the first src file that imports each. */
function reachedFrom(entry: string): { packages: Map<string, string>; files: Set<string> } {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^import\s[^;]*?from\s+|^export\s[^;]*?from\s+|import\()'([^']+)'/gm)) {
      const spec = m[1];
      if (/^import\s+type\s/.test(m[0]) || /^export\s+type\s/.test(m[0])) continue;
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, path.relative(SRC, file));
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (!target) throw new Error(`${file}: cannot resolve ${spec}`);
      visit(target);
    }
  };
  visit(entry);
  return { packages, files: new Set([...seen].map((f) => path.relative(SRC, f))) };
}

test('the CLI reaches no cdktf, constructs or provider module', () => {
  const { packages, files } = reachedFrom(path.join(SRC, 'cli', 'run.ts'));
  const heavy = [...packages].filter(([spec]) => /^(cdktf|constructs|@cdktf\/)/.test(spec)).map(([spec, from]) => `${spec} (from ${from})`);
  expect(heavy).toEqual([]);
  // it follows the imports it should: the commands, the review and every policy rule
  for (const f of ['cli/review-commands.ts', 'cli/check-command.ts', 'review/diff.ts', 'review/cost.ts', 'policy/engine.ts', 'policy/rules/s3/s3-encryption.ts']) expect(files.has(f)).toBe(true);
});
