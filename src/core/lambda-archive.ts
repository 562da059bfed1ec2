/**
 * `lambdaArchiveAsset`: a Lambda handler folder shipped with the package, as the Terraform asset of
 * its prebuilt zip (`lambda/archives/<name>/archive.zip`, built by scripts/lambda-archives/zip.js and
 * checked against the folder by a test).
 *
 * Why not `AssetType.ARCHIVE`: cdktf zips such an asset by running a second node process per asset
 * during synth (~0.23 s each, three in a reference set with three Redis groups). The prebuilt zip is a
 * file asset carrying the folder's content hash (cdktf's hash of the folder), so the synthesized
 * `filename` (`assets/<id>/<hash>/archive.zip`) and `source_code_hash` are what the archive asset gave.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';

/** The prebuilt archive of the handler folder `handlerDir` (`<lambda>/archives/<name>/archive.zip`). */
export function lambdaArchivePath(handlerDir: string): string {
  return path.join(path.dirname(handlerDir), 'archives', path.basename(handlerDir), 'archive.zip');
}

/** The content hash cdktf gives a folder asset: MD5 over its files' bytes, in directory order, upper-case hex. */
export function folderHash(dir: string): string {
  const hash = createHash('md5');
  const visit = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isFile()) hash.update(fs.readFileSync(p));
    else if (stat.isDirectory()) fs.readdirSync(p).forEach((name) => visit(path.resolve(p, name)));
  };
  visit(dir);
  return hash.digest('hex').toUpperCase();
}

/** The asset of the handler folder `handlerDir`: its prebuilt zip, under the folder's content hash. */
export function lambdaArchiveAsset(scope: Construct, id: string, handlerDir: string): TerraformAsset {
  const archive = lambdaArchivePath(handlerDir);
  if (!fs.existsSync(archive)) throw new Error(`${scope.node.path}: the Lambda archive ${archive} is missing; run node scripts/lambda-archives/zip.js (or reinstall cdktf-mlops)`);
  return new TerraformAsset(scope, id, { path: archive, type: AssetType.FILE, assetHash: folderHash(handlerDir) });
}
