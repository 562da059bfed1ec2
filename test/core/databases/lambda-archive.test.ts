/**
 * The prebuilt Lambda archives (lambda/archives/<name>/archive.zip, scripts/lambda-archives/zip.js):
 * each holds exactly the files of its handler folder, byte for byte (read back with a zip reader of
 * its own, not the writer), and is what the writer builds today; the asset hash the library gives
 * it is cdktf's hash of the handler folder, so the synthesized `filename` and `source_code_hash`
 * are those of the archive asset it replaces.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { TerraformStack, Testing } from 'cdktf';
import { hashPath } from 'cdktf/lib/private/fs';
import { folderHash, lambdaArchiveAsset, lambdaArchivePath } from '../../../src/core/lambda-archive';
import { redisRbacHandlerDir } from '../../../src/core/databases/redis-rbac-user';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { archiveOf, archivedHandlers, filesOf, LAMBDA } = require('../../../scripts/lambda-archives/zip.js');

const REBUILD = 'run node scripts/lambda-archives/zip.js and commit the archive';

/** The entries of a zip file (central directory → local headers → inflated data, CRC checked). */
function unzip(zip: Buffer): Record<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Record<string, Buffer> = {};
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, size, nameLength, extraLength, commentLength, offset] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const stored = zip.subarray(start, start + size);
    const data = method === 8 ? zlib.inflateRawSync(stored) : stored;
    expect([name, zlib.crc32(data) >>> 0]).toEqual([name, crc]);
    entries[name] = data;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('prebuilt Lambda archives', () => {
  const handlers = fs.readdirSync(LAMBDA, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'archives').map((e) => e.name).sort();

  test('every handler folder has an archive, and every archive a handler folder', () => {
    expect(handlers).toContain('redis-rbac-user');
    expect(archivedHandlers()).toEqual(handlers);
  });

  test.each(handlers)('%s: the archive holds exactly the handler folder’s files', (name) => {
    const dir = path.join(LAMBDA, name);
    const entries = unzip(fs.readFileSync(lambdaArchivePath(dir)));
    expect(Object.keys(entries).sort()).toEqual(filesOf(dir));
    for (const file of filesOf(dir)) expect({ file, same: entries[file].equals(fs.readFileSync(path.join(dir, file))) }).toEqual({ file, same: true });
  });

  test.each(handlers)(`%s: the archive is what the writer builds (deterministic; else ${REBUILD})`, (name) => {
    const dir = path.join(LAMBDA, name);
    expect(archiveOf(dir).equals(archiveOf(dir))).toBe(true);
    expect(archiveOf(dir).equals(fs.readFileSync(lambdaArchivePath(dir)))).toBe(true);
  });

  test('the asset carries cdktf’s hash of the handler folder, and its path ends in archive.zip as the archive asset’s did', () => {
    const dir = redisRbacHandlerDir();
    expect(folderHash(dir)).toBe(hashPath(dir));
    const stack = new TerraformStack(Testing.app(), 'archive');
    const asset = lambdaArchiveAsset(stack, 'code', dir);
    expect(asset.path).toBe(`assets/code/${hashPath(dir)}/archive.zip`);
  });

  test('a missing archive is an error naming the fix', () => {
    const stack = new TerraformStack(Testing.app(), 'missing');
    expect(() => lambdaArchiveAsset(stack, 'code', path.join(LAMBDA, 'no-such-handler'))).toThrow(/lambda\/archives\/no-such-handler\/archive.zip is missing; run node scripts\/lambda-archives\/zip.js/);
  });
});
