/**
 * Where the cdktf-mlops package is installed: the folder of the nearest `package.json` named
 * `cdktf-mlops` above the calling module. The same lookup works from the sources (src/), from the
 * compiled modules (dist/src/) and from the bundles `npm run build` writes (dist/index.js,
 * dist/stacks/main.js), which sit at other depths.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The package's name in its package.json. */
export const PACKAGE_NAME = 'cdktf-mlops';

/** The package root and its package.json, or undefined when `from` is not inside the package. */
export function findPackageRoot(from: string = __dirname): { readonly dir: string; readonly version?: string } | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) return { dir, version: pkg.version };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
