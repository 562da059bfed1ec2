import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findPackageRoot, PACKAGE_NAME } from '../../src/core/package-root';

const REPO = path.resolve(__dirname, '..', '..');
const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('findPackageRoot', () => {
  test.each([
    ['the sources', path.join(REPO, 'src', 'core')],
    ['a compiled module', path.join(REPO, 'dist', 'src', 'core', 'apply-time')],
    ['the library bundle', path.join(REPO, 'dist')],
    ['the app bundle', path.join(REPO, 'dist', 'stacks')],
  ])('finds the package from %s', (_what, from) => {
    expect(findPackageRoot(from)).toEqual({ dir: REPO, version });
  });

  test('skips a package.json of another name on the way up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-root-'));
    try {
      const inner = path.join(dir, 'node_modules', PACKAGE_NAME, 'dist', 'stacks');
      fs.mkdirSync(inner, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user-app', version: '9.9.9' }));
      fs.writeFileSync(path.join(dir, 'node_modules', PACKAGE_NAME, 'package.json'), JSON.stringify({ name: PACKAGE_NAME, version: '1.2.3' }));
      fs.writeFileSync(path.join(inner, '..', 'package.json'), JSON.stringify({ name: 'not-it' }));
      expect(findPackageRoot(inner)).toEqual({ dir: path.join(dir, 'node_modules', PACKAGE_NAME), version: '1.2.3' });
      expect(findPackageRoot(dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
