/**
 * A deterministic zip of a Lambda handler folder (issue 19): the files of the folder, sorted, deflated,
 * with a fixed timestamp (1980-01-01) and mode 0644, so the same handler always gives the same bytes.
 * `node scripts/lambda-archives/zip.js` rebuilds every archive under lambda/archives/ from its handler
 * folder (lambda/<name>/ → lambda/archives/<name>/archive.zip); test/core/databases/lambda-archive.test.ts
 * fails when an archive no longer holds exactly its handler's files.
 *
 * Why prebuilt: cdktf zips an `AssetType.ARCHIVE` asset by running a second node process per asset
 * during synth (~0.23 s each; a reference set with three Redis groups paid ~0.7 s). The library ships
 * the archive and declares it as a file asset instead.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UNIX_FILE_0644 = (0o100644 << 16) >>> 0;

/** The files of `dir` (relative paths with `/`), sorted. */
function filesOf(dir, prefix = '') {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesOf(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)]))
    .sort();
}

/** A zip of `entries` ({ name, data }), deterministic. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: unix, 2.0
    local.copy(central, 6, 4, 30); // version needed … extra length: the local header's fields
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(UNIX_FILE_0644, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The archive of the handler folder `dir`. */
function archiveOf(dir) {
  return zip(filesOf(dir).map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) })));
}

const LAMBDA = path.resolve(__dirname, '../../lambda');

/** The handlers that have an archive: lambda/<name>/ with lambda/archives/<name>/. */
function archivedHandlers() {
  const archives = path.join(LAMBDA, 'archives');
  return fs.existsSync(archives) ? fs.readdirSync(archives).sort() : [];
}

module.exports = { archiveOf, archivedHandlers, filesOf, LAMBDA };

if (require.main === module) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : archivedHandlers();
  for (const name of names) {
    const target = path.join(LAMBDA, 'archives', name, 'archive.zip');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, archiveOf(path.join(LAMBDA, name)));
    process.stdout.write(`${path.relative(process.cwd(), target)}\n`);
  }
}
